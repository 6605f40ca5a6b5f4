/** Builds a real engine from YAML text, as the loader would, for core tests. */
import { compileEngine, parseConfigText, type Engine, type LeakDocument } from '../../src/core/index.ts';

export function engineFrom(yaml: string, documents: LeakDocument[] = []): Engine {
  return compileEngine(parseConfigText(yaml, 'test.yaml').config, documents);
}

/** A leak set with one entry of every kind, and the 2017 window. */
export const LEAK_YAML = `
timezone: Europe/Paris
windows:
  - id: t2
    start: 2017-05-06T00:00
    end: 2017-05-07T20:00
leaks:
  - id: macronleaks
    hashtags: ['#MacronLeaks']
    keywords: [EMLEAKS, fuite en marche]
    urls: [pastebin.com/abc, https://archive.example.org/details/EMLEAKS]
    domains: [leakhost.net]
    sha256: ['${'AB'.repeat(32)}']
    fileNames: [EMLEAKS.zip]
    infohashes: ['${'0123456789abcdef'.repeat(2)}01234567']
`;

export const AT_BLACKOUT = Date.parse('2017-05-06T12:00:00+02:00');
