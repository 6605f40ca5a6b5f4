/**
 * `urls[]`: a host plus a path prefix, compared segment by segment through a trie per host, so
 * `pastebin.com/abc` matches `/abc` and `/abc/x` but not `/abcd`, whatever the number of rules.
 */
import { z } from 'zod';
import { parseLink } from '../links.ts';
import { addLeak, type MatcherDefinition } from './matcher.ts';

interface PathNode {
  children?: Map<string, PathNode>;
  /** Leaks whose rule ends here, with the rule's canonical text. */
  rules?: Map<string, string[]>;
}

export const urlEntry = z.string({ error: 'expected a link such as pastebin.com/abc' }).transform((text, ctx) => {
  const link = parseLink(text.trim());
  if (!link) {
    ctx.addIssue({ code: 'custom', message: `"${text}" is not a link (expected host and path, e.g. pastebin.com/abc)` });
    return z.NEVER;
  }
  return [link.host, ...link.segments].join('/');
});

export const urlMatcher: MatcherDefinition<Map<string, PathNode>> = {
  kind: 'url',
  configKey: 'urls',
  material: true,
  entry: urlEntry,
  describe: (rule) => `link to ${rule}`,
  build(entries) {
    const hosts = new Map<string, PathNode>();
    for (const { leak, value } of entries) {
      const [host, ...segments] = value.split('/');
      let node = hosts.get(host!);
      if (!node) hosts.set(host!, (node = {}));
      for (const seg of segments) {
        node.children ??= new Map();
        let next = node.children.get(seg);
        if (!next) node.children.set(seg, (next = {}));
        node = next;
      }
      node.rules ??= new Map();
      addLeak(node.rules, value, leak);
    }
    return hosts;
  },
  knowsHost: (hosts, host) => hosts.has(host),
  match(hosts, features, emit) {
    for (const link of features.links) {
      let node = hosts.get(link.host);
      for (let i = 0; node !== undefined; i++) {
        if (node.rules) for (const [rule, leaks] of node.rules) for (const leak of leaks) emit(leak, rule);
        if (i >= link.segments.length) break;
        node = node.children?.get(link.segments[i]!);
      }
    }
  },
};
