/**
 * Registers `/blackout` with Discord: globally (every server, may take a while to appear) or in
 * one server (at once, handy while testing). The payload comes from the one command definition.
 */
import { REST, Routes, type APIApplication, type APIApplicationCommand } from 'discord.js';
import { discordCommandPayload } from '../commands/index.ts';

export interface RegisterOptions {
  token: string;
  /** REST base replacing https://discord.com/api. */
  apiUrl?: string;
  /** Register in this server only. */
  guildId?: string;
}

export interface Registered {
  applicationId: string;
  scope: 'global' | { guildId: string };
  commands: string[];
}

/** Replaces the application's commands (in the scope) with `/blackout`. */
export async function registerCommands(options: RegisterOptions): Promise<Registered> {
  const rest = new REST(options.apiUrl ? { api: options.apiUrl } : {}).setToken(options.token);
  const application = (await rest.get(Routes.currentApplication())) as APIApplication;
  const route = options.guildId
    ? Routes.applicationGuildCommands(application.id, options.guildId)
    : Routes.applicationCommands(application.id);
  const registered = (await rest.put(route, { body: [discordCommandPayload()] })) as APIApplicationCommand[];
  return {
    applicationId: application.id,
    scope: options.guildId ? { guildId: options.guildId } : 'global',
    commands: registered.map((c) => c.name),
  };
}
