/**
 * The optional lookup of names for `report --names`: asks Discord (DISCORD_TOKEN) for the names
 * of the servers and channels the incidents name, with the permissions the bot already has.
 * Slack is not asked: its names need the `channels:read` and `team:read` scopes, which the app
 * does not request (it asks for exactly what moderation uses), so Slack places keep their ids.
 * Best effort: a name Discord will not give (no token, bot removed, deleted channel, API error)
 * stays unknown and the report shows the id, as it always does.
 * @see https://discord.com/developers/docs/resources/guild#get-guild-channels
 * @see https://discord.com/developers/docs/resources/guild#get-guild
 */
import { REST, Routes } from 'discord.js';
import type { Logger } from '../log/logger.ts';
import type { Incident } from '../store/store.ts';
import { NameMap } from './names.ts';

export interface NameLookupOptions {
  discordToken?: string;
  discordApiUrl?: string;
  logger: Logger;
}

/** Looks up the names of the Discord places of `incidents`: two requests per server. */
export async function lookUpNames(incidents: readonly Pick<Incident, 'platform' | 'workspaceId' | 'channelId'>[], options: NameLookupOptions): Promise<NameMap> {
  const names = new NameMap();
  const discord = new Set<string>();
  for (const i of incidents) if (i.platform === 'discord') discord.add(i.workspaceId);
  const unknown = (what: string) => (err: unknown) => options.logger.debug({ err, what }, 'name lookup: left unknown');

  if (options.discordToken !== undefined && discord.size > 0) {
    const rest = new REST(options.discordApiUrl !== undefined ? { api: options.discordApiUrl } : {}).setToken(options.discordToken);
    for (const guildId of discord) {
      await (rest.get(Routes.guild(guildId)) as Promise<{ name?: string }>)
        .then((g) => g.name !== undefined && names.setWorkspace('discord', guildId, g.name))
        .catch(unknown(`guild ${guildId}`));
      await (rest.get(Routes.guildChannels(guildId)) as Promise<{ id: string; name?: string }[]>)
        .then((channels) => {
          for (const c of channels) if (c.name !== undefined) names.setChannel('discord', guildId, c.id, c.name);
        })
        .catch(unknown(`channels of guild ${guildId}`));
    }
  }

  return names;
}
