/** Every action the policy can name, in one list. */
import type { ActionDefinition } from './action.ts';
import { warnAction } from './warn.ts';
import { remindAction } from './remind.ts';
import { deleteAction } from './delete.ts';
import { alertAction } from './alert.ts';
import { recordAction } from './record.ts';
import { logAction } from './log.ts';

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
