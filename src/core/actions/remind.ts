import type { ActionDefinition } from './action.ts';

export const remindAction: ActionDefinition<'remind'> = {
  name: 'remind',
  summary: "Post a gentle reminder that a blackout is in force (meant for messages that only mention a leak).",
  order: 11,
};
