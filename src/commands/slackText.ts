/**
 * `/blackout` for Slack, derived from the one definition in `src/commands/definition.ts`: Slack sends
 * the text after the command, so options are positional in the definition's order, e.g.
 * `windows add fr-2022-t1 2022-04-09T00:00 2022-04-10T20:00 Europe/Paris Présidentielle 2022`.
 * Group and subcommand names are accepted in English or French; values may be quoted; links come
 * in Slack's markup (`<https://x|label>`) and are unwrapped.
 */
import { IANAZone } from 'luxon';
import { BLACKOUT_COMMAND, type CommandDefinition, type SubcommandDefinition } from './definition.ts';
import type { Language } from './context.ts';
import type { CommandInvocation } from './invocation.ts';
import type { CommandReply } from './reply.ts';

export type SlackParse = { ok: true; invocation: CommandInvocation } | { ok: false; reply: CommandReply };

/** `<https://x|label>` and `<https://x>` → the bare link (and its label, when `keepLabel`). */
export function unwrapSlackLinks(text: string, keepLabel = false): string {
  return text.replace(/<((?:https?|ftp|magnet):[^|>\s]*)(?:\|([^>]*))?>/gi, (_m, url: string, label?: string) =>
    keepLabel && label && label !== url ? `${url} ${label}` : url,
  );
}

/** Slack escapes `&`, `<` and `>` in message text. */
function unescapeSlack(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

interface Token {
  value: string;
  /** Offset just after the token in the text, to take "the rest of the line". */
  end: number;
  start: number;
}

/** Splits on blanks, keeping "quoted values" (straight or curly quotes) together. */
function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const re = /"([^"]*)"|“([^”]*)”|(\S+)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    tokens.push({ value: m[1] ?? m[2] ?? m[3] ?? '', start: m.index, end: m.index + m[0].length });
  }
  return tokens;
}

const matches = (word: string | undefined, names: { name: string; fr: { name: string } }): boolean => {
  if (word === undefined) return false;
  // People type "état" or "fenêtres"; Discord-style names have no accents.
  const w = word.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '');
  return w === names.name || w === names.fr.name;
};

/** `/blackout windows add <id> <start> <end> [timezone] [name…]`. */
export function usageLine(s: SubcommandDefinition, definition: CommandDefinition = BLACKOUT_COMMAND): string {
  const words = [`/${definition.name}`, ...(s.group ? [s.group] : []), s.name];
  for (const o of s.options) words.push(o.required ? `<${o.name}${o.rest ? '…' : ''}>` : `[${o.name}${o.rest ? '…' : ''}]`);
  return words.join(' ');
}

/** The list of subcommands with their syntax, as a reply. */
export function slackUsage(language: Language, problem?: string, definition: CommandDefinition = BLACKOUT_COMMAND): CommandReply {
  const lines = definition.subcommands.map((s) => {
    // Descriptions of admin subcommands already say "(admins)".
    return `\`${usageLine(s, definition)}\` — ${language === 'fr' ? s.fr.description : s.description}`;
  });
  const head = language === 'fr' ? 'Utilisation :' : 'Usage:';
  return { text: [...(problem ? [problem] : []), head, ...lines].join('\n'), ephemeral: true };
}

/**
 * Reads Slack's `/blackout` text. Empty text means `status`; `help` or anything not understood
 * gets the usage (in `language`), with what was wrong.
 */
export function parseSlackCommand(
  rawText: string,
  language: Language = 'en',
  definition: CommandDefinition = BLACKOUT_COMMAND,
): SlackParse {
  const text = rawText.trim();
  const tokens = tokenize(text);
  const first = tokens[0]?.value;
  if (first === undefined) return { ok: true, invocation: { subcommand: 'status', options: {} } };
  if (/^(help|aide|\?)$/i.test(first)) return { ok: false, reply: slackUsage(language, undefined, definition) };

  const fr = language === 'fr';
  const group = definition.groups.find((g) => matches(first, g));
  let found: SubcommandDefinition | undefined;
  let next = 1;
  if (group) {
    found = definition.subcommands.find((s) => s.group === group.name && matches(tokens[1]?.value, s));
    next = 2;
    if (!found) {
      const names = definition.subcommands.filter((s) => s.group === group.name).map((s) => s.name).join(', ');
      const problem = fr
        ? `\`${group.name}\` attend l’une des sous-commandes : ${names}.`
        : `\`${group.name}\` expects one of: ${names}.`;
      return { ok: false, reply: slackUsage(language, problem, definition) };
    }
  } else {
    found = definition.subcommands.find((s) => !s.group && matches(first, s));
  }
  if (!found) {
    const problem = fr ? `Sous-commande inconnue : \`${first}\`.` : `Unknown subcommand: \`${first}\`.`;
    return { ok: false, reply: slackUsage(language, problem, definition) };
  }

  const options: Record<string, string> = {};
  const rest = tokens.slice(next);
  let i = 0;
  for (const [index, o] of found.options.entries()) {
    const token = rest[i];
    if (!token) break;
    if (o.rest) {
      // Free text: everything left, as typed (only the links unwrapped).
      const raw = text.slice(token.start);
      const value = unescapeSlack(unwrapSlackLinks(o.name === 'text' ? raw : stripQuotes(raw), o.name === 'text'));
      options[o.name] = value.trim();
      i = rest.length;
      break;
    }
    // An optional time zone may be left out before a name: take the word only if it is a zone.
    if (o.name === 'timezone' && !o.required && !IANAZone.isValidZone(token.value) && found.options[index + 1]) continue;
    options[o.name] = unescapeSlack(unwrapSlackLinks(token.value)).trim();
    i++;
  }
  if (i < rest.length) {
    const problem = fr ? 'Trop de valeurs.' : 'Too many values.';
    return { ok: false, reply: slackUsage(language, `${problem} \`${usageLine(found, definition)}\``, definition) };
  }
  const missing = found.options.filter((o) => o.required && !options[o.name]);
  if (missing.length > 0) {
    const names = missing.map((o) => o.name).join(', ');
    const problem = fr
      ? `Valeur manquante : ${names}. \`${usageLine(found, definition)}\``
      : `Missing: ${names}. \`${usageLine(found, definition)}\``;
    return { ok: false, reply: { text: problem, ephemeral: true } };
  }
  return { ok: true, invocation: { subcommand: found.id, options } };
}

function stripQuotes(text: string): string {
  const t = text.trim();
  const m = /^"([^"]*)"$|^“([^”]*)”$/.exec(t);
  return m ? (m[1] ?? m[2] ?? t) : t;
}
