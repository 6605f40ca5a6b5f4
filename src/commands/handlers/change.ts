/**
 * Applies a change made by command through the configuration in force: validated by the schema,
 * stored, applied at once. Answers with the schema's message when the change is invalid, and with
 * a "try again" when the store is down; in both cases nothing is changed.
 */
import { ConfigError, type ConfigChange } from '../../core/index.ts';
import type { CommandReply } from '../reply.ts';
import type { HandlerInput } from './handler.ts';

export async function applyChange(
  { ctx, t }: HandlerInput,
  change: ConfigChange,
  done: () => CommandReply,
): Promise<CommandReply> {
  try {
    await ctx.live.change(change, { platform: ctx.actor.platform, userId: ctx.actor.userId }, ctx.nowMs);
  } catch (err) {
    if (err instanceof ConfigError) {
      const problems = err.problems.map((p) => `• ${p.path === '' ? '' : `${p.path}: `}${p.message}`);
      ctx.logger?.info({ change: change.kind, userId: ctx.actor.userId }, 'command: change refused by the schema');
      return { text: [t.invalidChange, ...problems].join('\n'), ephemeral: true };
    }
    ctx.logger?.error({ err, change: change.kind, userId: ctx.actor.userId }, 'command: change could not be stored');
    return { text: t.storeDown, ephemeral: true };
  }
  ctx.logger?.info({ change: change.kind, userId: ctx.actor.userId, platform: ctx.actor.platform }, 'command: configuration changed');
  return done();
}
