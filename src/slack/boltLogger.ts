/**
 * Bolt and the Web API client log through the `@slack/logger` interface; this hands their lines to
 * our pino logger. Their debug output holds request bodies (message text), so it is dropped: the
 * logs hold ids and outcomes only.
 */
import { LogLevel, type Logger as SlackLogger } from '@slack/bolt';
import type { Logger } from '../log/logger.ts';

/** A `@slack/logger` view of `logger`, for Bolt, its receivers and the Web API client. */
export function boltLogger(logger: Logger, name = 'slack'): SlackLogger {
  const child = logger.child({ component: name });
  let level = LogLevel.INFO;
  const line = (msg: unknown[]): { err?: Error; message: string } => {
    const err = msg.find((m): m is Error => m instanceof Error);
    const message = msg
      .filter((m) => !(m instanceof Error))
      .map((m) => (typeof m === 'string' ? m : describe(m)))
      .join(' ');
    return { ...(err && { err }), message: message || err?.message || '' };
  };
  return {
    debug: () => undefined,
    info: (...msg: unknown[]) => {
      const { err, message } = line(msg);
      child.info(err ? { err } : {}, message);
    },
    warn: (...msg: unknown[]) => {
      const { err, message } = line(msg);
      child.warn(err ? { err } : {}, message);
    },
    error: (...msg: unknown[]) => {
      const { err, message } = line(msg);
      child.error(err ? { err } : {}, message);
    },
    setLevel: (l: LogLevel) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}

/** Objects Bolt logs (requests, payloads) are summarised, never dumped: they may hold text. */
function describe(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return `[${Array.isArray(value) ? 'array' : typeof value}]`;
}
