import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { jsonLines, scan, tempDir } from '../fixtures/exports/harness.ts';

/** A one-channel Slack export folder whose only day file holds `messages`. */
async function slackExport(dir: string, messages: unknown[]): Promise<string> {
  const root = join(dir, 'export');
  await mkdir(join(root, 'general'), { recursive: true });
  await writeFile(join(root, 'channels.json'), JSON.stringify([{ id: 'C1', name: 'general' }]));
  await writeFile(join(root, 'general', '2017-05-06.json'), JSON.stringify(messages));
  return root;
}

async function verdictOf(build: (dir: string) => Promise<string>): Promise<unknown> {
  const { dir, remove } = await tempDir();
  try {
    const [line] = jsonLines((await scan([await build(dir)], true)).stdout);
    return line?.verdict;
  } finally {
    await remove();
  }
}

const TS = '1494064800.000100';
const LEAK = 'https://pastebin.com/testdump-2017';

test('a Slack unfurl whose link sits only in attachments[].title_link is a share', async () => {
  const verdict = await verdictOf((dir) => slackExport(dir, [{ ts: TS, text: '', attachments: [{ title: 'Paste', title_link: LEAK }] }]));
  assert.equal(verdict, 'share');
});

test('a Slack bot post whose text sits in attachments[].fallback is classified like text', async () => {
  const verdict = await verdictOf((dir) => slackExport(dir, [{ ts: TS, bot_id: 'B1', attachments: [{ fallback: `Nouveau lien : <${LEAK}>` }] }]));
  assert.equal(verdict, 'share');
});

test('a shared message quoted in attachments[].from_url is a share', async () => {
  const verdict = await verdictOf((dir) => slackExport(dir, [{ ts: TS, text: 'vu ça', attachments: [{ from_url: LEAK, is_share: true }] }]));
  assert.equal(verdict, 'share');
});

test('a Slack message whose link sits only in a rich-text block is a share', async () => {
  const blocks = [{ type: 'rich_text', elements: [{ type: 'rich_text_section', elements: [{ type: 'link', url: LEAK }] }] }];
  const verdict = await verdictOf((dir) => slackExport(dir, [{ ts: TS, text: '', blocks }]));
  assert.equal(verdict, 'share');
});

test('a Slack section block mentioning the leak hashtag is a mention', async () => {
  const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: 'on parle de #TestLeaks' } }];
  const verdict = await verdictOf((dir) => slackExport(dir, [{ ts: TS, text: 'résumé', blocks }]));
  assert.equal(verdict, 'mention');
});

/** A DiscordChatExporter export of one message. */
async function discordExport(dir: string, message: Record<string, unknown>): Promise<string> {
  const file = join(dir, 'discord.json');
  const base = { id: '1', type: 'Default', timestamp: '2017-05-06T10:00:00+00:00', content: '', author: { id: '9' }, attachments: [], embeds: [] };
  await writeFile(file, JSON.stringify({ channel: { id: '5', name: 'c' }, messages: [{ ...base, ...message }], messageCount: 1 }));
  return file;
}

test('a forwarded Discord message is classified by the content it forwards', async () => {
  const verdict = await verdictOf((dir) => discordExport(dir, { forwardedMessage: { content: `regardez ${LEAK}`, attachments: [], embeds: [] } }));
  assert.equal(verdict, 'share');
});

test('a forwarded Discord message carrying a leaked file name is a share', async () => {
  const verdict = await verdictOf((dir) => discordExport(dir, { forwardedMessage: { content: '', attachments: [{ fileName: 'TESTDUMP.zip' }] } }));
  assert.equal(verdict, 'share');
});

test('a Discord embed whose description holds the link is a share', async () => {
  const verdict = await verdictOf((dir) => discordExport(dir, { embeds: [{ title: 'Digest', description: `le lien : ${LEAK}` }] }));
  assert.equal(verdict, 'share');
});
