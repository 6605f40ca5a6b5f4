/** JSON Lines are cut into chunks of whole lines, whatever the chunk size and the size of the reads. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { LinesChunk } from '../../src/chatExports/chunks.ts';
import { readJsonLines, splitJsonLines } from '../../src/chatExports/jsonLines.ts';
import { collect, tempDir, ZONE } from '../fixtures/exports/harness.ts';

/** Lines of many lengths (one over a megabyte, so one read cannot hold everything), blank lines and CRLF among them. */
function exportText(): string {
  const lines: string[] = [];
  for (let i = 0; i < 3_000; i++) {
    const text = i === 1_500 ? 'x'.repeat(1_200_000) : `message ${i} ${'é'.repeat(i % 97)}`;
    lines.push(JSON.stringify({ id: `m${i}`, text, at: '2017-05-06T10:00:00+02:00' }));
    if (i % 500 === 0) lines.push('');
  }
  return lines.map((l, i) => (i % 7 === 0 ? `${l}\r\n` : `${l}\n`)).join('');
}

test('every record keeps its id and line number whatever the chunk size', async () => {
  const { dir, remove } = await tempDir();
  try {
    const file = join(dir, 'export.jsonl');
    const text = exportText();
    await writeFile(file, text);
    const expected = text
      .split('\n')
      .map((l, i) => ({ line: i + 1, l }))
      .filter(({ l }) => l.trim() !== '')
      .map(({ line, l }) => ({ id: (JSON.parse(l) as { id: string }).id, line }));
    for (const chunkBytes of [1, 333, 64 * 1024, 4 * 1024 * 1024]) {
      const { records, problems } = await collect(readJsonLines(file, { zone: ZONE, chunkBytes }));
      assert.deepEqual(problems, [], `chunkBytes ${chunkBytes}`);
      assert.deepEqual(
        records.map((r) => ({ id: r.id, line: r.source.line })),
        expected,
        `chunkBytes ${chunkBytes}`,
      );
    }
  } finally {
    await remove();
  }
});

test('chunks hold whole lines and are about the chunk size, however large the reads', async () => {
  const { dir, remove } = await tempDir();
  try {
    const file = join(dir, 'export.jsonl');
    const line = `${JSON.stringify({ id: 'm', text: 'bonjour', at: '2017-05-06T10:00:00Z' })}\n`;
    await writeFile(file, line.repeat(100_000));
    const chunks: LinesChunk[] = [];
    for await (const piece of splitJsonLines(file, { zone: ZONE, chunkBytes: 64 * 1024 })) {
      if ('kind' in piece && piece.kind === 'lines') chunks.push(piece);
    }
    const total = chunks.reduce((sum, c) => sum + c.bytes.byteLength, 0);
    assert.equal(total, line.length * 100_000);
    for (const [i, chunk] of chunks.entries()) {
      assert.equal(chunk.bytes[chunk.bytes.byteLength - 1], 10, `chunk ${i} ends inside a line`);
      assert.equal(chunk.firstLine, 1 + (chunks.slice(0, i).reduce((sum, c) => sum + c.bytes.byteLength, 0) / line.length));
      if (i < chunks.length - 1) assert.ok(chunk.bytes.byteLength >= 64 * 1024 && chunk.bytes.byteLength < 64 * 1024 + line.length, `chunk ${i}: ${chunk.bytes.byteLength} bytes`);
    }
  } finally {
    await remove();
  }
});
