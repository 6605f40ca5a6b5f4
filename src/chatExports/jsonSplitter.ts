/**
 * Cuts a JSON document into the raw bytes of the elements of one array (the top-level array, or
 * one array property of the top-level object), without building them: only string boundaries
 * and bracket depth are followed, byte by byte outside strings and by `indexOf` inside them.
 * Each element is parsed later with `JSON.parse`, possibly on another thread. This is several
 * times faster than a token-by-token streaming parser, and memory stays bounded: one batch of
 * elements and one element at most.
 *
 * Structure is checked only as far as finding elements needs; each element's own validity is
 * for `JSON.parse` to judge.
 */
import type { Readable } from 'node:stream';

export type SplitEvent =
  /** The document's top-level value starts: an object, an array, or a lone scalar. */
  | { kind: 'top'; type: 'object' | 'array' | 'scalar' }
  /** A top-level property named in `fields`, parsed (undefined when it was not valid JSON or too big). */
  | { kind: 'field'; key: string; value: unknown }
  /** The array whose elements follow was found. */
  | { kind: 'array' }
  /**
   * Consecutive elements: `bytes` holds them separated by commas (so `[${bytes}]` is one JSON
   * array when they are all valid); element i ends at `ends[i]` and starts one byte after the
   * end of the one before (at 0 for the first).
   */
  | { kind: 'elements'; firstIndex: number; bytes: Uint8Array; ends: number[] }
  /** An element over the size limit, left out. */
  | { kind: 'tooLarge'; index: number };

export interface SplitOptions {
  /** Split the elements of this top-level property (else the document must be an array). */
  arrayKey?: string;
  /** Top-level properties to parse and report (small ones: each is capped at 1 MiB). */
  fields?: readonly string[];
  /** Bytes of elements gathered before a batch is handed on. */
  batchBytes?: number;
  /** Largest element kept. */
  maxElementBytes?: number;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const MAX_FIELD_BYTES = 1024 * 1024;
const COMMA = Buffer.from(',');

/** Thrown when the document is not JSON in a way that stops the split. */
export class SplitError extends Error {}

const isSpace = (b: number) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;

/**
 * Yields the events of one JSON document read from `input`. Throws a {@link SplitError} when
 * its structure breaks (events already yielded stay valid); `onBytes` hears of every chunk read.
 */
export async function* splitJsonArray(
  input: AsyncIterable<Buffer | string>,
  options: SplitOptions = {},
  onBytes: (bytes: number) => void = () => {},
): AsyncGenerator<SplitEvent> {
  const splitter = new JsonSplitter(options);
  try {
    for await (const chunk of input) {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      onBytes(buffer.length);
      splitter.push(buffer);
      yield* splitter.take();
    }
    splitter.end();
    yield* splitter.take();
  } finally {
    (input as Partial<Readable>).destroy?.();
  }
}

/**
 * The events of a JSON document held whole in `bytes` (a Slack day file read at once): the same
 * as {@link splitJsonArray}'s, without streams. With `complete` false the bytes are only the start
 * of the document (its reading failed): the events of what they hold, and no error for the end.
 */
export function* splitJsonBytes(bytes: Buffer, options: SplitOptions = {}, complete = true): Generator<SplitEvent> {
  const splitter = new JsonSplitter(options);
  splitter.push(bytes);
  yield* splitter.take();
  if (!complete) return;
  splitter.end();
  yield* splitter.take();
}

/** Where the top level of the document is. */
type Phase = 'start' | 'key' | 'colon' | 'value' | 'afterValue' | 'items' | 'done';

class JsonSplitter {
  private readonly arrayKey: string | undefined;
  private readonly fields: Set<string>;
  private readonly batchBytes: number;
  private readonly maxElement: number;
  private events: SplitEvent[] = [];
  private error: SplitError | undefined;

  private phase: Phase = 'start';
  /** Depth of brackets, counting the top-level value's own. */
  private depth = 0;
  private inString = false;
  /** A backslash ended the last chunk inside a string. */
  private escapePending = false;
  /** Depth at which the array's elements sit (1: top-level array; 2: property of the top object). */
  private itemDepth = -1;

  /** The value being captured (an element, a key, a field) and what it is. */
  private capture: 'element' | 'key' | 'field' | 'skip' | undefined;
  private captureParts: Buffer[] = [];
  private captureLength = 0;
  private captureTooBig = false;
  /** Depth at which the captured value started. */
  private captureDepth = 0;
  /** A scalar value (number, literal) is being read: it ends at the next delimiter. */
  private inScalar = false;
  private key = '';

  private batch: Buffer[] = [];
  private batchLength = 0;
  private batchEnds: number[] = [];
  private batchFirst = 0;
  private index = 0;

  constructor(options: SplitOptions) {
    this.arrayKey = options.arrayKey;
    this.fields = new Set(options.fields ?? []);
    this.batchBytes = options.batchBytes ?? 1024 * 1024;
    this.maxElement = options.maxElementBytes ?? 16 * 1024 * 1024;
  }

  /** The events so far; throws the structural error, if any, once they are out. */
  *take(): Generator<SplitEvent> {
    const out = this.events;
    this.events = [];
    yield* out;
    if (this.error !== undefined) throw this.error;
  }

  push(chunk: Buffer): void {
    if (this.error !== undefined) return;
    try {
      this.scan(chunk);
    } catch (err) {
      if (!(err instanceof SplitError)) throw err;
      // Elements read before the fault are handed on first.
      this.capture = undefined;
      this.flush();
      this.error = err;
    }
  }

  end(): void {
    if (this.error !== undefined) return;
    try {
      this.finish();
    } catch (err) {
      if (!(err instanceof SplitError)) throw err;
      this.error = err;
    }
  }

  private scan(chunk: Buffer): void {
    let i = 0;
    let start = this.capture === undefined ? -1 : 0;
    let backslash = -2;
    const n = chunk.length;
    while (i < n) {
      if (this.inString) {
        if (this.escapePending) {
          this.escapePending = false;
          i += 1;
          continue;
        }
        const quote = chunk.indexOf(QUOTE, i);
        if (backslash !== -1 && backslash < i) backslash = chunk.indexOf(BACKSLASH, i);
        if (backslash !== -1 && (quote === -1 || backslash < quote)) {
          if (backslash + 1 >= n) this.escapePending = true;
          i = backslash + 2;
          continue;
        }
        if (quote === -1) {
          i = n;
          break;
        }
        this.inString = false;
        i = quote + 1;
        if (this.capture !== undefined && this.depth === this.captureDepth) {
          start = this.finishCapture(chunk, start, i);
        }
        continue;
      }
      if (this.capture !== undefined && this.depth > this.captureDepth) {
        // Inside a captured object or array only quotes and brackets matter: skip the rest
        // (indentation, keys' colons, numbers, commas) without the checks below.
        let c = chunk[i]!;
        while (c !== QUOTE && c !== 0x7b && c !== 0x5b && c !== 0x7d && c !== 0x5d) {
          if (++i === n) break;
          c = chunk[i]!;
        }
        if (i === n) break;
      }
      const b = chunk[i]!;
      if (this.inScalar) {
        if (b === 0x2c || b === 0x5d || b === 0x7d || isSpace(b)) {
          this.inScalar = false;
          start = this.finishCapture(chunk, start, i);
          continue; // the delimiter is read again at this level
        }
        i += 1;
        continue;
      }
      if (isSpace(b)) {
        i += 1;
        continue;
      }
      switch (this.phase) {
        case 'start':
          if (b === 0x7b) {
            this.events.push({ kind: 'top', type: 'object' });
            this.phase = 'key';
            this.depth = 1;
          } else if (b === 0x5b) {
            this.events.push({ kind: 'top', type: 'array' }, { kind: 'array' });
            this.phase = 'items';
            this.depth = 1;
            this.itemDepth = 1;
          } else {
            this.events.push({ kind: 'top', type: 'scalar' });
            this.phase = 'done';
            return;
          }
          i += 1;
          continue;
        case 'key':
          if (b === 0x7d && this.depth === 1) {
            this.depth = 0;
            this.phase = 'done';
            i += 1;
            continue;
          }
          if (b === 0x2c) {
            i += 1;
            continue;
          }
          if (b !== QUOTE) throw new SplitError(`expected a property name at depth 1`);
          start = this.begin('key', i);
          this.inString = true;
          i += 1;
          continue;
        case 'colon':
          if (b !== 0x3a) throw new SplitError('expected ":" after a property name');
          this.phase = 'value';
          i += 1;
          continue;
        case 'value':
          if (this.key === this.arrayKey && b === 0x5b && this.arrayKey !== undefined) {
            this.events.push({ kind: 'array' });
            this.depth = 2;
            this.itemDepth = 2;
            this.phase = 'items';
            i += 1;
            continue;
          }
          start = this.begin(this.fields.has(this.key) ? 'field' : 'skip', i);
          this.phase = 'afterValue';
          continue; // the value's first byte is read below as part of the capture
        case 'afterValue':
          if (this.capture !== undefined) break;
          this.phase = 'key';
          continue;
        case 'items':
          if (this.capture === undefined) {
            if (b === 0x2c) {
              i += 1;
              continue;
            }
            if (b === 0x5d && this.depth === this.itemDepth) {
              this.flush();
              this.depth -= 1;
              this.phase = this.itemDepth === 1 ? 'done' : 'key';
              i += 1;
              continue;
            }
            start = this.begin('element', i);
          }
          break;
        case 'done':
          throw new SplitError('unexpected data after the end of the document');
      }
      // Inside a captured value (element, field or skipped property).
      if (b === QUOTE) {
        this.inString = true;
        i += 1;
        continue;
      }
      if (b === 0x7b || b === 0x5b) {
        this.depth += 1;
        i += 1;
        continue;
      }
      if (b === 0x7d || b === 0x5d) {
        this.depth -= 1;
        i += 1;
        if (this.depth < this.captureDepth) throw new SplitError(`unexpected "${String.fromCharCode(b)}"`);
        if (this.depth === this.captureDepth) start = this.finishCapture(chunk, start, i);
        continue;
      }
      if (this.depth === this.captureDepth) {
        // A number or a literal (true, false, null) as the whole value.
        this.inScalar = true;
      }
      i += 1;
    }
    if (this.capture !== undefined && start >= 0) this.keep(chunk.subarray(start, n));
  }

  private finish(): void {
    if (this.inScalar) {
      this.inScalar = false;
      this.finishCapture(Buffer.alloc(0), 0, 0);
    }
    if (this.phase === 'done') return;
    this.flush();
    if (this.phase === 'start') throw new SplitError('the file is empty');
    throw new SplitError(this.inString ? 'the file ends inside a string (cut off?)' : 'the file ends before the document is closed (cut off?)');
  }

  /** Starts capturing a value at `at`; returns the chunk offset captured from. */
  private begin(kind: 'element' | 'key' | 'field' | 'skip', at: number): number {
    this.capture = kind;
    this.captureParts = [];
    this.captureLength = 0;
    this.captureTooBig = false;
    this.captureDepth = this.depth;
    return at;
  }

  private keep(piece: Buffer): void {
    if (this.capture === 'skip' || this.captureTooBig) return;
    const limit = this.capture === 'element' ? this.maxElement : MAX_FIELD_BYTES;
    if (this.captureLength + piece.length > limit) {
      this.captureTooBig = true;
      this.captureParts = [];
      return;
    }
    // Kept as a view, not copied: a stream hands out a new buffer for each read (files, zlib),
    // and the batch is copied once, whole, when it is handed on.
    this.captureParts.push(piece);
    this.captureLength += piece.length;
  }

  /** Ends the capture at chunk offset `end`; returns the new capture start (-1: none). */
  private finishCapture(chunk: Buffer, start: number, end: number): number {
    const kind = this.capture;
    this.capture = undefined;
    if (kind === 'skip') return this.afterTopValue();
    const limit = kind === 'element' ? this.maxElement : MAX_FIELD_BYTES;
    const tail = chunk.subarray(Math.max(start, 0), end);
    const tooBig = this.captureTooBig || this.captureLength + tail.length > limit;
    if (kind === 'element') {
      if (tooBig) {
        this.flush();
        this.events.push({ kind: 'tooLarge', index: this.index });
        this.index += 1;
        this.batchFirst = this.index;
      } else {
        this.addElement(this.captureParts, tail);
        // Checked after every element: at a chunk's end an element is usually half read.
        this.flushIfFull();
      }
      this.captureParts = [];
      return -1;
    }
    const text = tooBig ? undefined : Buffer.concat([...this.captureParts, tail]).toString('utf8');
    this.captureParts = [];
    if (kind === 'key') {
      const key = text === undefined ? undefined : parseOr(text, undefined);
      this.key = typeof key === 'string' ? key : '';
      this.phase = 'colon';
      return -1;
    }
    this.events.push({ kind: 'field', key: this.key, value: text === undefined ? undefined : parseOr(text, undefined) });
    return this.afterTopValue();
  }

  private afterTopValue(): number {
    this.phase = 'key';
    return -1;
  }

  private addElement(parts: Buffer[], tail: Buffer): void {
    if (this.batchEnds.length > 0) {
      this.batch.push(COMMA);
      this.batchLength += 1;
    }
    for (const part of parts) this.batch.push(part);
    if (tail.length > 0) this.batch.push(tail);
    this.batchLength += parts.reduce((sum, p) => sum + p.length, 0) + tail.length;
    this.batchEnds.push(this.batchLength);
    this.index += 1;
  }

  private flushIfFull(): void {
    if (this.batchLength >= this.batchBytes) this.flush();
  }

  private flush(): void {
    if (this.batchEnds.length > 0) {
      this.events.push({
        kind: 'elements',
        firstIndex: this.batchFirst,
        bytes: Buffer.concat(this.batch, this.batchLength),
        ends: this.batchEnds,
      });
    }
    this.batch = [];
    this.batchLength = 0;
    this.batchEnds = [];
    this.batchFirst = this.index;
  }
}

function parseOr<T>(text: string, fallback: T): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return fallback;
  }
}
