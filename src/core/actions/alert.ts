import type { ActionDefinition } from './action.ts';

export const alertAction: ActionDefinition<'alert'> = {
  name: 'alert',
  summary: "Alert the moderators' channel with the channel, the author and the rule that matched.",
  order: 30,
};
