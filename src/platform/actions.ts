/**
 * What a platform must be able to do to one message for moderation: mention its author, warn,
 * delete, alert the moderators. Each adapter implements it (`src/discord/ports.ts`,
 * `src/slack/ports.ts`); moderation calls it in the policy's order.
 */
import type { BlackoutWindow, Classification, Language, Warning } from '../core/index.ts';
import type { ActionOutcome } from '../store/store.ts';
import type { IncomingMessage } from './message.ts';

/** Thrown by an action when it is not possible (e.g. no permission): recorded as skipped. */
export class ActionSkipped extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'ActionSkipped';
  }
}

export interface ModeratorAlert {
  alertChannel: string;
  message: IncomingMessage;
  classification: Classification;
  /** The matched rules, described for people (`link to pastebin.com/abc`). */
  rules: string[];
  window?: BlackoutWindow;
  /** What became of the deletion, when one was attempted. */
  deletion?: ActionOutcome;
  language: Language;
}

/** The actions a platform takes on one message. Each rejects (or throws `ActionSkipped`) when it did not happen. */
export interface MessageActions {
  /** How the platform mentions a user, e.g. `<@123>`. */
  mention(userId: string): string;
  /** Posts a warning (or a gentle reminder) in the message's channel. */
  warn(warning: Warning, kind: 'warning' | 'reminder'): Promise<void>;
  /** Deletes the message; throws `ActionSkipped` when not allowed. */
  delete(): Promise<void>;
  /** Alerts the moderators' channel. */
  alert(alert: ModeratorAlert): Promise<void>;
}
