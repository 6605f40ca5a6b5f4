/**
 * The one logger (pino, on stderr): JSON lines for machines, or short lines for people on a
 * terminal (pino-pretty). Logs hold ids, verdicts and hashes only, never message text or file
 * content; tokens and secrets are redacted by key, and any value that looks like a Discord or
 * Slack token is masked, before either format writes it.
 */
import pino, { type Logger } from 'pino';
import pretty from 'pino-pretty';

export type { Logger };

const SECRET_KEYS = [
  'token',
  'botToken',
  'appToken',
  'userToken',
  'signingSecret',
  'secret',
  'password',
  'authorization',
  'Authorization',
  'DATABASE_URL',
  'databaseUrl',
  'DISCORD_TOKEN',
  'SLACK_BOT_TOKEN',
  'SLACK_APP_TOKEN',
  'SLACK_SIGNING_SECRET',
  'SLACK_ADMIN_USER_TOKEN',
  'BLACKOUT_HASH_KEY',
  'text',
  'content',
];

/** Slack tokens (xoxb-, xapp-, …), Discord bot tokens and passwords in connection strings. */
const TOKEN_PATTERNS: RegExp[] = [
  /\bxox[abposr]-[A-Za-z0-9-]{8,}/g,
  /\bxapp-[A-Za-z0-9-]{8,}/g,
  /\b[A-Za-z0-9_-]{23,28}\.[A-Za-z0-9_-]{6,7}\.[A-Za-z0-9_-]{27,40}\b/g,
  /(postgres(?:ql)?:\/\/[^:/@\s]+:)[^@\s]+@/g,
];

/** Masks anything that looks like a token in a string. */
export function redactTokens(text: string): string {
  let out = text;
  for (const p of TOKEN_PATTERNS) {
    out = out.replace(p, (match, prefix?: string) =>
      typeof prefix === 'string' && match.startsWith('postgres') ? `${prefix}[redacted]@` : '[redacted]',
    );
  }
  return out;
}

/** `json`: one JSON object per line; `pretty`: a line for people, with the fields below it. */
export type LogFormat = 'json' | 'pretty';

export interface LoggerOptions {
  level?: string;
  /** Where to write; stderr by default so that CLI output on stdout stays clean. */
  destination?: NodeJS.WritableStream;
  /** Default: `LOG_FORMAT`, else `pretty` when the destination is a terminal, else `json`. */
  format?: LogFormat;
}

/**
 * The format to use: `LOG_FORMAT` (`json` or `pretty`) when set, else pretty on a terminal (a
 * person is reading) and JSON otherwise (a file, a pipe, a log collector).
 */
export function logFormat(destination: NodeJS.WritableStream = process.stderr): LogFormat {
  const asked = process.env.LOG_FORMAT?.trim().toLowerCase();
  if (asked === 'json' || asked === 'pretty') return asked;
  return (destination as { isTTY?: boolean }).isTTY === true ? 'pretty' : 'json';
}

/** Creates the logger. Level from `LOG_LEVEL` (default info; `silent` turns it off). */
export function createLogger(options: LoggerOptions = {}): Logger {
  const level = options.level ?? process.env.LOG_LEVEL ?? 'info';
  const destination = options.destination ?? process.stderr;
  const format = options.format ?? logFormat(destination);
  const stream =
    format === 'pretty'
      ? pretty({
          destination,
          sync: true,
          colorize: (destination as { isTTY?: boolean }).isTTY === true,
          ignore: 'pid,hostname,name',
          translateTime: 'SYS:HH:MM:ss',
          singleLine: false,
        })
      : (destination as pino.DestinationStream);
  return pino(
    {
      name: 'blackout-guard',
      level,
      redact: {
        paths: [...SECRET_KEYS, ...SECRET_KEYS.map((k) => `*.${k}`)],
        censor: '[redacted]',
      },
      hooks: {
        logMethod(args, method) {
          method.apply(
            this,
            args.map((a) => (typeof a === 'string' ? redactTokens(a) : a)) as Parameters<typeof method>,
          );
        },
      },
      formatters: {
        log(object) {
          const err = (object as { err?: unknown }).err;
          if (err instanceof Error) {
            return { ...object, err: { type: err.name, message: redactTokens(err.message), stack: redactTokens(err.stack ?? '') } };
          }
          return object;
        },
      },
    },
    stream,
  );
}
