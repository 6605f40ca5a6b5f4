import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BLACKOUT_COMMAND } from '../../src/commands/definition.ts';
import { discordCommandPayload, invocationFromDiscord } from '../../src/commands/discordPayload.ts';

const payload = discordCommandPayload();
type Node = { name: string; type: number; options?: Node[]; name_localizations?: Record<string, string>; description_localizations?: Record<string, string>; required?: boolean; description: string };
const options = (payload.options ?? []) as unknown as Node[];

test('the payload is one chat input command visible to all members of a server', () => {
  assert.equal(payload.type, 1);
  assert.equal(payload.name, 'blackout');
  assert.equal(payload.default_member_permissions, null);
  assert.deepEqual(payload.contexts, [0]);
  assert.equal(payload.name_localizations?.fr, 'reserve');
});

test('groups hold their subcommands and top-level subcommands stand alone', () => {
  assert.deepEqual(options.map((o) => [o.name, o.type]), [
    ['status', 1],
    ['check', 1],
    ['statement', 1],
    ['windows', 2],
    ['leaks', 2],
    ['report', 1],
    ['sweep', 1],
  ]);
  const leaks = options.find((o) => o.name === 'leaks');
  assert.deepEqual(leaks?.options?.map((o) => o.name), ['list', 'add-url', 'add-domain', 'add-hash']);
});

test('every name and description has a French localization within Discord limits', () => {
  const walk = (nodes: Node[]): void => {
    for (const n of nodes) {
      assert.match(n.name, /^[-_\p{Ll}\p{N}]{1,32}$/u);
      assert.match(n.name_localizations?.fr ?? '', /^[-_\p{Ll}\p{N}]{1,32}$/u, n.name);
      assert.ok(n.description.length <= 100 && (n.description_localizations?.fr ?? '').length > 0, n.name);
      assert.ok((n.description_localizations?.fr ?? '').length <= 100, n.name);
      walk(n.options ?? []);
    }
  };
  walk(options);
});

test('options are strings, required ones first, as Discord requires', () => {
  const add = options.find((o) => o.name === 'windows')?.options?.find((o) => o.name === 'add');
  assert.deepEqual(add?.options?.map((o) => [o.name, o.type, o.required]), [
    ['id', 3, true],
    ['start', 3, true],
    ['end', 3, true],
    ['timezone', 3, false],
    ['name', 3, false],
  ]);
  for (const s of BLACKOUT_COMMAND.subcommands) {
    const required = s.options.map((o) => o.required);
    assert.deepEqual(required, [...required].sort((a, b) => Number(b) - Number(a)), s.id);
  }
});

test('a grouped subcommand in raw INTERACTION_CREATE options becomes an invocation', () => {
  const raw = [
    {
      name: 'windows',
      type: 2,
      options: [
        {
          name: 'add',
          type: 1,
          options: [
            { name: 'id', type: 3, value: 'fr-2022' },
            { name: 'start', type: 3, value: '2022-04-09T00:00' },
            { name: 'end', type: 3, value: ' 2022-04-10T20:00 ' },
          ],
        },
      ],
    },
  ];
  assert.deepEqual(invocationFromDiscord(raw), {
    subcommand: 'windows.add',
    options: { id: 'fr-2022', start: '2022-04-09T00:00', end: '2022-04-10T20:00' },
  });
});

test('a top-level subcommand and an unknown one', () => {
  assert.deepEqual(invocationFromDiscord([{ name: 'check', type: 1, options: [{ name: 'text', type: 3, value: 'x' }] }]), {
    subcommand: 'check',
    options: { text: 'x' },
  });
  assert.equal(invocationFromDiscord([{ name: 'gone', type: 1 }]), undefined);
  assert.equal(invocationFromDiscord([]), undefined);
});
