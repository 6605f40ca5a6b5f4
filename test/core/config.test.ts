import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, parseConfigText } from '../../src/core/index.ts';

function problemsOf(yaml: string): string[] {
  try {
    parseConfigText(yaml, 'conf.yaml');
  } catch (err) {
    assert.ok(err instanceof ConfigError);
    return err.message.split('\n').slice(1).map((l) => l.trim());
  }
  assert.fail('the configuration was accepted');
}

test('an empty file is a valid configuration with every default', () => {
  const { config } = parseConfigText('', 'conf.yaml');
  assert.equal(config.timezone, 'Europe/Paris');
  assert.equal(config.policy.warnEvery, 600_000);
  assert.deepEqual(config.windows, []);
});

test('an unknown key is refused with its file, line and path', () => {
  const [p] = problemsOf('timezone: Europe/Paris\nwindow:\n  - id: x\n');
  assert.match(p!, /^conf\.yaml:2:1: window: unknown key "window"/);
});

test('an unknown key deep inside is refused with its full path', () => {
  const [p] = problemsOf('leaks:\n  - id: l\n    url: [x.com/a]\n');
  assert.match(p!, /^conf\.yaml:3:5: leaks\[0\]\.url: unknown key/);
});

test('a window ending before it starts is refused at its end key', () => {
  const [p] = problemsOf('windows:\n  - id: w\n    start: 2017-05-07T00:00\n    end: 2017-05-06T00:00\n');
  assert.match(p!, /^conf\.yaml:4:10: windows\[0\]\.end: the window must end after it starts/);
});

test('a window ending at its start is refused', () => {
  const [p] = problemsOf('windows:\n  - id: w\n    start: 2017-05-07T00:00\n    end: 2017-05-07T00:00\n');
  assert.match(p!, /windows\[0\]\.end: the window must end after it starts/);
});

test('an unknown time zone is refused with the zone named', () => {
  const [p] = problemsOf('windows:\n  - id: w\n    start: 2017-05-06T00:00\n    end: 2017-05-07T00:00\n    timezone: Europe/Pariss\n');
  assert.match(p!, /^conf\.yaml:5:15: windows\[0\]\.timezone: unknown time zone "Europe\/Pariss"/);
});

test('a missing window start says it is missing and what is expected', () => {
  const [p] = problemsOf('windows:\n  - id: w\n    end: 2017-05-07T00:00\n');
  assert.match(p!, /windows\[0\]\.start: missing; expected a date-time/);
});

test('a date-time in another format is refused with an example of the right one', () => {
  const [p] = problemsOf('windows:\n  - id: w\n    start: 06/05/2017\n    end: 2017-05-07T00:00\n');
  assert.match(p!, /windows\[0\]\.start: expected a date-time such as 2017-05-06T00:00/);
});

test('a malformed SHA-256 is refused', () => {
  const [p] = problemsOf('leaks:\n  - id: l\n    sha256: [abc]\n');
  assert.match(p!, /^conf\.yaml:3:14: leaks\[0\]\.sha256\[0\]: expected a SHA-256/);
});

test('a URL entry that is not a link is refused', () => {
  const [p] = problemsOf('leaks:\n  - id: l\n    urls: [not a link]\n');
  assert.match(p!, /leaks\[0\]\.urls\[0\]: "not a link" is not a link/);
});

test('an unknown action in the policy is refused with the list of actions', () => {
  const [p] = problemsOf('policy:\n  inWindow:\n    share: [ban]\n');
  assert.match(p!, /policy\.inWindow\.share\[0\]: expected one of the actions: warn, remind, delete, alert, record, log/);
});

test('a duration that is not one is refused', () => {
  const [p] = problemsOf('policy:\n  warnEvery: ten minutes\n');
  assert.match(p!, /policy\.warnEvery: "ten minutes" is not a duration/);
});

test('two windows with the same id are refused', () => {
  const [p] = problemsOf(
    'windows:\n  - {id: w, start: 2017-05-06T00:00, end: 2017-05-07T00:00}\n  - {id: w, start: 2017-05-08T00:00, end: 2017-05-09T00:00}\n',
  );
  assert.match(p!, /windows\[1\]\.id: duplicate window id "w"/);
});

test('broken YAML is refused with its line', () => {
  const [p] = problemsOf('windows:\n  - id: [unclosed\n');
  assert.match(p!, /^conf\.yaml:\d+:\d+: not valid YAML/);
});

test('every problem of a file is reported at once', () => {
  assert.equal(problemsOf('language: de\ntimezone: Mars/Olympus\n').length, 2);
});

test('every list of a leak set may be omitted', () => {
  const { config } = parseConfigText('leaks:\n  - id: l\n', 'conf.yaml');
  assert.deepEqual(config.leaks[0]!.urls, []);
  assert.deepEqual(config.leaks[0]!.documents, []);
});

test('the shipped configuration example keys are all accepted', () => {
  const { config } = parseConfigText(
    'timezone: Europe/Paris\nlanguage: en\nwindows:\n  - {id: w, name: W, start: 2017-05-06T00:00, end: "2017-05-07T20:00:00+02:00", timezone: Europe/Paris}\nleaks:\n  - {id: l, name: L, hashtags: [a], keywords: [b], urls: [c.com/d], domains: [e.com], sha256: [], fileNames: [f.zip], infohashes: [], documents: []}\n',
    'conf.yaml',
  );
  assert.equal(config.windows[0]!.id, 'w');
});
