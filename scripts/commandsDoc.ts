/**
 * `npm run docs:commands`: writes the parts of docs/commands.md that come from the command
 * definition (src/commands/definition.ts): who may use each subcommand, and the reference of
 * every subcommand and option in English and French. The prose around them stays hand-written;
 * the generated parts sit between `<!-- generated:NAME -->` and `<!-- /generated:NAME -->`.
 * test/cli/commandsDoc.test.ts fails when the committed file is not what this script writes.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { BLACKOUT_COMMAND, type CommandDefinition, type SubcommandDefinition } from '../src/commands/definition.ts';
import { usageLine } from '../src/commands/slackText.ts';

export const COMMANDS_DOC = 'docs/commands.md';

const cell = (text: string): string => text.replace(/\|/g, '\\|');

/** What the subcommand is called, inside the command: `windows add`. */
const path = (s: SubcommandDefinition): string => [...(s.group ? [s.group] : []), s.name].join(' ');

function frenchPath(s: SubcommandDefinition, definition: CommandDefinition): string {
  const group = s.group ? definition.groups.find((g) => g.name === s.group) : undefined;
  return [`/${definition.fr.name}`, ...(group ? [group.fr.name] : []), s.fr.name].join(' ');
}

/** The table of rights: everyone or admins only. */
export function rightsTable(definition: CommandDefinition = BLACKOUT_COMMAND): string {
  const list = (admin: boolean): string =>
    definition.subcommands
      .filter((s) => s.admin === admin)
      .map((s) => `\`${path(s)}\``)
      .join(', ');
  return ['| Subcommand | Everyone | Admins only |', '|---|---|---|', `| ${list(false)} | ✓ | |`, `| ${list(true)} | | ✓ |`].join('\n');
}

/** One section per subcommand: syntax, French name, who may use it, options. */
export function reference(definition: CommandDefinition = BLACKOUT_COMMAND): string {
  const out: string[] = [];
  for (const s of definition.subcommands) {
    out.push(`#### \`${usageLine(s, definition)}\``, '');
    out.push(`${s.description}. French: \`${frenchPath(s, definition)}\` (${s.fr.description}).`);
    out.push(`${s.admin ? 'Admins only' : 'Everyone'}; ${s.ephemeral ? 'the answer is seen only by the person who asked' : 'the answer is posted in the channel'}.`, '');
    if (s.options.length > 0) {
      out.push('| option | French | required | description |', '|---|---|---|---|');
      for (const o of s.options) {
        const notes = [o.rest ? 'takes the rest of the line on Slack' : '', o.maxLength !== undefined ? `at most ${o.maxLength} characters` : ''].filter(Boolean);
        out.push(`| \`${o.name}\` | \`${o.fr.name}\` | ${o.required ? 'yes' : 'no'} | ${cell(o.description)}${notes.length > 0 ? ` (${notes.join('; ')})` : ''} |`);
      }
      out.push('');
    }
  }
  return out.join('\n').trimEnd();
}

const BLOCKS: Record<string, (d: CommandDefinition) => string> = { rights: rightsTable, reference };

/** `current` with every generated block rewritten from `definition`. */
export function renderCommandsDoc(current: string, definition: CommandDefinition = BLACKOUT_COMMAND): string {
  let out = current;
  for (const [name, render] of Object.entries(BLOCKS)) {
    const open = `<!-- generated:${name} (npm run docs:commands; do not edit by hand) -->`;
    const close = `<!-- /generated:${name} -->`;
    const start = out.indexOf(open);
    const end = out.indexOf(close);
    if (start < 0 || end < start) throw new Error(`${COMMANDS_DOC}: the markers of the generated block "${name}" are missing`);
    out = `${out.slice(0, start + open.length)}\n${render(definition)}\n${out.slice(end)}`;
  }
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const current = await readFile(COMMANDS_DOC, 'utf8');
  const next = renderCommandsDoc(current);
  if (next !== current) await writeFile(COMMANDS_DOC, next);
  process.stdout.write(`${COMMANDS_DOC} ${next === current ? 'is up to date' : 'written'}\n`);
}
