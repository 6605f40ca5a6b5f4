/**
 * A Slack connection for sweeping only (`blackout-guard sweep`): the Web API clients and the
 * workspace's identity (`auth.test`), giving the workspace's channel history.
 */
import type { Config } from '../core/index.ts';
import type { Logger } from '../log/logger.ts';
import type { ChannelHistory } from '../platform/index.ts';
import { WebClient, webClientOptions } from './client.ts';
import { slackHistory } from './history.ts';

export async function connectSlackHistory(options: {
  botToken: string;
  adminUserToken?: string;
  apiUrl?: string;
  config: () => Config;
  logger: Logger;
}): Promise<ChannelHistory> {
  const logger = options.logger.child({ platform: 'slack' });
  const clientOptions = webClientOptions({ ...(options.apiUrl !== undefined && { apiUrl: options.apiUrl }), logger });
  const client = new WebClient(options.botToken, clientOptions);
  const auth = await client.auth.test();
  if (typeof auth.team_id !== 'string') throw new Error('auth.test gave no team id');
  return slackHistory({
    client,
    ...(options.adminUserToken !== undefined && { adminClient: new WebClient(options.adminUserToken, clientOptions) }),
    config: options.config,
    teamId: auth.team_id,
    ...(typeof auth.user_id === 'string' && { botUserId: auth.user_id }),
    files: { client, botToken: options.botToken, ...(options.apiUrl !== undefined && { apiUrl: options.apiUrl }), logger },
    logger,
  });
}
