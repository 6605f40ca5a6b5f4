/**
 * `/blackout` on Discord: the interaction's options become a platform-neutral invocation, the
 * shared handler answers, and the answer becomes an embed, ephemeral when the reply says so.
 * Admin rights are Manage Server in the member's permissions as Discord sent them with the
 * interaction; the shared handler checks them again for every changing subcommand.
 */
import {
  DiscordAPIError,
  Events,
  MessageFlags,
  RESTJSONErrorCodes,
  type ChatInputCommandInteraction,
  type Client,
  type InteractionReplyOptions,
} from 'discord.js';
import {
  BLACKOUT_COMMAND,
  invocationFromDiscord,
  languageFromLocale,
  runBlackoutCommand,
  subcommand,
  type CommandReply,
  type DiscordOptionData,
} from '../commands/index.ts';
import type { LiveConfig } from '../runtimeConfig/live.ts';
import type { Logger } from '../log/logger.ts';
import type { Store } from '../store/store.ts';
import type { SweepService } from '../sweep/service.ts';
import { TIMED_OUT, withinMs } from '../util/timeout.ts';
import { discordAdminCheck } from './admins.ts';
import { replyEmbed } from './embeds.ts';

export interface InteractionDeps {
  live: LiveConfig;
  store: Store;
  logger: Logger;
  /** For `/blackout sweep` and the sweeps shown by `/blackout status`. */
  sweeps?: SweepService;
  track<T>(work: Promise<T>): Promise<T>;
}

/** Discord closes an interaction not answered within 3 s: past this, the answer is deferred. */
const DEFER_AFTER_MS = 2_000;

/** Listens to INTERACTION_CREATE for `/blackout`. */
export function registerInteractions(client: Client, deps: InteractionDeps): void {
  client.on(Events.InteractionCreate, (interaction) => {
    if (!interaction.isChatInputCommand() || interaction.commandName !== BLACKOUT_COMMAND.name) return;
    void deps.track(answer(interaction, deps));
  });
}

async function answer(interaction: ChatInputCommandInteraction, deps: InteractionDeps): Promise<void> {
  const { logger } = deps;
  const ids = { guild: interaction.guildId, channel: interaction.channelId, user: interaction.user.id, interaction: interaction.id };
  try {
    const invocation = invocationFromDiscord(interaction.options.data as readonly DiscordOptionData[]);
    if (!interaction.inGuild() || !invocation) {
      await interaction.reply({ content: 'This command is not available here. / Cette commande n’est pas disponible ici.', flags: MessageFlags.Ephemeral });
      return;
    }
    const running = runBlackoutCommand(
      {
        live: deps.live,
        store: deps.store,
        actor: {
          platform: 'discord',
          userId: interaction.user.id,
          isAdmin: await discordAdminCheck({ permissions: interaction.memberPermissions?.bitfield }),
          // Replies follow the asking member's Discord language when it is French or English.
          ...withLocale(languageFromLocale(interaction.locale)),
        },
        nowMs: Date.now(),
        workspaceId: interaction.guildId,
        channelId: interaction.channelId,
        logger,
        ...(deps.sweeps && { sweeps: deps.sweeps }),
      },
      invocation,
    );
    const first = await withinMs(running, DEFER_AFTER_MS);
    if (first === TIMED_OUT) {
      await interaction.deferReply(subcommand(invocation.subcommand).ephemeral ? { flags: MessageFlags.Ephemeral } : {});
      await interaction.editReply(toDiscord(await running));
    } else {
      await interaction.reply({ ...toDiscord(first), ...(first.ephemeral && { flags: MessageFlags.Ephemeral }) });
    }
    logger.info({ ...ids, subcommand: invocation.subcommand }, 'command answered');
  } catch (err) {
    const expired = err instanceof DiscordAPIError && err.code === RESTJSONErrorCodes.UnknownInteraction;
    logger[expired ? 'warn' : 'error']({ ...ids, err }, expired ? 'command answered too late' : 'command could not be answered');
  }
}

function toDiscord(reply: CommandReply): Pick<InteractionReplyOptions, 'embeds' | 'allowedMentions'> {
  return { embeds: [replyEmbed(reply)], allowedMentions: { parse: [] } };
}

function withLocale(locale: 'fr' | 'en' | undefined): { locale?: 'fr' | 'en' } {
  return locale === undefined ? {} : { locale };
}
