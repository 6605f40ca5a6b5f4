/**
 * A command's answer, platform-neutral: the Discord adapter turns it into an interaction response
 * (embed or content), the Slack adapter into an ephemeral response or Block Kit.
 */
export interface ReplyField {
  name: string;
  value: string;
}

export interface CommandReply {
  title?: string;
  /** Main text, in the platform's markdown subset (bold with `**` is avoided: Slack reads `*`). */
  text: string;
  fields?: ReplyField[];
  /** Only the person who asked sees it. */
  ephemeral: boolean;
}
