/**
 * What the core needs to know about one chat message. Platform adapters and the CLI readers
 * build this; nothing platform-specific goes in.
 */
export interface Attachment {
  /** File name as posted. */
  name: string;
  /** SHA-256 of the content, hex (any case). Absent when the file could not be read. */
  sha256?: string;
  /** Size in bytes, when known. */
  size?: number;
  /** MD5 of the content, hex (any case), when computed (shared hash lists often use it). */
  md5?: string;
  /** PDQ hash (64 hex digits) and quality of an image, when computed. */
  pdq?: { hash: string; quality: number };
}

export interface MessageInput {
  text: string;
  attachments?: readonly Attachment[];
  /** When the message was posted (or edited), epoch milliseconds. */
  at: number;
}
