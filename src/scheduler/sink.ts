/** Where reminders go: each platform adapter gives the scheduler one sink (the platform port's). */
export type { ReminderSink } from '../platform/index.ts';
