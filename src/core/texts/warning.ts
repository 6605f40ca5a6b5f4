/**
 * The warning posted when someone shares leaked material during a blackout, in French or English,
 * overridable per language in the configuration. It names the author, cites the commission's
 * statement and says when the blackout ends; it never quotes the flagged material.
 */
import type { Config, Language } from '../config/schema.ts';
import { COMMISSION_NAME, COMMISSION_STATEMENT } from '../statement.ts';
import type { BlackoutWindow } from '../windows.ts';
import { formatInstant } from './format.ts';
import { fill } from './template.ts';

const DEFAULTS: Record<Language, { title: string; body: string; reminder: string }> = {
  fr: {
    title: 'Période de réserve électorale',
    body:
      '{mention}, ce message relaie des documents issus d’une fuite visée par la période de réserve ' +
      'électorale ({window}). Merci de ne pas les republier.\n\n« {statement} »\n— {commission}\n\n' +
      'La période de réserve prend fin le {end}.',
    reminder:
      '{mention}, rappel : la période de réserve électorale est en vigueur jusqu’au {end}. ' +
      'Vous pouvez parler de l’actualité, mais ne republiez pas les documents divulgués.',
  },
  en: {
    title: 'Election blackout in force',
    body:
      '{mention}, this message passes on material from a leak covered by the election blackout ' +
      '({window}). Please do not republish it.\n\n“{statement}”\n— {commission}\n\n' +
      'The blackout ends on {end}.',
    reminder:
      '{mention}, a reminder: the election blackout is in force until {end}. You may discuss the ' +
      'news, but please do not republish the leaked documents.',
  },
};

export interface Warning {
  title: string;
  body: string;
  statement: string;
  /** When the blackout ends, written for people in the window's zone. */
  endsAt: string;
}

export interface WarningInput {
  language: Language;
  /** How the platform mentions the author, e.g. `<@123>`. */
  mention: string;
  /** The window in force (its zone is used for the end time). */
  window: BlackoutWindow;
  /** End of the blackout in force (may be later than the window's own end if windows overlap). */
  endMs?: number;
}

/** The warning for a sharing message. */
export function renderWarning(config: Pick<Config, 'warnings'>, input: WarningInput): Warning {
  return render(config, input, 'body');
}

/** The gentle reminder for a message that mentions a leak (the `remind` action). */
export function renderMentionReminder(config: Pick<Config, 'warnings'>, input: WarningInput): Warning {
  return render(config, input, 'reminder');
}

function render(config: Pick<Config, 'warnings'>, input: WarningInput, part: 'body' | 'reminder'): Warning {
  const custom = config.warnings[input.language];
  const statement = custom?.statement ?? COMMISSION_STATEMENT[input.language];
  const endsAt = formatInstant(input.endMs ?? input.window.endMs, input.window.zone, input.language);
  const values = {
    mention: input.mention,
    statement,
    commission: COMMISSION_NAME[input.language],
    end: endsAt,
    window: input.window.name,
  };
  const defaults = DEFAULTS[input.language];
  return {
    title: fill(custom?.title ?? defaults.title, values),
    body: fill(custom?.[part] ?? defaults[part], values),
    statement,
    endsAt,
  };
}
