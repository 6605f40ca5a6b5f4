/**
 * Links in disguise (docs/links.md): one test per row of the table, then near misses. The leak
 * set lists the link pastebin.com/emleaks-2017, the domain leakhost.net and an IDN link.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classify, messageFeatures } from '../../src/core/index.ts';
import { DISGUISES } from '../../src/core/disguises/registry.ts';
import { engineFrom } from '../support/engine.ts';
import { DISGUISE_YAML } from './disguiseCorpus.ts';
import { readFileSync } from 'node:fs';

const engine = engineFrom(DISGUISE_YAML);
const classified = (text: string) => classify(engine, { text, at: 0 });
const verdictOf = (text: string) => classified(text).verdict;
const rulesOf = (text: string) => classified(text).signals.map((s) => s.rule);

// --- One test per row of the table in docs/links.md --------------------------------------------

test('a bogus scheme in front of a leak host is read as a link to it', () => {
  for (const text of ['meow://pastebin.com/emleaks-2017', 'h00ps://pastebin.com/emleaks-2017', 'xxxx://pastebin.com/emleaks-2017']) {
    assert.deepEqual(rulesOf(text), ['pastebin.com/emleaks-2017'], text);
  }
});

test('a garbled scheme (brackets, missing colon, spaces, extra slash, underscores, a word and a colon) does not hide a leak host', () => {
  for (const text of [
    '[http]://pastebin.com/emleaks-2017',
    'http//pastebin.com/emleaks-2017',
    'http ://pastebin.com/emleaks-2017',
    'http:///pastebin.com/emleaks-2017',
    'http__pastebin.com/emleaks-2017',
    'see:pastebin.com/emleaks-2017',
  ]) {
    assert.equal(verdictOf(text), 'share', text);
  }
});

test('a link to a leak host nested in another link\'s query is found', () => {
  assert.deepEqual(rulesOf('https://l.example.com/l.php?u=https://pastebin.com/emleaks-2017'), ['pastebin.com/emleaks-2017']);
});

test('a backslash after the host is read as a slash, as browsers read it', () => {
  assert.equal(verdictOf('https://pastebin.com\\emleaks-2017'), 'share');
});

test('an internationalised host is found without a scheme', () => {
  assert.equal(verdictOf('voir утечка.рф/x'), 'share');
});

test('an internationalised host is found without a scheme and with a defanged dot', () => {
  assert.equal(verdictOf('утечка[.]рф/x'), 'share');
});

test('a trailing dot on the host does not hide it', () => {
  assert.equal(verdictOf('https://pastebin.com./emleaks-2017'), 'share');
  assert.equal(verdictOf('https://files.leakhost.net./dump'), 'share');
});

test('backslash escapes of Markdown and JSON are undone', () => {
  for (const text of ['pastebin\\.com/emleaks-2017', 'pastebin\\(.)com/emleaks-2017', 'https:\\/\\/pastebin.com\\/emleaks-2017']) {
    assert.equal(verdictOf(text), 'share', text);
  }
});

test('a percent-encoded link is decoded', () => {
  assert.equal(verdictOf('http%3A%2F%2Fpastebin%2Ecom%2Femleaks-2017'), 'share');
});

test('a character that looks like a dot is read as a dot', () => {
  assert.equal(verdictOf('pastebin·com/emleaks-2017'), 'share');
  assert.equal(verdictOf('pastebin•com/emleaks-2017'), 'share');
});

test('a link typed with a space between every character is read whole', () => {
  assert.equal(verdictOf('p a s t e b i n . c o m / e m l e a k s - 2 0 1 7'), 'share');
});

test('odd or half brackets around a dot are undone', () => {
  for (const text of ['pastebin[.com/emleaks-2017', 'pastebin[.)com/emleaks-2017', 'pastebin}.{com/emleaks-2017', 'www[.[pastebin[.[com/emleaks-2017', 'pastebin^.com/emleaks-2017']) {
    assert.equal(verdictOf(text), 'share', text);
  }
});

test('the word "dot", spaced, hyphenated, bracketed, glued in capitals or in another language, is a dot', () => {
  for (const text of [
    'pastebin dot com/emleaks-2017',
    'pastebin-dot-com/emleaks-2017',
    'pastebin [ dot ] com/emleaks-2017',
    'pastebinDOTcom/emleaks-2017',
    'pastebin[punkt]com/emleaks-2017',
    'pastebin point com/emleaks-2017',
  ]) {
    assert.equal(verdictOf(text), 'share', text);
  }
});

test('a bracketed slash, an escaped slash or the word "slash" is a slash', () => {
  for (const text of ['pastebin[.]com[/]emleaks-2017', 'pastebin[.]com(/)emleaks-2017', 'pastebin[.]com\\/emleaks-2017', 'pastebin dot com slash emleaks-2017']) {
    assert.equal(verdictOf(text), 'share', text);
  }
});

test('a comma between a label and a letter is a dot', () => {
  assert.equal(verdictOf('pastebin,com/emleaks-2017'), 'share');
});

test('spaces around the dots, slashes and :// of a link are dropped', () => {
  assert.equal(verdictOf('http:// pastebin .com /emleaks-2017'), 'share');
  assert.equal(verdictOf('pastebin [.] com/emleaks-2017'), 'share');
});

test('a disguised domain matches the domain rule with its subdomains', () => {
  assert.deepEqual(rulesOf('files dot leakhost dot net'), ['leakhost.net']);
});

test('every disguise family is in the table of docs/links.md with its example', () => {
  const doc = readFileSync(new URL('../../docs/links.md', import.meta.url), 'utf8');
  for (const d of DISGUISES) {
    assert.ok(doc.includes(`| ${d.name}`), `docs/links.md has no row for "${d.name}"`);
    assert.equal(verdictOf(d.example), 'share', `the example of "${d.name}" is found`);
  }
});

// --- Near misses --------------------------------------------------------------------------------

test('the word "dot" in an ordinary sentence makes no link', () => {
  assert.deepEqual(classified('the dot com bubble burst, then we connect the dots').signals, []);
});

test('a disguised leak host without the listed path is not a share of a URL rule', () => {
  assert.equal(verdictOf('pastebin dot com slash other-page'), 'none');
  assert.equal(verdictOf('pastebin dot com'), 'none');
});

test('a disguised lookalike that ends with the leak host is not it', () => {
  assert.equal(verdictOf('notpastebin[.]com/emleaks-2017'), 'none');
  assert.equal(verdictOf('notleakhost dot net'), 'none');
});

test('a disguised lookalike that starts with the leak host is not it', () => {
  assert.equal(verdictOf('pastebin[.]com[.]evil[.]net/emleaks-2017'), 'none');
  assert.equal(verdictOf('leakhost dot net dot evil dot com'), 'none');
});

test('another top-level domain is another host', () => {
  assert.equal(verdictOf('pastebin dot community slash emleaks-2017'), 'none');
  assert.equal(verdictOf('pastebin[.]co/emleaks-2017'), 'none');
});

test('letters and an underscore before a host make another host, not a bogus scheme', () => {
  assert.equal(verdictOf('evil_pastebin.com/emleaks-2017'), 'none');
});

test('a disguised e-mail address at a leak domain is not a link to it', () => {
  assert.equal(verdictOf('write to press [at] leakhost [dot] net'), 'none');
  assert.equal(verdictOf('press(at)leakhost(.)net'), 'none');
});

test('commas and brackets in prose make no link', () => {
  const features = messageFeatures({ text: 'apples,oranges (see above).Then [x] dot y slash z' }, () => false);
  assert.deepEqual(features.links, []);
});

test('an undone disguise is kept only where its host is a leak host', () => {
  const asked: string[] = [];
  const features = messageFeatures({ text: 'apples dot oranges slash pie, pastebin dot com' }, (host) => {
    asked.push(host);
    return host === 'pastebin.com';
  });
  assert.deepEqual(features.links, [{ host: 'pastebin.com', segments: [] }]);
  assert.ok(asked.includes('apples.oranges'));
});

test('without the leak hosts, no disguise beyond the defanged forms is undone', () => {
  assert.deepEqual(messageFeatures({ text: 'pastebin dot com slash emleaks-2017' }).links, []);
});
