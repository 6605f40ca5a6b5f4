import type { ActionDefinition } from './action.ts';

export const warnAction: ActionDefinition<'warn'> = {
  name: 'warn',
  summary: "Post a warning in the channel (the commission's statement and when the blackout ends), mentioning the author and never quoting the material.",
  order: 10,
};
