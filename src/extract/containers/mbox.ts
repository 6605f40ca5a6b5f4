/**
 * Mbox mail folders, streamed: a message starts at a `From ` line at the start of the file or
 * after a blank line; the envelope line is dropped and `>From ` unescaped (mboxrd and mboxo).
 * Each message is handed on as an e-mail in memory (`message-00001.eml`).
 * @see https://datatracker.ietf.org/doc/html/rfc4155
 */
import { formatBytes, type ExtractLimits } from '../limits.ts';
import { asStream, type Container, type ContainerEntry } from './container.ts';

const FROM = Buffer.from('From ');

function unescapeFrom(message: Buffer): Buffer {
  // The envelope line is not part of the message.
  const start = message.subarray(0, 5).equals(FROM) ? message.indexOf(0x0a) + 1 : 0;
  const body = message.subarray(Math.max(start, 0));
  if (body.indexOf('>From ') < 0) return body;
  return Buffer.from(body.toString('latin1').replace(/^>(>*From )/gm, '$1'), 'latin1');
}

/** Splits a stream of mbox bytes into messages (raw, envelope line included). */
async function* messages(source: AsyncIterable<Buffer>, limits: ExtractLimits): AsyncGenerator<{ bytes?: Buffer; size: number }> {
  let parts: Buffer[] = [];
  let size = 0;
  let overflow = false;
  let carry: Buffer = Buffer.alloc(0);
  let previousBlank = true;
  const take = (b: Buffer) => {
    if (b.length === 0) return;
    size += b.length;
    if (size > limits.maxFileBytes) {
      overflow = true;
      parts = [];
    } else if (!overflow) parts.push(b);
  };
  const finish = () => {
    const out = { bytes: overflow || size === 0 ? undefined : Buffer.concat(parts), size };
    parts = [];
    size = 0;
    overflow = false;
    return out;
  };
  for await (const piece of source) {
    const chunk = carry.length > 0 ? Buffer.concat([carry, piece]) : piece;
    let messageStart = 0;
    let lineStart = 0;
    for (;;) {
      const nl = chunk.indexOf(0x0a, lineStart);
      if (nl < 0) break;
      const isFrom = chunk[lineStart] === 0x46 && chunk.subarray(lineStart, lineStart + 5).equals(FROM);
      if (isFrom && previousBlank) {
        take(chunk.subarray(messageStart, lineStart));
        if (size > 0) yield finish();
        messageStart = lineStart;
      }
      const length = nl - lineStart - (nl > lineStart && chunk[nl - 1] === 0x0d ? 1 : 0);
      previousBlank = length === 0;
      lineStart = nl + 1;
    }
    take(chunk.subarray(messageStart, lineStart));
    carry = chunk.subarray(lineStart);
    if (carry.length > limits.maxFileBytes) {
      take(carry);
      carry = Buffer.alloc(0);
    }
  }
  take(carry);
  if (size > 0) yield finish();
}

export const mboxContainer: Container = {
  name: 'mbox',
  types: ['mbox'],
  description: 'mbox mail folders (streamed, split at From lines, >From unescaped)',
  input: 'stream',
  async open(input, limits) {
    const source = asStream(input);
    async function* list(): AsyncGenerator<ContainerEntry> {
      let n = 0;
      for await (const message of messages(source as AsyncIterable<Buffer>, limits)) {
        n++;
        const name = `message-${String(n).padStart(5, '0')}.eml`;
        const bytes = message.bytes;
        if (bytes === undefined) {
          yield { name, size: message.size, error: `too large to read: ${formatBytes(message.size)} > ${formatBytes(limits.maxFileBytes)}`, open: async () => Buffer.alloc(0) };
        } else {
          yield { name, size: bytes.length, open: async () => unescapeFrom(bytes) };
        }
      }
    }
    return { entries: list(), close: () => source.destroy() };
  },
};
