/**
 * `/blackout` for Discord, derived from the one definition in `src/commands/definition.ts`: the
 * application command JSON to register, and the way back from an interaction's options to a
 * platform-neutral invocation.
 *
 * Permissions: Discord sets default member permissions per top-level command, not per
 * subcommand. Setting Manage Server on `/blackout` would hide `status`, `check` and `statement`
 * from the members they are for, and splitting the admin subcommands into a second command would
 * change their names (`/blackout windows add` is the documented command). So `/blackout` is
 * registered visible to every member of a server (not in DMs), and the admin subcommands
 * (changes and `report`) are checked in the handler against Manage Server (`isDiscordAdmin`, src/discord/admins.ts).
 * A server can still narrow who sees `/blackout` in Server Settings → Integrations.
 */
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  InteractionContextType,
  PermissionFlagsBits,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
  type APIApplicationCommandOption,
  type APIApplicationCommandBasicOption,
} from 'discord.js';
import {
  BLACKOUT_COMMAND,
  type CommandDefinition,
  type OptionDefinition,
  type SubcommandDefinition,
} from './definition.ts';
import type { CommandInvocation } from './invocation.ts';

/** Manage Server, as Discord's string bitfield: what the admin subcommands require. */
export const ADMIN_PERMISSION = String(PermissionFlagsBits.ManageGuild);

function option(o: OptionDefinition): APIApplicationCommandBasicOption {
  return {
    type: ApplicationCommandOptionType.String,
    name: o.name,
    description: o.description,
    name_localizations: { fr: o.fr.name },
    description_localizations: { fr: o.fr.description },
    required: o.required,
    ...(o.maxLength !== undefined && { max_length: o.maxLength }),
  };
}

function sub(s: SubcommandDefinition): APIApplicationCommandOption {
  return {
    type: ApplicationCommandOptionType.Subcommand,
    name: s.name,
    description: s.description,
    name_localizations: { fr: s.fr.name },
    description_localizations: { fr: s.fr.description },
    // Discord requires required options before optional ones; the definition keeps that order.
    options: s.options.map(option),
  };
}

/** The application command JSON for `PUT /applications/{id}/commands` (or a guild's). */
export function discordCommandPayload(
  definition: CommandDefinition = BLACKOUT_COMMAND,
): RESTPostAPIChatInputApplicationCommandsJSONBody {
  const options: APIApplicationCommandOption[] = [];
  // Top-level subcommands and groups in the definition's order.
  const seenGroups = new Set<string>();
  for (const s of definition.subcommands) {
    if (!s.group) {
      options.push(sub(s));
      continue;
    }
    if (seenGroups.has(s.group)) continue;
    seenGroups.add(s.group);
    const group = definition.groups.find((g) => g.name === s.group);
    if (!group) throw new Error(`subcommand ${s.id} names an undefined group ${s.group}`);
    options.push({
      type: ApplicationCommandOptionType.SubcommandGroup,
      name: group.name,
      description: group.description,
      name_localizations: { fr: group.fr.name },
      description_localizations: { fr: group.fr.description },
      options: definition.subcommands.filter((x) => x.group === group.name).map((x) => sub(x) as never),
    });
  }
  return {
    type: ApplicationCommandType.ChatInput,
    name: definition.name,
    description: definition.description,
    name_localizations: { fr: definition.fr.name },
    description_localizations: { fr: definition.fr.description },
    // Visible to everyone: see the note at the top; admin subcommands are checked in the handler.
    default_member_permissions: null,
    contexts: [InteractionContextType.Guild],
    options,
  };
}

/**
 * One option as found in discord.js's `interaction.options.data` or in the raw
 * `data.options` of INTERACTION_CREATE (both carry the English names, whatever the user's locale).
 */
export interface DiscordOptionData {
  name: string;
  type: number;
  value?: unknown;
  options?: readonly DiscordOptionData[];
}

/**
 * The invocation an interaction's options stand for, or undefined when they name no subcommand
 * of the definition (a stale registration).
 */
export function invocationFromDiscord(
  options: readonly DiscordOptionData[] | undefined,
  definition: CommandDefinition = BLACKOUT_COMMAND,
): CommandInvocation | undefined {
  let first = options?.[0];
  let group: string | undefined;
  if (first?.type === ApplicationCommandOptionType.SubcommandGroup) {
    group = first.name;
    first = first.options?.[0];
  }
  if (!first || first.type !== ApplicationCommandOptionType.Subcommand) return undefined;
  const name = first.name;
  const found = definition.subcommands.find((s) => s.name === name && s.group === group);
  if (!found) return undefined;
  const values: Record<string, string> = {};
  for (const o of first.options ?? []) {
    if (o.value === undefined || o.value === null) continue;
    if (!found.options.some((d) => d.name === o.name)) continue;
    const value = String(o.value).trim();
    if (value !== '') values[o.name] = value;
  }
  return { subcommand: found.id, options: values };
}
