/**
 * An action the policy can ask a platform adapter to take for a message. The actions are declared
 * together in `registry.ts`; adapters implement what each one does on their platform.
 */
export interface ActionDefinition<Name extends string = string> {
  name: Name;
  /** One line for people: what the action does. */
  summary: string;
  /**
   * When it runs relative to the others for the same message (lower first). The warning goes
   * before the deletion so it never depends on a message that no longer exists; the alert goes
   * after it so it can say whether the deletion worked; the incident is recorded last with every
   * outcome.
   */
  order: number;
}
