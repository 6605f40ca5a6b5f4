import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSlackCommand, unwrapSlackLinks } from '../../src/commands/slackText.ts';
import type { CommandInvocation } from '../../src/commands/invocation.ts';

function parsed(text: string): CommandInvocation {
  const r = parseSlackCommand(text);
  if (!r.ok) assert.fail(`not parsed: ${r.reply.text}`);
  return r.invocation;
}

test('an empty command asks for the status', () => {
  assert.deepEqual(parsed('  '), { subcommand: 'status', options: {} });
});

test('a link in Slack markup is unwrapped when added to a leak set', () => {
  assert.deepEqual(parsed('leaks add-url <https://x.y/z?a=1&amp;b=2|x.y/z>'), {
    subcommand: 'leaks.add-url',
    options: { value: 'https://x.y/z?a=1&b=2' },
  });
  assert.deepEqual(parsed('leaks add-domain dump.example other').options, { value: 'dump.example', leak: 'other' });
});

test('check takes the rest of the line as the text to check, links unwrapped with their labels', () => {
  assert.deepEqual(parsed('check  regardez <https://pastebin.com/emleaks-2017|ici>  #MacronLeaks'), {
    subcommand: 'check',
    options: { text: 'regardez https://pastebin.com/emleaks-2017 ici  #MacronLeaks' },
  });
});

test('windows add reads id, start, end, an optional time zone and the rest as the name', () => {
  assert.deepEqual(parsed('windows add fr-2022 2022-04-09T00:00 2022-04-10T20:00 Europe/Paris Premier tour 2022').options, {
    id: 'fr-2022',
    start: '2022-04-09T00:00',
    end: '2022-04-10T20:00',
    timezone: 'Europe/Paris',
    name: 'Premier tour 2022',
  });
  assert.deepEqual(parsed('windows add fr-2022 2022-04-09T00:00 2022-04-10T20:00 "Premier tour"').options, {
    id: 'fr-2022',
    start: '2022-04-09T00:00',
    end: '2022-04-10T20:00',
    name: 'Premier tour',
  });
});

test('French group and subcommand names are accepted, with or without accents', () => {
  assert.equal(parsed('periodes liste').subcommand, 'windows.list');
  assert.equal(parsed('fuites ajouter-lien https://a.example/b').subcommand, 'leaks.add-url');
  assert.equal(parsed('état').subcommand, 'status');
  assert.equal(parsed('rapport fr-2017-t2').options.window, 'fr-2017-t2');
});

test('an unknown subcommand gets the usage with what was wrong', () => {
  const r = parseSlackCommand('frobnicate');
  assert.equal(r.ok, false);
  if (r.ok) return;
  assert.match(r.reply.text, /Unknown subcommand: `frobnicate`/);
  assert.match(r.reply.text, /`\/blackout windows add <id> <start> <end> \[timezone\] \[name…\]`/);
  assert.equal(r.reply.ephemeral, true);
});

test('a missing value is named with the syntax, in French when asked', () => {
  const r = parseSlackCommand('windows add fr-2022 2022-04-09T00:00', 'fr');
  assert.equal(r.ok, false);
  if (r.ok) return;
  assert.match(r.reply.text, /Valeur manquante : end/);
});

test('too many values are refused rather than silently dropped', () => {
  const r = parseSlackCommand('windows remove a b');
  assert.equal(r.ok, false);
});

test('help lists every subcommand', () => {
  const r = parseSlackCommand('help');
  assert.equal(r.ok, false);
  if (r.ok) return;
  for (const word of ['status', 'check', 'statement', 'windows list', 'leaks add-hash', 'report']) {
    assert.ok(r.reply.text.includes(`/blackout ${word}`), word);
  }
});

test('Slack link markup without a label and non-link markup', () => {
  assert.equal(unwrapSlackLinks('<https://a.example/b> <@U123> <#C1|general>'), 'https://a.example/b <@U123> <#C1|general>');
});
