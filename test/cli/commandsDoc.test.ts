/** docs/commands.md is derived from the command definition, and kept current. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { BLACKOUT_COMMAND } from '../../src/commands/definition.ts';
import { COMMANDS_DOC, renderCommandsDoc } from '../../scripts/commandsDoc.ts';

test('docs/commands.md is what `npm run docs:commands` writes from the definition (run it after changing a command)', async () => {
  const current = await readFile(COMMANDS_DOC, 'utf8');
  assert.equal(current, renderCommandsDoc(current));
});

test('the generated reference names every subcommand and option, in English and French', async () => {
  const doc = await readFile(COMMANDS_DOC, 'utf8');
  for (const s of BLACKOUT_COMMAND.subcommands) {
    assert.ok(doc.includes(` ${s.name}`) && doc.includes(s.fr.name), s.id);
    for (const o of s.options) assert.ok(doc.includes(`| \`${o.name}\` | \`${o.fr.name}\` |`), `${s.id} ${o.name}`);
  }
});

test('a change to the definition changes the generated document', async () => {
  const current = await readFile(COMMANDS_DOC, 'utf8');
  const renamed = { ...BLACKOUT_COMMAND, subcommands: BLACKOUT_COMMAND.subcommands.map((s) => (s.id === 'status' ? { ...s, description: 'Where the blackout stands' } : s)) };
  assert.notEqual(renderCommandsDoc(current, renamed), current);
  assert.match(renderCommandsDoc(current, renamed), /Where the blackout stands/);
});
