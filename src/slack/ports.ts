/**
 * The platform port's message actions (src/platform) for one Slack message: the warning is one `chat.postMessage`
 * in the message's thread (plus a private note to the author), the alert goes to the moderators'
 * channel with a permalink, and deletion uses the admin user token when there is one.
 */
import { fill, type Config, type Language, type Warning } from '../core/index.ts';
import type { Logger } from '../log/logger.ts';
import { ActionSkipped, type MessageActions, type ModeratorAlert } from '../platform/index.ts';
import { alertBlocks, alertText, escapeMrkdwn, warningBlocks, warningText, type AlertView } from './blocks.ts';
import { describeSlackError, slackErrorCode, type WebClient } from './client.ts';
import { SLACK_TEXTS } from './texts.ts';

/** Refusals of chat.delete that mean "not allowed / nothing to delete", recorded as skipped. */
const DELETE_REFUSALS = new Set(['cant_delete_message', 'message_not_found', 'not_in_channel', 'channel_not_found', 'missing_scope', 'not_allowed_token_type']);

export interface SlackTarget {
  channel: string;
  ts: string;
  /** Root of the message's thread (its own ts when it is not a reply). */
  threadTs: string;
  inThread: boolean;
  userId: string;
  edited: boolean;
  /** Files shared with the message: deleted with it (a deleted message leaves its files behind). */
  fileIds?: string[];
}

export interface PortDeps {
  client: WebClient;
  /** Client with the admin user token; without it nothing is deleted. */
  adminClient?: WebClient;
  config: Config;
  language: Language;
  logger: Logger;
}

/** The actions on one message. */
export function slackActions(deps: PortDeps, target: SlackTarget): MessageActions {
  const ids = { channel: target.channel, message: target.ts, author: target.userId };
  return {
    mention: (userId) => `<@${userId}>`,

    async warn(warning: Warning, kind) {
      await deps.client.chat.postMessage({
        channel: target.channel,
        thread_ts: target.threadTs,
        text: warningText(warning),
        blocks: warningBlocks(warning),
        unfurl_links: false,
        unfurl_media: false,
      });
      if (kind !== 'warning') return;
      // The private note is a courtesy on top of the warning: its failure is logged, not fatal.
      try {
        await deps.client.chat.postEphemeral({
          channel: target.channel,
          user: target.userId,
          ...(target.inThread && { thread_ts: target.threadTs }),
          text: escapeMrkdwn(fill(SLACK_TEXTS[deps.language].note, { end: warning.endsAt })),
        });
      } catch (err) {
        deps.logger.warn({ ...ids, detail: describeSlackError(err) }, 'ephemeral note not posted');
      }
    },

    async delete() {
      if (!deps.adminClient) {
        throw new ActionSkipped('no SLACK_ADMIN_USER_TOKEN: a bot token can delete only its own messages');
      }
      try {
        await deps.adminClient.chat.delete({ channel: target.channel, ts: target.ts });
      } catch (err) {
        const code = slackErrorCode(err);
        if (code !== undefined && DELETE_REFUSALS.has(code)) throw new ActionSkipped(code);
        throw new Error(describeSlackError(err));
      }
      // The message is gone; its files stay in the workspace unless deleted too (noted when not).
      // @see https://api.slack.com/methods/files.delete
      for (const file of target.fileIds ?? []) {
        try {
          await deps.adminClient.files.delete({ file });
        } catch (err) {
          deps.logger.warn({ ...ids, file, detail: describeSlackError(err) }, 'file of the deleted message not deleted');
        }
      }
    },

    async alert(alert: ModeratorAlert) {
      let permalink: string | undefined;
      try {
        const answer = await deps.client.chat.getPermalink({ channel: target.channel, message_ts: target.ts });
        permalink = typeof answer.permalink === 'string' ? answer.permalink : undefined;
      } catch (err) {
        deps.logger.warn({ ...ids, detail: describeSlackError(err) }, 'permalink unavailable; alerting without it');
      }
      const view: AlertView = {
        language: alert.language,
        authorId: target.userId,
        channelId: target.channel,
        edited: target.edited,
        leaks: alert.classification.leaks.map((id) => deps.config.leaks.find((l) => l.id === id)?.name ?? id),
        rules: alert.rules,
        ...(alert.window && { windowName: alert.window.name }),
        ...(alert.deletion && { deletion: alert.deletion }),
        ...(permalink !== undefined && { permalink }),
      };
      await deps.client.chat.postMessage({
        channel: alert.alertChannel,
        text: alertText(view),
        blocks: alertBlocks(view),
        unfurl_links: false,
        unfurl_media: false,
      });
    },
  };
}
