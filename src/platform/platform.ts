/** The chat platforms blackout-guard runs on; each is one adapter folder (`src/discord/`, `src/slack/`). */
export type PlatformName = 'discord' | 'slack';
