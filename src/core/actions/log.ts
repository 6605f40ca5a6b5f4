import type { ActionDefinition } from './action.ts';

export const logAction: ActionDefinition<'log'> = {
  name: 'log',
  summary: "Write a log line with ids and the verdict only.",
  order: 50,
};
