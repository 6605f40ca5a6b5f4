/**
 * The `/blackout` command's public surface for the platform adapters: translate in
 * (`invocationFromDiscord`, `parseSlackCommand`), run (`runBlackoutCommand`), translate the
 * `CommandReply` out. Registration uses `discordCommandPayload()`.
 */
export { BLACKOUT_COMMAND, subcommand, type SubcommandId, type SubcommandDefinition } from './definition.ts';
export type { CommandInvocation } from './invocation.ts';
export type { CommandReply, ReplyField } from './reply.ts';
export type { CommandContext, CommandActor, Language } from './context.ts';
export { runBlackoutCommand } from './run.ts';
export { replyLanguage, languageFromLocale } from './language.ts';
export {
  discordCommandPayload,
  invocationFromDiscord,
  ADMIN_PERMISSION,
  type DiscordOptionData,
} from './discordPayload.ts';
export { parseSlackCommand, slackUsage, unwrapSlackLinks, usageLine, type SlackParse } from './slackText.ts';
