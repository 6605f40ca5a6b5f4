/**
 * Every action the policy can name, declared here in one list: its name, a line for people and
 * its place in the run order. Adapters implement what each does on their platform (src/platform).
 */
import type { ActionDefinition } from './action.ts';

const warnAction: ActionDefinition<'warn'> = {
  name: 'warn',
  summary: "Post a warning in the channel (the commission's statement and when the blackout ends), mentioning the author and never quoting the material.",
  order: 10,
};

const remindAction: ActionDefinition<'remind'> = {
  name: 'remind',
  summary: "Post a gentle reminder that a blackout is in force (meant for messages that only mention a leak).",
  order: 11,
};

const deleteAction: ActionDefinition<'delete'> = {
  name: 'delete',
  summary: "Delete the message, where the bot is allowed to.",
  order: 20,
};

const alertAction: ActionDefinition<'alert'> = {
  name: 'alert',
  summary: "Alert the moderators' channel with the channel, the author and the rule that matched.",
  order: 30,
};

const recordAction: ActionDefinition<'record'> = {
  name: 'record',
  summary: "Record an incident in the store for the audit trail (ids, verdict and hashes, never the text).",
  order: 40,
};

const logAction: ActionDefinition<'log'> = {
  name: 'log',
  summary: "Write a log line with ids and the verdict only.",
  order: 50,
};

export const ACTIONS = [warnAction, remindAction, deleteAction, alertAction, recordAction, logAction] as const;

export type ActionName = (typeof ACTIONS)[number]['name'];

export const ACTION_NAMES = ACTIONS.map((a) => a.name) as [ActionName, ...ActionName[]];

const BY_NAME = new Map<string, ActionDefinition>(ACTIONS.map((a) => [a.name, a]));

/** The definition of an action by name. */
export function actionDefinition(name: ActionName): ActionDefinition {
  return BY_NAME.get(name)!;
}

/** Actions in the order they must run, duplicates removed. */
export function inRunOrder(names: readonly ActionName[]): ActionName[] {
  return [...new Set(names)].sort((a, b) => actionDefinition(a).order - actionDefinition(b).order);
}
