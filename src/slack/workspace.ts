/**
 * Events from our own workspace only. The Events API envelope names the team an event comes
 * from; an event for another team (a misrouted delivery, a replayed payload signed with a leaked
 * secret, another workspace of a distributed app) must not be acted on with our tokens. On
 * Enterprise Grid, an org-wide install receives the events of every workspace of the org: those
 * are ours too.
 * @see https://api.slack.com/apis/events-api#callback-field
 * @see https://api.slack.com/enterprise/grid/migration#events
 */

/** Who we are, from auth.test. */
export interface OwnWorkspace {
  teamId?: string;
  /** The Enterprise Grid org, when the app is installed on one. */
  enterpriseId?: string;
}

/** The fields of an envelope (or a slash command payload) that say where it comes from. */
export interface EnvelopeOrigin {
  team_id?: unknown;
  enterprise_id?: unknown;
}

/** Whether the envelope comes from our workspace or, on Enterprise Grid, from our org. */
export function fromOwnWorkspace(own: OwnWorkspace, envelope: EnvelopeOrigin): boolean {
  const team = typeof envelope.team_id === 'string' ? envelope.team_id : undefined;
  const enterprise = typeof envelope.enterprise_id === 'string' ? envelope.enterprise_id : undefined;
  if (own.teamId === undefined && own.enterpriseId === undefined) return true;
  if (team !== undefined && (team === own.teamId || team === own.enterpriseId)) return true;
  return own.enterpriseId !== undefined && enterprise === own.enterpriseId;
}
