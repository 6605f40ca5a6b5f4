import { test } from 'node:test';
import assert from 'node:assert/strict';
import { blackoutWindows, validateConfig } from '../../src/core/index.ts';
import { catchUp, leadAt, planReminders } from '../../src/scheduler/plan.ts';

const config = validateConfig(
  {
    timezone: 'Europe/Paris',
    windows: [{ id: 'fr-2017-t2', name: 'Second round', start: '2017-05-06T00:00', end: '2017-05-07T20:00' }],
    reminders: { before: ['24h', '1h'] },
  },
  'test',
);
const plan = planReminders(blackoutWindows(config), config.reminders);
const START = Date.parse('2017-05-06T00:00:00+02:00');
const END = Date.parse('2017-05-07T20:00:00+02:00');
const GRACE = 30 * 60_000;
const keys = (rs: readonly { key: string }[]) => rs.map((r) => r.key);

test('a window gets its before reminders, an opening and a closing reminder, keyed by task and fire time', () => {
  assert.deepEqual(keys(plan), [
    'fr-2017-t2:before:1d:2017-05-04T22:00:00.000Z',
    'fr-2017-t2:before:1h:2017-05-05T21:00:00.000Z',
    'fr-2017-t2:open:0:2017-05-05T22:00:00.000Z',
    'fr-2017-t2:close:0:2017-05-07T18:00:00.000Z',
  ]);
  assert.deepEqual(plan.map((r) => r.fireAtMs), [START - 86_400_000, START - 3_600_000, START, END]);
});

test('reminders switched off in the configuration are not planned', () => {
  const quiet = planReminders(blackoutWindows(config), { before: [], onOpen: false, onClose: true });
  assert.deepEqual(quiet.map((r) => r.kind), ['close']);
});

test('a window moved by command gets new reminder keys, so its reminders are sent again', () => {
  const moved = planReminders(
    blackoutWindows({ ...config, windows: [{ ...config.windows[0]!, start: '2017-05-06T06:00' }] }),
    config.reminders,
  );
  assert.notEqual(moved[0]!.key, plan[0]!.key);
  assert.equal(moved[0]!.id, plan[0]!.id);
});

test('nothing is due before the first reminder time', () => {
  const c = catchUp(plan, START - 2 * 86_400_000, GRACE);
  assert.deepEqual(c.send, []);
  assert.deepEqual(c.skip, []);
  assert.equal(c.future.length, 4);
});

test('of two missed before reminders only the latest is sent when the window has not opened yet', () => {
  const c = catchUp(plan, START - 30 * 60_000, GRACE);
  assert.deepEqual(keys(c.send), ['fr-2017-t2:before:1h:2017-05-05T21:00:00.000Z']);
  assert.deepEqual(keys(c.skip), ['fr-2017-t2:before:1d:2017-05-04T22:00:00.000Z']);
});

test('inside the window the opening reminder is caught up and before reminders are stale', () => {
  const c = catchUp(plan, START + 3_600_000, GRACE);
  assert.deepEqual(c.send.map((r) => r.kind), ['open']);
  assert.deepEqual(c.skip.map((r) => r.kind), ['before', 'before']);
  assert.deepEqual(c.future.map((r) => r.kind), ['close']);
});

test('shortly after the end only the closing reminder is caught up', () => {
  const c = catchUp(plan, END + 10 * 60_000, GRACE);
  assert.deepEqual(c.send.map((r) => r.kind), ['close']);
  assert.equal(c.skip.length, 3);
});

test('long after the end every reminder is stale', () => {
  const c = catchUp(plan, END + GRACE, GRACE);
  assert.deepEqual(c.send, []);
  assert.equal(c.skip.length, 4);
});

test('a before reminder sent late tells the real time left, on time the configured lead', () => {
  const oneHour = plan[1]!;
  assert.equal(leadAt(oneHour, oneHour.fireAtMs + 500), 3_600_000);
  assert.equal(leadAt(oneHour, START - 20 * 60_000), 20 * 60_000);
  assert.equal(leadAt(oneHour, START - 20 * 60_000 + 900), 20 * 60_000, 'rounded to the minute');
});
