/**
 * The found rate of links in disguise (issue 12: at least 95%) and no false share, measured on the
 * corpus of disguiseCorpus.ts. The rate is printed as a test diagnostic.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classify } from '../../src/core/index.ts';
import { engineFrom } from '../support/engine.ts';
import { DISGUISE_YAML, DISGUISED, NEAR_MISSES } from './disguiseCorpus.ts';

const engine = engineFrom(DISGUISE_YAML);
const verdictOf = (text: string) => classify(engine, { text, at: 0 }).verdict;

test('at least 95% of the links in disguise of the corpus are read as sharing', (t) => {
  const missed: string[] = [];
  let total = 0;
  for (const [family, texts] of Object.entries(DISGUISED)) {
    for (const text of texts) {
      total++;
      if (verdictOf(text) !== 'share') missed.push(`${family}: ${text}`);
    }
  }
  const rate = (100 * (total - missed.length)) / total;
  t.diagnostic(`found ${total - missed.length} of ${total} disguised links (${rate.toFixed(1)}%)`);
  for (const m of missed) t.diagnostic(`missed: ${m}`);
  assert.ok(rate >= 95, `found ${rate.toFixed(1)}%, missed:\n${missed.join('\n')}`);
});

test('no near miss of the corpus is read as sharing', () => {
  const shared = NEAR_MISSES.filter((text) => verdictOf(text) === 'share');
  assert.deepEqual(shared, []);
});
