import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { runBlackoutCommand } from '../../src/commands/run.ts';
import { SweepService } from '../../src/sweep/service.ts';
import type { ChannelHistory } from '../../src/platform/index.ts';
import { SHARE, startHarness, type Harness } from '../discord/harness.ts';
import { discordHistory } from '../../src/discord/history.ts';

let h: Harness;
let sweeps: SweepService;
before(async () => {
  h = await startHarness({ window: 'now' });
  sweeps = new SweepService({ live: h.live, store: h.store, logger: h.logger, leaseMs: 2_000 });
  const client = h.bot!.client;
  const source: ChannelHistory = discordHistory({
    client,
    guild: client.guilds.cache.get(h.standIn.ids.guild)!,
    config: () => h.live.config,
    logger: h.logger,
    webOrigin: 'https://discord.com',
    archivedWithinMs: 3_600_000,
  });
  sweeps.addSource(source);
});
after(async () => {
  await sweeps?.close();
  await h?.close();
});

const context = (isAdmin: boolean) => ({
  live: h.live,
  store: h.store,
  actor: { platform: 'discord' as const, userId: h.standIn.ids.users.moderator, isAdmin },
  nowMs: Date.now(),
  workspaceId: h.standIn.ids.guild,
  channelId: h.standIn.ids.general,
  logger: h.logger,
  sweeps,
});

test('/blackout sweep is refused to a member who is not an admin', async () => {
  const reply = await runBlackoutCommand(context(false), { subcommand: 'sweep', options: {} });
  assert.match(reply.text, /Manage Server|Gérer le serveur/);
});

test('/blackout sweep with a channel removes what was posted there within the asked time, and status shows the sweep', async () => {
  const { general, users } = h.standIn.ids;
  const shared = h.standIn.post({ channelId: general, authorId: users.alice, content: SHARE, dispatch: false, atMs: Date.now() - 2 * 3_600_000 });
  const reply = await runBlackoutCommand(context(true), { subcommand: 'sweep', options: { channel: `<#${general}>`, since: '3h' } });
  assert.match(reply.text, /Balayage de <#\d+>/);
  const deadline = Date.now() + 10_000;
  while (h.standIn.callsTo('DELETE', new RegExp(`/messages/${shared.id}$`)).length === 0) {
    assert.ok(Date.now() < deadline, 'the message was deleted by the sweep');
    await new Promise((r) => setTimeout(r, 50));
  }
  // The sweep goes on with the channel's threads; status shows it running, then done.
  let status = await runBlackoutCommand(context(false), { subcommand: 'status', options: {} });
  assert.match(status.text, /Balayage manual:[0-9a-f-]+ : \d+ salon\(s\) terminé\(s\)/);
  while (status.text.includes('en cours')) {
    assert.ok(Date.now() < deadline, 'the sweep finished');
    await new Promise((r) => setTimeout(r, 50));
    status = await runBlackoutCommand(context(false), { subcommand: 'status', options: {} });
  }
  assert.match(status.text, /Balayage manual:[0-9a-f-]+ : \d+ salon\(s\) terminé\(s\) ; \d+ messages examinés, 1 trouvé\(s\), 1 retiré\(s\)/);
});

test('/blackout sweep refuses a since that is not a duration', async () => {
  const reply = await runBlackoutCommand(context(true), { subcommand: 'sweep', options: { since: 'yesterday' } });
  assert.match(reply.text, /n’est pas une durée/);
});
