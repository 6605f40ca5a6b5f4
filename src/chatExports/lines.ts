/**
 * Splits a byte stream into numbered lines without holding more than one line in memory. A line
 * longer than the limit is dropped (reported as too long) instead of growing without bound.
 */
import type { Readable } from 'node:stream';

/** Longest line kept: far above any real message (Slack caps at 40 kB, Discord at 4 kB), low enough to stay safe. */
export const MAX_LINE_BYTES = 16 * 1024 * 1024;

export type Line = { line: number; text: string } | { line: number; tooLong: true };

/** Yields each line (without `\n` or `\r\n`), numbered from 1; `onBytes` hears of each chunk read. */
export async function* readLines(
  input: Readable,
  maxBytes: number = MAX_LINE_BYTES,
  onBytes: (bytes: number) => void = () => {},
): AsyncGenerator<Line> {
  let parts: Buffer[] = [];
  let length = 0;
  let overflow = false;
  let line = 1;
  for await (const chunk of input as AsyncIterable<Buffer | string>) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    onBytes(buffer.length);
    let start = 0;
    for (let nl = buffer.indexOf(10, start); nl !== -1; nl = buffer.indexOf(10, start)) {
      const piece = buffer.subarray(start, nl);
      if (overflow || length + piece.length > maxBytes) yield { line, tooLong: true };
      else yield { line, text: decode(parts, piece, length) };
      parts = [];
      length = 0;
      overflow = false;
      line += 1;
      start = nl + 1;
    }
    const rest = buffer.subarray(start);
    if (overflow || length + rest.length > maxBytes) {
      // Keep counting nothing: the rest of this line is skipped.
      overflow = true;
      parts = [];
      length = 0;
    } else if (rest.length > 0) {
      parts.push(Buffer.from(rest));
      length += rest.length;
    }
  }
  if (overflow) yield { line, tooLong: true };
  else if (length > 0) yield { line, text: decode(parts, Buffer.alloc(0), length) };
}

function decode(parts: Buffer[], last: Buffer, length: number): string {
  const whole = parts.length === 0 ? last : Buffer.concat([...parts, last], length + last.length);
  const text = whole.toString('utf8');
  return text.endsWith('\r') ? text.slice(0, -1) : text;
}
