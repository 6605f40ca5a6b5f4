/** `/blackout leaks add-url` with a huge value (issue 15, item 9): the reply never echoes it whole. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runBlackoutCommand } from '../../src/commands/run.ts';
import type { CommandActor, CommandContext } from '../../src/commands/context.ts';
import type { CommandInvocation } from '../../src/commands/invocation.ts';
import { ECHO_MAX } from '../../src/commands/handlers/leaks.ts';
import { IN_WINDOW, openFixture, type Fixture } from './fixture.ts';

const ADMIN: CommandActor = { platform: 'discord', userId: 'U-admin', isAdmin: true };

async function withFixture(fn: (f: Fixture) => Promise<void>): Promise<void> {
  const f = await openFixture();
  try {
    await fn(f);
  } finally {
    await f.close();
  }
}

const run = (f: Fixture, invocation: CommandInvocation) => {
  const ctx: CommandContext = { live: f.live, store: f.store, actor: ADMIN, nowMs: IN_WINDOW, workspaceId: 'G1', channelId: 'C1' };
  return runBlackoutCommand(ctx, invocation);
};

const HUGE_URL = `https://leaks.example/${'a'.repeat(100_000)}`;

test('a 100 kB link added by command is added but echoed cut short', () =>
  withFixture(async (f) => {
    const reply = await run(f, { subcommand: 'leaks.add-url', options: { value: HUGE_URL } });
    assert.match(reply.text, /Added to `macronleaks` \(links\): leaks\.example\/a+…\. It applies now\./);
    assert.ok(reply.text.length < ECHO_MAX + 100, `reply of ${reply.text.length} characters`);
    assert.ok(f.live.config.leaks[0]?.urls.some((u) => u.length > 100_000));
  }));

test('a 100 kB link already listed is echoed cut short', () =>
  withFixture(async (f) => {
    await run(f, { subcommand: 'leaks.add-url', options: { value: HUGE_URL } });
    const reply = await run(f, { subcommand: 'leaks.add-url', options: { value: HUGE_URL } });
    assert.match(reply.text, /already lists/);
    assert.ok(reply.text.length < ECHO_MAX + 100, `reply of ${reply.text.length} characters`);
  }));

test('a 100 kB value refused by the schema is quoted cut short', () =>
  withFixture(async (f) => {
    const reply = await run(f, { subcommand: 'leaks.add-url', options: { value: `not a link ${'x'.repeat(100_000)}` } });
    assert.match(reply.text, /refused, nothing was saved/);
    assert.ok(reply.text.length < 2 * (ECHO_MAX + 100), `reply of ${reply.text.length} characters`);
  }));

test('a 100 kB leak set name is quoted cut short', () =>
  withFixture(async (f) => {
    const reply = await run(f, { subcommand: 'leaks.add-url', options: { value: 'https://x.example/a', leak: 'y'.repeat(100_000) } });
    assert.match(reply.text, /There is no leak set `y+…`/);
    assert.ok(reply.text.length < ECHO_MAX + 100, `reply of ${reply.text.length} characters`);
  }));

test('leaks list shows a 100 kB link cut short', () =>
  withFixture(async (f) => {
    await run(f, { subcommand: 'leaks.add-url', options: { value: HUGE_URL } });
    const reply = await run(f, { subcommand: 'leaks.list', options: {} });
    const shown = [reply.text, ...(reply.fields ?? []).map((x) => x.value)].join('\n');
    assert.ok(shown.length < 1_000, `list of ${shown.length} characters`);
  }));
