/**
 * Remembers the last message seen in each channel, so that a bot that was down sweeps from there
 * when it comes back. Live messages pass through `saw()` (in memory, no I/O on the message's path)
 * and are written to the store in one batch every few seconds; a crash loses at most that much,
 * which the catch-up sweep simply reads again (a message is never acted on twice).
 */
import type { Logger } from '../log/logger.ts';
import type { IncomingMessage } from '../platform/index.ts';
import type { LastSeen, Store } from '../store/store.ts';

/** `platform:workspace:channel`, the key of a channel's last-seen record. */
export function channelKey(platform: string, workspaceId: string, channelId: string): string {
  return `${platform}:${workspaceId}:${channelId}`;
}

export class LastSeenTracker {
  readonly #pending = new Map<string, LastSeen>();
  readonly #timer: NodeJS.Timeout;

  constructor(
    private readonly store: Store,
    private readonly logger: Logger,
    flushMs = 2_000,
  ) {
    this.#timer = setInterval(() => void this.flush(), flushMs);
    this.#timer.unref();
  }

  /** Notes a live message (never its text). */
  saw(message: IncomingMessage): void {
    if (message.edited) return;
    const key = channelKey(message.platform, message.workspaceId, message.channelId);
    const known = this.#pending.get(key);
    if (!known || known.atMs < message.atMs) this.#pending.set(key, { key, messageId: message.messageId, atMs: message.atMs });
  }

  /** Writes what was seen since the last flush; kept for the next one if the store is down. */
  async flush(): Promise<void> {
    if (this.#pending.size === 0) return;
    const batch = [...this.#pending.values()];
    this.#pending.clear();
    try {
      await this.store.markSeen(batch);
    } catch (err) {
      for (const s of batch) if (!this.#pending.has(s.key)) this.#pending.set(s.key, s);
      this.logger.debug({ err }, 'last messages seen not recorded yet; kept for the next try');
    }
  }

  async close(): Promise<void> {
    clearInterval(this.#timer);
    await this.flush();
  }
}
