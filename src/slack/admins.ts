/**
 * Who may change settings and read the report on Slack: workspace admins and owners (users.info),
 * or members of the configured user group (`slack.adminUserGroup`, usergroups.users.list). When
 * Slack cannot be asked, the answer is no: a refusal is safer than a change by the wrong person.
 */
import type { Config } from '../core/index.ts';
import type { Logger } from '../log/logger.ts';
import type { AdminCheck } from '../platform/index.ts';
import { describeSlackError, type WebClient } from './client.ts';

interface SlackUser {
  is_admin?: boolean;
  is_owner?: boolean;
  is_primary_owner?: boolean;
}

/** Whether `userId` is a workspace admin or owner, or in the configured admin user group. */
export async function isSlackAdmin(client: WebClient, config: Config, userId: string, logger: Logger): Promise<boolean> {
  try {
    const info = await client.users.info({ user: userId });
    const user = info.user as SlackUser | undefined;
    if (user?.is_admin === true || user?.is_owner === true || user?.is_primary_owner === true) return true;
  } catch (err) {
    logger.warn({ userId, detail: describeSlackError(err) }, 'users.info failed; not treated as admin');
  }
  const group = config.slack.adminUserGroup;
  if (group === undefined) return false;
  try {
    const answer = await client.usergroups.users.list({ usergroup: group });
    return Array.isArray(answer.users) && answer.users.includes(userId);
  } catch (err) {
    logger.warn({ userId, usergroup: group, detail: describeSlackError(err) }, 'usergroups.users.list failed');
    return false;
  }
}

/** The port's admin check on Slack, with the configuration in force at each call. */
export function slackAdminCheck(client: WebClient, config: () => Config, logger: Logger): AdminCheck<{ userId: string }> {
  return ({ userId }) => isSlackAdmin(client, config(), userId, logger);
}
