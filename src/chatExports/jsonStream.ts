/**
 * Streams a large JSON document one piece at a time: the elements of its top-level array, or of
 * one array property of its top-level object, each assembled on its own, so a channel export of
 * any size is read in bounded memory. Built on stream-json's tokenizer and assembler, which keep
 * their own stack (no recursion), so deeply nested input cannot overflow the call stack.
 */
import type { Readable } from 'node:stream';
import parser, { type Token } from 'stream-json/parser.js';
import Assembler from 'stream-json/assembler.js';

export type JsonEvent =
  /** The document's top-level value starts: an object, an array, or a lone scalar. */
  | { kind: 'top'; type: 'object' | 'array' | 'scalar' }
  /** A top-level property named in `fields`, fully assembled. */
  | { kind: 'field'; key: string; value: unknown }
  /** The top-level array (or the `arrayKey` property) holds an array; its elements follow. */
  | { kind: 'array'; key?: string }
  /** One element of that array. */
  | { kind: 'item'; index: number; value: unknown };

export interface JsonStreamOptions {
  /** Stream the elements of this top-level property, when it is an array. */
  arrayKey?: string;
  /** Top-level properties to assemble and report (others are skipped without being built). */
  fields?: readonly string[];
}

type State =
  | { mode: 'start' }
  | { mode: 'keys' }
  | { mode: 'value'; key: string }
  | { mode: 'items'; key?: string; index: number }
  | { mode: 'build'; asm: Assembler; then: (value: unknown) => JsonEvent; back: State }
  | { mode: 'skip'; depth: number; back: State }
  | { mode: 'done' };

/**
 * Yields the events of one JSON document read from `input`. Throws the tokenizer's error on
 * malformed JSON (events already yielded stay valid).
 */
export async function* jsonEvents(input: Readable, options: JsonStreamOptions = {}): AsyncGenerator<JsonEvent> {
  const tokens = input.pipe(parser.asStream({ streamValues: false }));
  // A read error of the source (EACCES, a corrupt zip entry) ends the token stream with it.
  input.once('error', (err) => tokens.destroy(err));
  const fields = new Set(options.fields ?? []);
  let state: State = { mode: 'start' };
  try {
    for await (const token of tokens as AsyncIterable<Token>) {
      const out: JsonEvent[] = [];
      state = step(state, token, options.arrayKey, fields, out);
      yield* out;
    }
  } finally {
    input.destroy();
    tokens.destroy();
  }
}

function step(state: State, token: Token, arrayKey: string | undefined, fields: Set<string>, out: JsonEvent[]): State {
  switch (state.mode) {
    case 'start':
      if (token.name === 'startObject') {
        out.push({ kind: 'top', type: 'object' });
        return { mode: 'keys' };
      }
      if (token.name === 'startArray') {
        out.push({ kind: 'top', type: 'array' }, { kind: 'array' });
        return { mode: 'items', index: 0 };
      }
      out.push({ kind: 'top', type: 'scalar' });
      return { mode: 'done' };
    case 'keys':
      if (token.name === 'keyValue') return { mode: 'value', key: token.value };
      return { mode: 'done' }; // endObject: the document is over
    case 'value': {
      const { key } = state;
      if (key === arrayKey && token.name === 'startArray') {
        out.push({ kind: 'array', key });
        return { mode: 'items', key, index: 0 };
      }
      if (fields.has(key)) return build(token, { mode: 'keys' }, (value) => ({ kind: 'field', key, value }), out);
      return skip(token, { mode: 'keys' });
    }
    case 'items': {
      if (token.name === 'endArray') return state.key === undefined ? { mode: 'done' } : { mode: 'keys' };
      const index = state.index;
      const back: State = { ...state, index: index + 1 };
      return build(token, back, (value) => ({ kind: 'item', index, value }), out);
    }
    case 'build':
      state.asm.consume(token);
      if (state.asm.done) {
        out.push(state.then(state.asm.current));
        return state.back;
      }
      return state;
    case 'skip': {
      const depth = state.depth + nesting(token);
      return depth === 0 ? state.back : { ...state, depth };
    }
    case 'done':
      return state;
  }
}

function build(token: Token, back: State, then: (value: unknown) => JsonEvent, out: JsonEvent[]): State {
  const asm = new Assembler();
  asm.consume(token);
  if (asm.done) {
    out.push(then(asm.current));
    return back;
  }
  return { mode: 'build', asm, then, back };
}

function skip(token: Token, back: State): State {
  const depth = nesting(token);
  return depth === 0 ? back : { mode: 'skip', depth, back };
}

function nesting(token: Token): number {
  if (token.name === 'startObject' || token.name === 'startArray') return 1;
  if (token.name === 'endObject' || token.name === 'endArray') return -1;
  return 0;
}
