/** Properties of links in disguise (fast-check): found wherever they hide a leak host, never elsewhere. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { classify, compileEngine, configSchema } from '../../src/core/index.ts';
import { DISGUISES } from '../../src/core/disguises/registry.ts';

const label = fc.stringMatching(/^[a-z][a-z0-9]{1,9}$/);
const tld = fc.constantFrom('com', 'net', 'org', 'fr', 'io');
const segment = fc.stringMatching(/^[A-Za-z0-9_~-]{1,8}$/);

/** Ways to write `host/path` in disguise, each from one family of docs/links.md. */
const DISGUISE = fc.constantFrom<(labels: string[], path: string) => string>(
  (l, p) => `meow://${l.join('.')}/${p}`,
  (l, p) => `${l.join('[.')}/${p}`,
  (l, p) => `${l.join('}.{')}[/]${p}`,
  (l, p) => `${l.join(' dot ')} slash ${p}`,
  (l, p) => `${l.join('-dot-')}/${p}`,
  (l, p) => `${l.join(',')}/${p}`,
  (l, p) => `${l.join('\\.')}\\/${p}`,
  (l, p) => `http:// ${l.join(' .')} /${p}`,
  (l, p) => `${l.join('%2E')}%2F${p}`,
  (l, p) => `${l.join('·')}/${p}`,
  (l, p) => `https://${l.join('.')}\\${p}`,
);

test('a link to a leak host in any disguise of the table is read as sharing', () => {
  fc.assert(
    fc.property(fc.array(label, { minLength: 1, maxLength: 2 }), tld, segment, DISGUISE, (labels, t, path, disguise) => {
      const host = [...labels, t];
      const engine = compileEngine(configSchema.parse({ leaks: [{ id: 'l', urls: [`${host.join('.')}/${path}`] }] }));
      return classify(engine, { text: `look: ${disguise(host, path)} !`, at: 0 }).verdict === 'share';
    }),
  );
});

/** Prose made of what disguises are made of, and labels, but never the leak host's own label. */
const PIECES = ['dot', 'DOT', 'point', 'slash', ',', '.', '/', '[', ']', '(', ')', '{', '}', '^', '\\', '%2E', ' ', ' ', 'com', 'net', 'a', 'b', 'www', ':', '//', 'http', 'evil'];
const prose = fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((xs) => xs.join(''));

test('prose made of disguise characters never shares a leak host whose label it lacks', () => {
  const engine = compileEngine(configSchema.parse({ leaks: [{ id: 'l', urls: ['pastebin.com/x'], domains: ['leakhost.net'] }] }));
  fc.assert(fc.property(prose, (text) => classify(engine, { text, at: 0 }).verdict === 'none'));
});

test('undoing disguises never makes a text longer', () => {
  const undoAll = (text: string) => DISGUISES.reduce((t, d) => (d.hint.test(t) ? d.undo(t) : t), text);
  fc.assert(
    fc.property(prose, (text) => {
      return undoAll(text).length <= text.length;
    }),
  );
  assert.equal(undoAll('pastebin dot com slash x'), 'pastebin.com/x');
});
