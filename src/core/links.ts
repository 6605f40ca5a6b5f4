/**
 * Finds links in clean text, with or without a scheme, inside Markdown `[label](url)` or Slack
 * `<url|label>` markup, and turns each into a canonical host and path so that configured URLs and
 * the links people post compare equal. One pass over the text; no backtracking pattern.
 *
 * Given a `HostLookup` (the hosts of the leak sets), it also reads candidates that are not valid
 * links but whose host is a leak host: a bogus or garbled scheme in front of a clean host
 * (`meow://host/x`, `http//host`, `see:host/x`) and a link nested in another's query
 * (`https://redirect.example/?u=https://host/x`). See docs/links.md.
 */
import { domainToASCII } from 'node:url';

export interface Link {
  /** Lower-case ASCII host, without a trailing dot or a leading `www.`. */
  host: string;
  /** Path segments, unreserved percent-escapes decoded, empty and `.` segments dropped. */
  segments: string[];
}

/** Whether `host` (canonical, see `canonicalHost`) is a host of a leak set or under one of its domains. */
export type HostLookup = (host: string) => boolean;

export interface FoundLinks {
  links: Link[];
  /** BitTorrent infohashes (lower-case hex) from magnet links. */
  infohashes: string[];
}

/** Characters that end a link candidate (spaces and the brackets and quotes of markup). */
const SEPARATORS = new Uint8Array(128);
// (A backslash does not end a link: browsers read `https://host\path` as `https://host/path`.)
for (const ch of ' \t\n\r\f\v<>"\'`|[](){}^') SEPARATORS[ch.charCodeAt(0)] = 1;
/** Sentence punctuation around a link, never part of it. */
const EDGE_PUNCTUATION = new Set([...'.,;:!?«»“”‘’…']);
/** Markdown emphasis around a link (`_link_`, `*link*`), though a link may also end with one. */
const EMPHASIS = new Set([...'*_~']);
const EMPHASIS_OR_EDGE = new Set([...EDGE_PUNCTUATION, ...EMPHASIS]);
const SCHEMES = new Set(['http', 'https', 'ftp', 'ftps']);

function isSeparator(c: number): boolean {
  return c < 128 ? SEPARATORS[c] === 1 : c === 0xa0 || c === 0x2028 || c === 0x2029 || (c >= 0x2000 && c <= 0x200a) || c === 0x3000;
}

function isLabelChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 45;
}

function isLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

/** A letter of another script (an internationalised host such as `утечка.рф`). */
function isOtherScript(c: number): boolean {
  return c >= 128 && !isSeparator(c);
}

/** A character of a host label, in any script. */
function isHostLabelChar(c: number): boolean {
  return isLabelChar(c) || isOtherScript(c);
}

/**
 * Whether a link may start around the dot or colon at `i`: a dot between a label character and a
 * letter (`host.tld`), `://`, or `magnet:`. Most chat messages have no such place and are done with
 * after one native scan for dots and colons.
 */
function isLinkHint(text: string, i: number): boolean {
  if (text.charCodeAt(i) === 46 /* . */) {
    if (i === 0) return false;
    const before = text.charCodeAt(i - 1);
    const after = text.charCodeAt(i + 1);
    return (isLabelChar(before) && isLetter(after)) || ((isOtherScript(before) || isOtherScript(after)) && isHostLabelChar(before) && isHostLabelChar(after));
  }
  if (text.startsWith('//', i + 1)) return true;
  return i >= 6 && text.slice(i - 6, i).toLowerCase() === 'magnet';
}

const DOT_OR_COLON = /[.:]/g;

/**
 * Every link and magnet infohash in the clean text, in order of appearance. With `knows`, also the
 * lenient readings whose host it knows; with `onlyKnown`, only links whose host it knows.
 */
export function findLinks(clean: string, knows?: HostLookup, onlyKnown = false): FoundLinks {
  const found: FoundLinks = { links: [], infohashes: [] };
  DOT_OR_COLON.lastIndex = 0;
  let covered = 0;
  let m: RegExpExecArray | null;
  while ((m = DOT_OR_COLON.exec(clean)) !== null) {
    if (m.index < covered || !isLinkHint(clean, m.index)) continue;
    // Widen the hint to the whole candidate (a run of non-separators); each character is visited
    // at most twice over the whole text, so this stays linear.
    let start = m.index;
    while (start > covered && !isSeparator(clean.charCodeAt(start - 1))) start--;
    let end = m.index + 1;
    while (end < clean.length && !isSeparator(clean.charCodeAt(end))) end++;
    covered = end;
    DOT_OR_COLON.lastIndex = end;
    readCandidate(clean.slice(start, end), found, knows, onlyKnown);
  }
  return found;
}

function readCandidate(raw: string, found: FoundLinks, knows: HostLookup | undefined, onlyKnown: boolean): void {
  const chunk = trimEdges(raw, EDGE_PUNCTUATION);
  if (chunk.length < 4) return;
  if (/^magnet:/i.test(chunk)) {
    if (!onlyKnown) for (const hash of magnetInfohashes(chunk)) found.infohashes.push(hash);
    return;
  }
  readLink(chunk, found.links, knows, onlyKnown);
  // Also read it without emphasis marks; both readings are looked up, so neither hides a link.
  const bare = trimEdges(chunk, EMPHASIS_OR_EDGE);
  if (bare !== chunk && bare.length >= 4) readLink(bare, found.links, knows, onlyKnown);
  // A backslash is a slash to browsers (`https://host\path`), but before punctuation it may be a
  // Markdown or JSON escape (`emleaks\_2017`, `\/`): both readings are looked up.
  if (chunk.indexOf('\\') >= 0) {
    const unescaped = unescapePunctuation(chunk);
    if (unescaped !== chunk) readLink(unescaped, found.links, knows, onlyKnown);
  }
}

/** How many links nested in another's query are looked for in one candidate, at most. */
const MAX_NESTED = 3;

function readLink(chunk: string, out: Link[], knows: HostLookup | undefined, onlyKnown: boolean): void {
  const link = parseLink(chunk);
  if (link && (!onlyKnown || knows!(link.host))) out.push(link);
  if (!knows) return;
  if (link === undefined || link.host.indexOf('_') >= 0) {
    const lenient = lenientLink(chunk);
    if (lenient && knows(lenient.host)) {
      out.push(lenient);
      return;
    }
  }
  // A link to a leak host nested in another link (`?u=https://host/x`): the first few are read.
  let from = chunk.indexOf('://') + 3;
  if (from < 3 || chunk.indexOf('://', from) < 0) return;
  if (link !== undefined && knows(link.host)) return;
  for (let n = 0; n < MAX_NESTED; n++) {
    const at = chunk.indexOf('://', from);
    if (at < 0) return;
    const nested = parseLink(chunk.slice(Math.max(0, at - 5))) ?? lenientLink(chunk.slice(at));
    if (nested && knows(nested.host)) {
      out.push(nested);
      return;
    }
    from = at + 3;
  }
}

const ESCAPED_PUNCTUATION = /\\([!-/:-@[-`{-~])/g;

/** Text with backslash escapes of ASCII punctuation undone (`\_` → `_`, `\/` → `/`). */
export function unescapePunctuation(text: string): string {
  return text.replace(ESCAPED_PUNCTUATION, '$1');
}

/** What may come right before a host in a garbled link: the end of a scheme (`:`, `/`, `\\`, `__`). */
const SCHEME_LIKE_END = /(?:[:/\\]|__)$/;

/**
 * A link read leniently: the first host in the text, after anything that looks like a (bogus)
 * scheme (`meow://`, `h00ps://`, `http//`, `http:///`, `http__`, `see:`). Never after `@` (an
 * e-mail address) or after other letters (`evil_host.com` is not `host.com`). Only kept by the
 * caller when the host is a leak host.
 */
export function lenientLink(text: string): Link | undefined {
  let dot = -1;
  for (let i = 1; i < text.length - 1; i++) {
    if (text.charCodeAt(i) === 46 && isHostLabelChar(text.charCodeAt(i - 1)) && isHostLabelChar(text.charCodeAt(i + 1))) {
      dot = i;
      break;
    }
  }
  if (dot < 0) return undefined;
  let start = dot;
  while (start > 0 && isHostChar(text.charCodeAt(start - 1))) start--;
  let end = dot + 1;
  while (end < text.length && isHostChar(text.charCodeAt(end))) end++;
  if (start > 0) {
    const prefix = text.slice(0, start);
    if (!SCHEME_LIKE_END.test(prefix) || prefix.indexOf('@') >= 0) return undefined;
  }
  let hostEnd = end;
  if (text.charCodeAt(hostEnd) === 58 /* : */) {
    hostEnd++;
    while (hostEnd < text.length && text.charCodeAt(hostEnd) >= 48 && text.charCodeAt(hostEnd) <= 57) hostEnd++;
  }
  const host = canonicalHost(text.slice(start, end));
  if (host === undefined) return undefined;
  return { host, segments: canonicalSegments(pathOf(text, hostEnd)) };
}

function isHostChar(c: number): boolean {
  return c === 46 || isHostLabelChar(c);
}

function trimEdges(chunk: string, strip: ReadonlySet<string>): string {
  let start = 0;
  let end = chunk.length;
  while (start < end && strip.has(chunk.charAt(start))) start++;
  while (end > start && strip.has(chunk.charAt(end - 1))) end--;
  return start === 0 && end === chunk.length ? chunk : chunk.slice(start, end);
}

/**
 * A link from text such as `https://Host/a/b?q#f`, `host.tld/a` or `www.host.tld`; undefined
 * when the text is not a web link (an e-mail address, a number, a word with a dot in it…).
 */
export function parseLink(text: string): Link | undefined {
  let rest = text;
  const schemeAt = text.indexOf('://');
  let hasScheme = false;
  if (schemeAt >= 0) {
    // Keep only the letters right before "://" so that "link:https://…" still reads as https.
    let s = schemeAt;
    while (s > 0 && isLetter(text.charCodeAt(s - 1))) s--;
    if (!SCHEMES.has(text.slice(s, schemeAt).toLowerCase())) return undefined;
    rest = text.slice(schemeAt + 3);
    hasScheme = true;
  } else if (text.indexOf('.') < 0) {
    return undefined;
  }
  let hostEnd = rest.length;
  for (let i = 0; i < rest.length; i++) {
    const c = rest.charCodeAt(i);
    if (c === 47 /* / */ || c === 63 /* ? */ || c === 35 /* # */ || c === 92 /* \ */) {
      hostEnd = i;
      break;
    }
  }
  let hostPart = rest.slice(0, hostEnd);
  const at = hostPart.lastIndexOf('@');
  if (at >= 0) {
    if (!hasScheme) return undefined; // an e-mail address, not a link
    hostPart = hostPart.slice(at + 1);
  }
  const host = canonicalHost(hostPart);
  if (host === undefined) return undefined;
  return { host, segments: canonicalSegments(pathOf(rest, hostEnd)) };
}

/** The path after the host, up to the query or fragment; a backslash stands for a slash. */
function pathOf(rest: string, hostEnd: number): string {
  const c = rest.charCodeAt(hostEnd);
  if (c !== 47 && c !== 92) return '';
  let end = rest.length;
  for (let i = hostEnd; i < rest.length; i++) {
    const c = rest.charCodeAt(i);
    if (c === 63 || c === 35) {
      end = i;
      break;
    }
  }
  return rest.slice(hostEnd, end);
}

const ASCII_HOST = /^[a-z0-9.-]+$/;
const MAX_HOST = 253 + 7; // and a trailing dot and a port
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/**
 * Lower-case ASCII form of a host (IDNA for international names), without port, trailing dot or
 * leading `www.`; undefined when it is not a plausible public host name.
 */
export function canonicalHost(raw: string): string | undefined {
  // No host name is longer (RFC 1035); longer text is not looked up label by label.
  if (raw.length > MAX_HOST) return undefined;
  let host = raw;
  const colon = host.lastIndexOf(':');
  if (colon >= 0) host = host.slice(0, colon);
  host = host.toLowerCase();
  if (host.endsWith('.')) host = host.slice(0, -1);
  if (!ASCII_HOST.test(host)) {
    host = domainToASCII(host);
    if (host === '') return undefined;
  }
  if (host.startsWith('www.')) host = host.slice(4);
  if (IPV4.test(host)) return host;
  const lastDot = host.lastIndexOf('.');
  if (lastDot <= 0) return undefined;
  const tld = host.slice(lastDot + 1);
  if (!(/^[a-z]{2,63}$/.test(tld) || tld.startsWith('xn--'))) return undefined;
  if (host.includes('..') || host.startsWith('-') || host.startsWith('.')) return undefined;
  return host;
}

const UNRESERVED_ESCAPE = /%(2[dDeE]|3[0-9]|[46][1-9a-fA-F]|[57][0-9aA]|5[fF]|7[eE])/g;
const ESCAPE = /%[0-9a-fA-F]{2}/g;
const NON_ASCII_RUN = /[^\x00-\x7f]+/g;

const SLASH = /[/\\]/;

/** Path segments in canonical form (see `Link.segments`); a backslash separates segments too. */
export function canonicalSegments(path: string): string[] {
  if (path.length <= 1) return [];
  const out: string[] = [];
  for (const raw of path.split(SLASH)) {
    if (raw === '' || raw === '.') continue;
    if (raw === '..') {
      out.pop();
      continue;
    }
    out.push(canonicalSegment(raw));
  }
  return out;
}

function canonicalSegment(raw: string): string {
  let seg = raw;
  if (seg.indexOf('%') >= 0) {
    seg = seg
      .replace(UNRESERVED_ESCAPE, (e) => String.fromCharCode(parseInt(e.slice(1), 16)))
      .replace(ESCAPE, (e) => e.toUpperCase());
  }
  if (/[^\x00-\x7f]/.test(seg)) seg = seg.replace(NON_ASCII_RUN, (run) => encodeURIComponent(run));
  return seg;
}

/** The last path segment fully decoded, for comparing with file names; undefined if none. */
export function fileNameOf(link: Link): string | undefined {
  const last = link.segments[link.segments.length - 1];
  if (last === undefined || last.indexOf('.') <= 0) return undefined;
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/** Infohashes (lower-case hex) named by a magnet link's `xt` parameters. */
export function magnetInfohashes(magnet: string): string[] {
  const q = magnet.indexOf('?');
  if (q < 0) return [];
  const out: string[] = [];
  for (const pair of magnet.slice(q + 1).replace(/&amp;/gi, '&').split('&')) {
    const eq = pair.indexOf('=');
    if (eq < 0 || !/^xt(\.\d+)?$/i.test(pair.slice(0, eq))) continue;
    let value = pair.slice(eq + 1);
    try {
      value = decodeURIComponent(value);
    } catch {
      // keep it as written
    }
    const m = /^urn:btih:([0-9a-zA-Z]+)$/i.exec(value);
    const hex = m ? infohashToHex(m[1]!) : undefined;
    if (hex) out.push(hex);
  }
  return out;
}

/** Hex form of an infohash written in hex (40) or base32 (32); undefined if neither. */
export function infohashToHex(hash: string): string | undefined {
  if (/^[0-9a-fA-F]{40}$/.test(hash)) return hash.toLowerCase();
  if (!/^[a-zA-Z2-7]{32}$/.test(hash)) return undefined;
  let bits = 0;
  let value = 0;
  let hex = '';
  for (const ch of hash.toLowerCase()) {
    value = ((value << 5) | BASE32.indexOf(ch)) & 0x3ff;
    bits += 5;
    while (bits >= 4) {
      bits -= 4;
      hex += ((value >> bits) & 15).toString(16);
    }
  }
  return hex;
}
