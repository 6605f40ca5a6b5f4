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
}

export interface MessageInput {
  text: string;
  attachments?: readonly Attachment[];
  /** When the message was posted (or edited), epoch milliseconds. */
  at: number;
}
