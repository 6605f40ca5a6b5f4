import type { ActionDefinition } from './action.ts';

export const deleteAction: ActionDefinition<'delete'> = {
  name: 'delete',
  summary: "Delete the message, where the bot is allowed to.",
  order: 20,
};
