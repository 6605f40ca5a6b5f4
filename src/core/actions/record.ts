import type { ActionDefinition } from './action.ts';

export const recordAction: ActionDefinition<'record'> = {
  name: 'record',
  summary: "Record an incident in the store for the audit trail (ids, verdict and hashes, never the text).",
  order: 40,
};
