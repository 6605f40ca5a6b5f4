/** Properties that must hold for any input (fast-check). */
import { test } from 'node:test';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { classify, compileEngine, configSchema, contains, toBlackoutWindow } from '../../src/core/index.ts';
import { cleanText, foldText } from '../../src/core/normalise.ts';

const label = fc.stringMatching(/^[a-z][a-z0-9]{0,9}$/);
const tld = fc.constantFrom('com', 'net', 'org', 'fr', 'io');
const host = fc.tuple(fc.array(label, { minLength: 1, maxLength: 3 }), tld).map(([ls, t]) => [...ls, t].join('.'));
const segment = fc.stringMatching(/^[A-Za-z0-9_~-]{1,8}$/);
const path = fc.array(segment, { minLength: 1, maxLength: 4 });
const invisible = fc.constantFrom('\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad');

function engineWith(leak: Record<string, unknown>) {
  return compileEngine(configSchema.parse({ leaks: [{ id: 'l', ...leak }] }));
}
const verdict = (e: ReturnType<typeof engineWith>, text: string) => classify(e, { text, at: 0 }).verdict;

test('cleaning text twice gives the same text as cleaning it once', () => {
  fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (s) => cleanText(cleanText(s)) === cleanText(s)));
});

test('folding text twice gives the same text as folding it once', () => {
  fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (s) => foldText(foldText(cleanText(s))) === foldText(cleanText(s))));
});

test('a URL rule matches its own link and any deeper path, with any host case and www.', () => {
  fc.assert(
    fc.property(host, path, fc.array(segment, { maxLength: 3 }), fc.boolean(), fc.boolean(), (h, p, extra, upper, www) => {
      const e = engineWith({ urls: [`${h}/${p.join('/')}`] });
      const shownHost = `${www ? 'www.' : ''}${upper ? h.toUpperCase() : h}`;
      return verdict(e, `see https://${shownHost}/${[...p, ...extra].join('/')}?q=1`) === 'share';
    }),
  );
});

// (Trailing Markdown emphasis marks `_`, `*`, `~` are also read as emphasis, so they are left out here.)
const longer = fc.stringMatching(/^[A-Za-z0-9-]{1,8}$/);

test('a URL rule never matches when its last segment is made longer', () => {
  fc.assert(
    fc.property(host, path, longer, (h, p, more) => {
      const e = engineWith({ urls: [`${h}/${p.join('/')}`] });
      return verdict(e, `https://${h}/${p.join('/')}${more}`) === 'none';
    }),
  );
});

test('invisible characters inserted anywhere in a link do not hide it', () => {
  fc.assert(
    fc.property(host, path, fc.array(fc.tuple(fc.nat(), invisible), { maxLength: 5 }), (h, p, inserts) => {
      const e = engineWith({ urls: [`${h}/${p.join('/')}`] });
      let link = `https://${h}/${p.join('/')}`;
      for (const [at, ch] of inserts) {
        const i = at % (link.length + 1);
        link = link.slice(0, i) + ch + link.slice(i);
      }
      return verdict(e, link) === 'share';
    }),
  );
});

test('a domain rule matches every subdomain and no lookalike', () => {
  fc.assert(
    fc.property(host, fc.array(label, { maxLength: 3 }), label, (domain, subs, prefix) => {
      const e = engineWith({ domains: [domain] });
      const sub = [...subs, domain].join('.');
      return (
        verdict(e, `https://${sub}/x`) === 'share' &&
        verdict(e, `https://${prefix}${domain}/x`) === 'none' &&
        verdict(e, `https://${domain}.${prefix}.com/x`) === 'none'
      );
    }),
  );
});

test('the verdict does not depend on the time of the message', () => {
  const e = engineWith({ urls: ['pastebin.com/abc'], keywords: ['emleaks'] });
  fc.assert(
    fc.property(fc.constantFrom('pastebin.com/abc', 'EMLEAKS', 'hello'), fc.integer(), fc.integer(), (text, a, b) => {
      return classify(e, { text, at: a }).verdict === classify(e, { text, at: b }).verdict;
    }),
  );
});

const zones = fc.constantFrom('Europe/Paris', 'America/Martinique', 'Pacific/Tahiti', 'America/New_York', 'Australia/Sydney', 'UTC');
const localStart = fc
  .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2040-01-01T00:00:00Z'), noInvalidDate: true })
  .map((d) => DateTime.fromJSDate(d, { zone: 'UTC' }).toFormat("yyyy-MM-dd'T'HH:mm"));

test('a window contains its start instant and not its end instant', () => {
  fc.assert(
    fc.property(localStart, fc.integer({ min: 1, max: 72 }), zones, (start, hours, zone) => {
      const end = DateTime.fromISO(start, { zone }).plus({ hours }).toFormat("yyyy-MM-dd'T'HH:mm");
      const w = toBlackoutWindow({ id: 'w', start, end, timezone: zone }, 'UTC');
      if (w.endMs <= w.startMs) return true; // a local end inside a DST gap can fold back; the schema refuses those
      return contains(w, w.startMs) && !contains(w, w.endMs) && contains(w, w.endMs - 1) && !contains(w, w.startMs - 1);
    }),
  );
});

test('a window of one local day lasts 23, 24 or 25 hours and matches the zone offsets', () => {
  fc.assert(
    fc.property(localStart, zones, (start, zone) => {
      const s = DateTime.fromISO(start, { zone });
      const end = s.plus({ days: 1 }).toFormat("yyyy-MM-dd'T'HH:mm");
      const w = toBlackoutWindow({ id: 'w', start, end, timezone: zone }, 'UTC');
      const hours = (w.endMs - w.startMs) / 3_600_000;
      const offsetChange = (DateTime.fromMillis(w.endMs, { zone }).offset - DateTime.fromMillis(w.startMs, { zone }).offset) / 60;
      return [23, 24, 25].includes(hours) && hours === 24 - offsetChange;
    }),
  );
});

test('a time is in blackout exactly when it is inside some window', () => {
  fc.assert(
    fc.property(
      fc.array(fc.tuple(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 1, max: 500 })), { minLength: 1, maxLength: 5 }),
      fc.integer({ min: -10, max: 1600 }),
      (spans, minute) => {
        const base = Date.parse('2017-05-06T00:00:00Z');
        const iso = (m: number) => new Date(base + m * 60_000).toISOString().replace('.000Z', '+00:00');
        const e = compileEngine(
          configSchema.parse({ windows: spans.map(([s, len], i) => ({ id: `w${i}`, start: iso(s), end: iso(s + len) })) }),
        );
        const at = base + minute * 60_000;
        const expected = spans.filter(([s, len]) => s <= minute && minute < s + len).map((_, i) => i);
        const got = classify(e, { text: '', at });
        return got.inBlackout === expected.length > 0 && got.windows.length === spans.filter(([s, len]) => s <= minute && minute < s + len).length;
      },
    ),
  );
});
