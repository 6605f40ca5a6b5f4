import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classify } from '../../src/core/index.ts';
import { AT_BLACKOUT, engineFrom, LEAK_YAML } from '../support/engine.ts';

const engine = engineFrom(LEAK_YAML);
const verdictOf = (text: string) => classify(engine, { text, at: AT_BLACKOUT }).verdict;

test('a listed URL matches with its scheme', () => {
  assert.equal(verdictOf('https://pastebin.com/abc'), 'share');
});

test('a listed URL matches without a scheme', () => {
  assert.equal(verdictOf('look: pastebin.com/abc'), 'share');
});

test('a listed URL matches a deeper path under it', () => {
  assert.equal(verdictOf('https://pastebin.com/abc/x'), 'share');
});

test('a listed URL does not match a longer segment with the same start', () => {
  assert.equal(verdictOf('https://pastebin.com/abcd'), 'none');
});

test('another page of the same site is not a share', () => {
  assert.equal(verdictOf('https://pastebin.com/xyz'), 'none');
});

test('the host is case-insensitive and www. is ignored', () => {
  assert.equal(verdictOf('HTTPS://WWW.PASTEBIN.COM/abc'), 'share');
});

test('the path is case-sensitive', () => {
  assert.equal(verdictOf('https://pastebin.com/ABC'), 'none');
});

test('query and fragment are ignored', () => {
  assert.equal(verdictOf('https://pastebin.com/abc?utm_source=x#top'), 'share');
});

test('percent-encoded unreserved characters are decoded', () => {
  assert.equal(verdictOf('https://pastebin.com/%61%62%63'), 'share');
});

test('a defanged link with hxxps and [.] matches', () => {
  assert.equal(verdictOf('hxxps://pastebin[.]com/abc'), 'share');
});

test('a defanged link with (.) matches', () => {
  assert.equal(verdictOf('pastebin(.)com/abc'), 'share');
});

test('a Markdown link matches by its target', () => {
  assert.equal(verdictOf('[the files](https://pastebin.com/abc)'), 'share');
});

test('a Slack link with a label matches by its target', () => {
  assert.equal(verdictOf('<https://pastebin.com/abc|read this>'), 'share');
});

test('surrounding punctuation does not hide a link', () => {
  assert.equal(verdictOf('(see "https://pastebin.com/abc").'), 'share');
});

test('zero-width characters inside a link do not hide it', () => {
  assert.equal(verdictOf('https://paste\u200bbin.com/a\u200cbc'), 'share');
});

test('full-width characters are read as their ASCII forms', () => {
  assert.equal(verdictOf('ｈｔｔｐｓ：／／ｐａｓｔｅｂｉｎ．ｃｏｍ／ａｂｃ'), 'share');
});

test('a URL rule with a scheme and an upper-case path matches the same link', () => {
  assert.equal(verdictOf('archive.example.org/details/EMLEAKS/files'), 'share');
});

test('a domain matches itself', () => {
  assert.equal(verdictOf('https://leakhost.net/'), 'share');
});

test('a domain matches its subdomains', () => {
  assert.equal(verdictOf('http://files.eu.leakhost.net/dump'), 'share');
});

test('a lookalike that ends with the domain name does not match', () => {
  assert.equal(verdictOf('https://notleakhost.net/dump'), 'none');
});

test('a host that starts with the domain name does not match', () => {
  assert.equal(verdictOf('https://leakhost.net.evil.com/dump'), 'none');
});

test('an e-mail address at a listed domain is not a link to it', () => {
  assert.equal(verdictOf('write to press@leakhost.net'), 'none');
});

test('a link names its rule but never the text around it', () => {
  const c = classify(engine, { text: 'secret words https://pastebin.com/abc', at: AT_BLACKOUT });
  assert.deepEqual(c.signals, [{ kind: 'url', leak: 'macronleaks', rule: 'pastebin.com/abc', material: true }]);
});

test('a link in Markdown emphasis matches', () => {
  assert.equal(verdictOf('_https://pastebin.com/abc_'), 'share');
});

test('a listed link that ends with an underscore matches as written', () => {
  const e = engineFrom('leaks:\n  - id: l\n    urls: [pastebin.com/abc_]\n');
  assert.equal(classify(e, { text: 'https://pastebin.com/abc_', at: 0 }).verdict, 'share');
});
