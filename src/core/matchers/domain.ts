/**
 * `domains[]`: a domain and all its subdomains. A host is looked up label suffix by label suffix
 * (`a.b.example.com`, `b.example.com`, `example.com`, `com`), so lookalikes such as
 * `notexample.com` or `example.com.evil.net` never match and the cost does not grow with the list.
 */
import { z } from 'zod';
import { canonicalHost } from '../links.ts';
import { addLeak, type MatcherDefinition } from './matcher.ts';

export const domainEntry = z.string({ error: 'expected a domain such as example.com' }).transform((text, ctx) => {
  const host = canonicalHost(text.trim().replace(/^[a-z]+:\/\//i, '').replace(/\/.*$/, ''));
  if (!host) {
    ctx.addIssue({ code: 'custom', message: `"${text}" is not a domain name (expected e.g. example.com)` });
    return z.NEVER;
  }
  return host;
});

export const domainMatcher: MatcherDefinition<Map<string, string[]>> = {
  kind: 'domain',
  configKey: 'domains',
  material: true,
  entry: domainEntry,
  describe: (rule) => `link to ${rule} or a subdomain`,
  build(entries) {
    const domains = new Map<string, string[]>();
    for (const { leak, value } of entries) addLeak(domains, value, leak);
    return domains;
  },
  knowsHost(domains, host) {
    for (let suffix = host; ; ) {
      if (domains.has(suffix)) return true;
      const dot = suffix.indexOf('.');
      if (dot < 0) return false;
      suffix = suffix.slice(dot + 1);
    }
  },
  match(domains, features, emit) {
    if (domains.size === 0) return;
    for (const { host } of features.links) {
      let suffix = host;
      for (;;) {
        const leaks = domains.get(suffix);
        if (leaks) for (const leak of leaks) emit(leak, suffix);
        const dot = suffix.indexOf('.');
        if (dot < 0) break;
        suffix = suffix.slice(dot + 1);
      }
    }
  },
};
