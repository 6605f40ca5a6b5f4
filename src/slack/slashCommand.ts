/**
 * `/blackout` on Slack: the text is parsed by the shared parser, run by the shared handlers, and
 * the reply rendered in Block Kit, always ephemeral. Admin rights (workspace admins and owners, or
 * the configured user group) are looked up only for subcommands that need them.
 */
import type { App, RespondArguments } from '@slack/bolt';
import type { LiveConfig } from '../runtimeConfig/live.ts';
import { parseSlackCommand, replyLanguage, runBlackoutCommand, subcommand, type CommandReply } from '../commands/index.ts';
import type { Logger } from '../log/logger.ts';
import type { Store } from '../store/store.ts';
import type { SweepService } from '../sweep/service.ts';
import { TIMED_OUT, withinMs } from '../util/timeout.ts';
import { slackAdminCheck } from './admins.ts';
import { escapeMrkdwn, replyBlocks } from './blocks.ts';
import type { WebClient } from './client.ts';
import { fromOwnWorkspace, type OwnWorkspace } from './workspace.ts';

/** The command's name (also in slack/manifest.yaml). */
export const COMMAND = '/blackout';

/**
 * Slack wants an answer within 3 s. A reply ready within this delay goes in the acknowledgement
 * itself; a slower one is acknowledged empty and sent to the command's response URL.
 */
const INLINE_REPLY_MS = 2_000;

export interface SlashCommandDeps {
  live: LiveConfig;
  store: Store;
  logger: Logger;
  client: WebClient;
  /** Our team (and Enterprise Grid org), from auth.test: a command from any other team is refused. */
  own: OwnWorkspace;
  track<T>(work: Promise<T>): Promise<T>;
  /** For `/blackout sweep` and the sweeps shown by `/blackout status`. */
  sweeps?: SweepService;
}

interface CommandPayload {
  text?: string;
  user_id?: string;
  team_id?: string;
  enterprise_id?: string;
  channel_id?: string;
}

/** Registers `/blackout`. */
export function registerSlashCommand(app: App, deps: SlashCommandDeps): void {
  app.command(COMMAND, async ({ command, ack, respond }) => {
    const answer = answerCommand(deps, command as CommandPayload);
    const early = await withinMs(answer, INLINE_REPLY_MS);
    if (early !== TIMED_OUT) {
      await ack(early);
      return;
    }
    await ack();
    await deps.track(
      answer.then(async (late) => {
        try {
          await respond(late);
        } catch (err) {
          deps.logger.warn({ err }, 'command reply could not be sent to the response URL');
        }
      }),
    );
  });
}

/** The reply to one command, as an ephemeral Block Kit message. Never rejects. */
async function answerCommand(deps: SlashCommandDeps, command: CommandPayload): Promise<RespondArguments & { response_type: 'ephemeral' }> {
  const config = deps.live.config;
  const userId = command.user_id ?? '';
  const language = replyLanguage(config, { platform: 'slack' });
  let reply: CommandReply;
  // A signed command of another team (a leaked signing secret, another workspace of a distributed
  // app) must not read or change our state, as with events.
  if (!fromOwnWorkspace(deps.own, command)) {
    deps.logger.warn({ userId, team: command.team_id, ownTeam: deps.own.teamId }, 'command of another workspace refused');
    reply = { text: language === 'fr' ? 'Cette commande ne vaut que dans l’espace de travail du bot.' : 'This command only works in the bot’s own workspace.', ephemeral: true };
    return { response_type: 'ephemeral', text: reply.text, blocks: replyBlocks(reply) };
  }
  try {
    const parsed = parseSlackCommand(command.text ?? '', language);
    if (!parsed.ok) {
      reply = parsed.reply;
    } else {
      const needsAdmin = subcommand(parsed.invocation.subcommand).admin;
      const isAdmin = needsAdmin && userId !== '' ? await slackAdminCheck(deps.client, () => config, deps.logger)({ userId }) : false;
      reply = await runBlackoutCommand(
        {
          live: deps.live,
          store: deps.store,
          actor: { platform: 'slack', userId, isAdmin },
          nowMs: Date.now(),
          workspaceId: command.team_id ?? deps.own.teamId ?? 'unknown',
          channelId: command.channel_id ?? '',
          logger: deps.logger,
          ...(deps.sweeps && { sweeps: deps.sweeps }),
        },
        parsed.invocation,
      );
    }
  } catch (err) {
    deps.logger.error({ userId, err }, 'command failed');
    reply = { text: language === 'fr' ? 'Une erreur est survenue ; réessayez.' : 'Something went wrong; please try again.', ephemeral: true };
  }
  // Slack answers are always ephemeral, whatever the definition says.
  return {
    response_type: 'ephemeral',
    text: escapeMrkdwn(reply.title ? `${reply.title}: ${reply.text}` : reply.text).slice(0, 3000),
    blocks: replyBlocks(reply),
  };
}
