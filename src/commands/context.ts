/** Who runs a `/blackout` command, where and when: what the handlers need besides the invocation. */
import type { LiveConfig } from '../runtimeConfig/live.ts';
import type { Logger } from '../log/logger.ts';
import type { Store } from '../store/store.ts';
import type { SweepService } from '../sweep/service.ts';

export type Language = 'fr' | 'en';

export interface CommandActor {
  platform: 'discord' | 'slack';
  userId: string;
  /**
   * Whether the platform says this person may change settings: Manage Server on Discord;
   * workspace admin/owner or member of `slack.adminUserGroup` on Slack. The adapter decides.
   */
  isAdmin: boolean;
  /** The person's language when the platform tells it (Discord's interaction locale). */
  locale?: Language;
}

export interface CommandContext {
  live: LiveConfig;
  store: Store;
  actor: CommandActor;
  /** When the command was run, epoch ms. */
  nowMs: number;
  /** Discord guild id or Slack team id (the report covers this workspace only). */
  workspaceId: string;
  channelId: string;
  /** Failures (store outages) are logged here, without message text. */
  logger?: Logger;
  /** Sweeps of what was already posted (absent where the process does not sweep, e.g. the CLI). */
  sweeps?: SweepService;
}
