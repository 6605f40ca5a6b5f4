import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BoundedQueue, QueueFull } from '../../src/inspect/queue.ts';

/** A job that runs until `release` is called. */
function held(): { job: () => Promise<string>; release: (value: string) => void; started: Promise<void> } {
  let release!: (value: string) => void;
  let markStarted!: () => void;
  const started = new Promise<void>((r) => (markStarted = r));
  const done = new Promise<string>((r) => (release = r));
  const job = () => {
    markStarted();
    return done;
  };
  return { job, release, started };
}

test('no more jobs run at once than the concurrency', async () => {
  const queue = new BoundedQueue({ concurrency: 2, maxQueued: 5 });
  const jobs = [held(), held(), held()];
  const results = jobs.map((j) => queue.run(j.job));
  await Promise.all([jobs[0]!.started, jobs[1]!.started]);
  assert.equal(queue.running, 2);
  assert.equal(queue.waiting, 1);
  jobs[0]!.release('a');
  await jobs[2]!.started;
  jobs[1]!.release('b');
  jobs[2]!.release('c');
  assert.deepEqual(await Promise.all(results), ['a', 'b', 'c']);
  assert.equal(queue.running, 0);
});

test('a job offered when the waiting line is full is refused at once, never run', async () => {
  const queue = new BoundedQueue({ concurrency: 1, maxQueued: 1 });
  const first = held();
  const second = held();
  const running = queue.run(first.job);
  const waiting = queue.run(second.job);
  let ran = false;
  await assert.rejects(
    queue.run(async () => {
      ran = true;
    }),
    QueueFull,
  );
  assert.equal(ran, false);
  first.release('1');
  second.release('2');
  assert.deepEqual(await Promise.all([running, waiting]), ['1', '2']);
});

test('a failing job frees its slot for the next', async () => {
  const queue = new BoundedQueue({ concurrency: 1, maxQueued: 0 });
  await assert.rejects(queue.run(() => Promise.reject(new Error('boom'))), /boom/);
  assert.equal(await queue.run(async () => 'next'), 'next');
});
