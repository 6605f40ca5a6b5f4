/**
 * The web origin of the Discord the bot talks to, for links people click (message links in
 * alerts): https://discord.com by default; a Discord-compatible server at `DISCORD_API_URL`
 * serves its web pages from the same origin unless `DISCORD_WEB_URL` says otherwise.
 * @see https://discord.com/developers/docs/reference#api-reference-base-url
 */
const DEFAULT_ORIGIN = 'https://discord.com';

/** The origin (scheme, host, port) of message links. */
export function discordWebOrigin(options: { apiUrl?: string; webUrl?: string }): string {
  for (const url of [options.webUrl, options.apiUrl]) {
    if (url === undefined) continue;
    try {
      return new URL(url).origin;
    } catch {
      // an unparsable URL is refused where it is read; fall back to the next choice
    }
  }
  return DEFAULT_ORIGIN;
}

/** The link to one message. */
export function messageLink(origin: string, guildId: string, channelId: string, messageId: string): string {
  return `${origin}/channels/${guildId}/${channelId}/${messageId}`;
}
