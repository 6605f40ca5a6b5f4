import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeUtf8 } from '../../src/chatExports/utf8.ts';

/** A chunk's worth (over the 1 kB below which plain `toString` is used) around `piece`. */
const chunkAround = (piece: Buffer) => Buffer.concat([Buffer.from('{"text": "'.repeat(200)), piece, Buffer.from('"}\n'.repeat(200))]);

test('export bytes in French, with emoji and a byte-order mark decode to the same string as Buffer#toString', () => {
  const bytes = chunkAround(Buffer.from('\uFEFFÉlection : « fuite » 😀 à vérifier, œuvre, ß, 中文'));
  assert.equal(decodeUtf8(bytes), bytes.toString('utf8'));
});

test('ASCII export bytes decode to the same string as Buffer#toString', () => {
  const bytes = chunkAround(Buffer.from('plain ascii text'));
  assert.equal(decodeUtf8(bytes), bytes.toString('utf8'));
});

test('invalid UTF-8 in export bytes is replaced by U+FFFD as Buffer#toString does', () => {
  for (const bad of [[0x80], [0xe2, 0x82], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf5, 0x80, 0x80, 0x80]]) {
    const bytes = chunkAround(Buffer.concat([Buffer.from('é'), Buffer.from(bad)]));
    const decoded = decodeUtf8(bytes);
    assert.equal(decoded, bytes.toString('utf8'));
    assert.ok(decoded.includes('\uFFFD'));
  }
});
