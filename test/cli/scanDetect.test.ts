import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { detectFormat } from '../../src/chatExports/detect.ts';
import { fixture, tempDir } from '../fixtures/exports/harness.ts';

test('folders and zips are Slack exports, .jsonl and .ndjson are JSON Lines', async () => {
  assert.deepEqual(await detectFormat(fixture('slack')), { format: 'slack-folder' });
  assert.deepEqual(await detectFormat(fixture('slack-export.zip')), { format: 'slack-zip' });
  assert.deepEqual(await detectFormat(fixture('messages.jsonl')), { format: 'jsonl' });
});

test('a .json file with a top-level messages array is a DiscordChatExporter export', async () => {
  assert.deepEqual(await detectFormat(fixture('discord.json')), { format: 'discord' });
});

test('paths of no known format are refused with the reason', async () => {
  const { dir, remove } = await tempDir();
  try {
    await writeFile(join(dir, 'day.json'), '[{"ts":"1494064800.000100","text":"x"}]');
    await writeFile(join(dir, 'other.json'), '{"items":[]}');
    await writeFile(join(dir, 'broken.json'), '{"messages" oops');
    await writeFile(join(dir, 'notes.txt'), 'plain text\n');
    await writeFile(join(dir, 'export.log'), '{"id":"1","text":"x","at":"2017-05-06T10:00:00Z"}\n');
    const error = async (name: string) => {
      const d = await detectFormat(join(dir, name));
      return 'error' in d ? d.error : `detected ${d.format}`;
    };
    assert.match(await error('day.json'), /^a JSON array, not an export \(a single Slack day file\?/);
    assert.match(await error('other.json'), /without a "messages" array, so not a DiscordChatExporter export/);
    assert.match(await error('broken.json'), /^not valid JSON/);
    assert.match(await error('notes.txt'), /^unknown format; expected a Slack export/);
    assert.match(await error('missing.jsonl'), /^no such file or folder$/);
    assert.deepEqual(await detectFormat(join(dir, 'export.log')), { format: 'jsonl' });
  } finally {
    await remove();
  }
});
