/** Which language a command answers in. */
import type { Config } from '../core/index.ts';
import type { CommandActor, Language } from './context.ts';

/** The person's locale, else the platform's configured language, else the configuration's. */
export function replyLanguage(config: Config, actor: Pick<CommandActor, 'platform' | 'locale'>): Language {
  return actor.locale ?? config[actor.platform].language ?? config.language;
}

/** Discord's interaction locale (`fr`, `en-US`, `en-GB`, …) as a reply language, if we have it. */
export function languageFromLocale(locale: string | null | undefined): Language | undefined {
  if (!locale) return undefined;
  const base = locale.toLowerCase().split(/[-_]/)[0];
  return base === 'fr' || base === 'en' ? base : undefined;
}
