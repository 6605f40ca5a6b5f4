/**
 * Runs a `/blackout` command for either platform: checks rights against the definition, picks
 * the reply language and calls the subcommand's handler. The platform adapters only translate
 * the invocation in and the reply out.
 */
import { subcommand, type SubcommandId } from './definition.ts';
import type { CommandContext } from './context.ts';
import { addLeakEntry, listLeaks } from './handlers/leaks.ts';
import { check } from './handlers/check.ts';
import type { Handler } from './handlers/handler.ts';
import { report } from './handlers/report.ts';
import { statement } from './handlers/statement.ts';
import { status } from './handlers/status.ts';
import { sweep } from './handlers/sweep.ts';
import { addWindow, listWindows, removeWindow } from './handlers/windows.ts';
import type { CommandInvocation } from './invocation.ts';
import { replyLanguage } from './language.ts';
import type { CommandReply } from './reply.ts';
import { TEXTS } from './texts.ts';

const HANDLERS: Record<SubcommandId, Handler> = {
  status,
  check,
  statement,
  'windows.list': listWindows,
  'windows.add': addWindow,
  'windows.remove': removeWindow,
  'leaks.list': listLeaks,
  'leaks.add-url': addLeakEntry,
  'leaks.add-domain': addLeakEntry,
  'leaks.add-hash': addLeakEntry,
  report,
  sweep,
};

/** Answers one `/blackout` command. Never throws: failures become a reply and a log line. */
export async function runBlackoutCommand(ctx: CommandContext, invocation: CommandInvocation): Promise<CommandReply> {
  const language = replyLanguage(ctx.live.config, ctx.actor);
  const t = TEXTS[language];
  const definition = subcommand(invocation.subcommand);
  if (definition.admin && !ctx.actor.isAdmin) {
    ctx.logger?.info(
      { subcommand: invocation.subcommand, userId: ctx.actor.userId, platform: ctx.actor.platform },
      'command: refused to a non-admin',
    );
    return { text: t.refusedAdmin(ctx.actor.platform), ephemeral: true };
  }
  for (const option of definition.options) {
    if (option.required && !invocation.options[option.name]?.trim()) {
      return { text: t.missingOption(language === 'fr' ? option.fr.name : option.name), ephemeral: true };
    }
  }
  // Slack answers to a slash command are always ephemeral (issue 4); Discord follows the definition.
  const ephemeral = definition.ephemeral || ctx.actor.platform === 'slack';
  try {
    return await HANDLERS[invocation.subcommand]({ ctx, invocation, language, t, ephemeral });
  } catch (err) {
    ctx.logger?.error({ err, subcommand: invocation.subcommand }, 'command: handler failed');
    return { text: t.failed, ephemeral: true };
  }
}
