import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readDiscordExport } from '../../src/chatExports/discordExport.ts';
import { collect, fixture, tempDir, ZONE } from '../fixtures/exports/harness.ts';

test('a DiscordChatExporter export gives one record per message with channel, author and time', async () => {
  const { records } = await collect(readDiscordExport(fixture('discord.json'), { zone: ZONE }));
  assert.deepEqual(records.map((r) => r.id), ['310000000000000001', '310000000000000002', '310000000000000003', '310000000000000004']);
  const first = records[0]!;
  assert.equal(first.channel, 'politique');
  assert.equal(first.channelId, '301234567890999999');
  assert.equal(first.user, '200000000000000001');
  assert.equal(first.atMs, Date.parse('2017-05-05T19:30:00.123Z'));
});

test('Discord attachments are read by file name and size, edits by timestampEdited', async () => {
  const { records } = await collect(readDiscordExport(fixture('discord.json'), { zone: ZONE }));
  assert.deepEqual(records[1]!.attachments, [{ name: 'TESTDUMP.zip', size: 9437184 }]);
  assert.equal(records[2]!.editedAtMs, Date.parse('2017-05-06T07:21:00Z'));
});

test('an embed link is checked with the message, since bots post links as embeds with no content', async () => {
  const { records } = await collect(readDiscordExport(fixture('discord.json'), { zone: ZONE }));
  assert.match(records[3]!.text, /leakmirror\.example/);
});

test('a Discord message with a bad timestamp is reported by its position and the others are read', async () => {
  const { problems } = await collect(readDiscordExport(fixture('discord.json'), { zone: ZONE }));
  assert.equal(problems.length, 1);
  assert.match(problems[0]!.error, /^messages\[4\]: "timestamp" is not an ISO time/);
});

test('a Discord export cut off mid-file keeps the messages read before the break', async () => {
  const { dir, remove } = await tempDir();
  try {
    const file = join(dir, 'cut.json');
    await writeFile(file, '{"channel":{"id":"1","name":"c"},"messages":[{"id":"1","timestamp":"2017-05-06T10:00:00+00:00","content":"a"},{"id":"2","timest');
    const { records, problems } = await collect(readDiscordExport(file, { zone: ZONE }));
    assert.deepEqual(records.map((r) => r.id), ['1']);
    assert.match(problems[0]!.error, /^not valid JSON after 1 message/);
  } finally {
    await remove();
  }
});

test('deeply nested JSON inside a message neither crashes nor hides the next message', async () => {
  const { dir, remove } = await tempDir();
  try {
    const file = join(dir, 'deep.json');
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    await writeFile(
      file,
      `{"messages":[{"id":"1","timestamp":"2017-05-06T10:00:00+00:00","content":"a","embeds":${deep}},` +
        '{"id":"2","timestamp":"2017-05-06T10:00:00+00:00","content":"b"}]}',
    );
    const { records } = await collect(readDiscordExport(file, { zone: ZONE }));
    assert.deepEqual(records.map((r) => r.id), ['1', '2']);
  } finally {
    await remove();
  }
});
