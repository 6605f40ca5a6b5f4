import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classify } from '../../src/core/index.ts';
import { AT_BLACKOUT, engineFrom, LEAK_YAML } from '../support/engine.ts';

const engine = engineFrom(LEAK_YAML);
const HEX = `${'0123456789abcdef'.repeat(2)}01234567`;
const verdictOf = (text: string, attachments: { name: string; sha256?: string }[] = []) =>
  classify(engine, { text, attachments, at: AT_BLACKOUT }).verdict;

/** RFC 4648 base32 of the 20 bytes of a hex infohash. */
function base32(hex: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of hex) bits += parseInt(c, 16).toString(2).padStart(4, '0');
  let out = '';
  for (let i = 0; i < bits.length; i += 5) out += alphabet[parseInt(bits.slice(i, i + 5), 2)];
  return out;
}

test('an attachment with a listed SHA-256 is a share, whatever the case of the hash', () => {
  assert.equal(verdictOf('', [{ name: 'x.bin', sha256: 'ab'.repeat(32) }]), 'share');
});

test('an attachment with another hash and name is not a share', () => {
  assert.equal(verdictOf('', [{ name: 'holiday.jpg', sha256: 'cd'.repeat(32) }]), 'none');
});

test('an attachment with a listed file name is a share, ignoring case', () => {
  assert.equal(verdictOf('', [{ name: 'emleaks.ZIP' }]), 'share');
});

test('a link to a file with a listed name on any host is a share', () => {
  assert.equal(verdictOf('https://mirror.example.com/pub/EMLEAKS.zip'), 'share');
});

test('a listed file name written in a sentence is not a share', () => {
  assert.equal(verdictOf('they say a file called EMLEAKS.zip is going around'), 'mention');
});

test('a magnet link with a listed hex infohash is a share', () => {
  assert.equal(verdictOf(`magnet:?xt=urn:btih:${HEX.toUpperCase()}&dn=dump`), 'share');
});

test('a magnet link with the same infohash in base32 is a share', () => {
  assert.equal(verdictOf(`magnet:?xt=urn:btih:${base32(HEX)}&dn=dump`), 'share');
});

test('a magnet link inside Slack markup with &amp; is a share', () => {
  assert.equal(verdictOf(`<magnet:?dn=x&amp;xt=urn:btih:${HEX}>`), 'share');
});

test('an unrelated magnet link is not a share', () => {
  assert.equal(verdictOf(`magnet:?xt=urn:btih:${'f'.repeat(40)}`), 'none');
});

test('a configured base32 infohash matches a hex magnet', () => {
  const e = engineFrom(`leaks:\n  - id: l\n    infohashes: [${base32(HEX)}]\n`);
  assert.equal(classify(e, { text: `magnet:?xt=urn:btih:${HEX}`, at: 0 }).verdict, 'share');
});
