/** The scheduler's public surface: reminder sinks (given by the platform adapters) and the start. */
export type { ReminderSink } from './sink.ts';
export { startReminders, type ReminderOptions, type Reminders } from './reminders.ts';
export { planReminders, catchUp, stillRelevant, leadAt, type PlannedReminder, type CatchUp } from './plan.ts';
