/** `/blackout leaks list|add-url|add-domain|add-hash`. */
import { MATCHERS, type LeakListKey } from '../../core/index.ts';
import type { SubcommandId } from '../invocation.ts';
import { applyChange } from './change.ts';
import type { Handler, HandlerInput } from './handler.ts';

/** Keys of a leak set listed by `leaks list`, in this order. */
const LISTED = ['urls', 'domains', 'sha256', 'fileNames', 'infohashes', 'keywords', 'hashtags', 'documents'] as const;

/** Entries longer than this are shortened in lists (hashes). */
const SHORT = 24;

/**
 * Values (and lines quoting them) are echoed back cut to this many characters: a link of 100 kB
 * added by command must not come back whole in the reply (nor overflow the platform's limits).
 */
export const ECHO_MAX = 200;

/** `value`, cut to `ECHO_MAX` characters with an ellipsis. */
export function echo(value: string, max = ECHO_MAX): string {
  return value.length <= max ? value : `${value.slice(0, max - 1)}…`;
}

export const listLeaks: Handler = ({ ctx, t, ephemeral }) => {
  const leaks = ctx.live.config.leaks;
  if (leaks.length === 0) return { title: t.leaksTitle, text: t.leaksNone, ephemeral };
  const fields = leaks.map((leak) => {
    const lines = LISTED.filter((key) => leak[key].length > 0).map(
      (key) =>
        `${t.leakKinds[key]} (${leak[key].length}): ${leak[key]
          .map((v) => (v.length > SHORT && (key === 'sha256' || key === 'infohashes') ? `${v.slice(0, 12)}…` : echo(v)))
          .join(', ')}`,
    );
    return { name: `${leak.name ?? leak.id} (\`${leak.id}\`)`, value: lines.length > 0 ? lines.join('\n') : t.none };
  });
  return { title: t.leaksTitle, text: '', fields, ephemeral };
};

const KEYS: Partial<Record<SubcommandId, LeakListKey>> = {
  'leaks.add-url': 'urls',
  'leaks.add-domain': 'domains',
  'leaks.add-hash': 'sha256',
};

export const addLeakEntry: Handler = async (input: HandlerInput) => {
  const { ctx, invocation, t, ephemeral } = input;
  const key = KEYS[invocation.subcommand];
  if (!key) throw new Error(`not a leak entry subcommand: ${invocation.subcommand}`);
  const leaks = ctx.live.config.leaks;
  const known = leaks.length === 0 ? t.none : leaks.map((l) => `\`${l.id}\``).join(', ');
  const leakId = invocation.options.leak ?? leaks[0]?.id;
  if (leakId === undefined) return { text: t.leakSetNone, ephemeral: true };
  const leak = leaks.find((l) => l.id === leakId);
  // A typo must not silently create a new leak set: sets are created in the configuration file.
  if (!leak) return { text: t.leakSetUnknown(echo(leakId), known), ephemeral: true };
  const value = (invocation.options.value ?? '').trim();
  const kind = t.leakKinds[key];
  // The matcher's own entry schema gives the canonical spelling, to tell an entry already there.
  const canonical = MATCHERS.find((m) => m.configKey === key)?.entry.safeParse(value);
  if (canonical?.success && leak[key].includes(canonical.data)) {
    return { text: t.leakAlready(kind, echo(canonical.data), leakId), ephemeral };
  }
  const reply = await applyChange(input, { kind: 'leak.add', leak: leakId, key, value }, () => ({
    text: t.leakAdded(kind, echo(canonical?.success ? canonical.data : value), leakId),
    ephemeral,
  }));
  // A refusal quotes the value in the schema's words: each line is cut like the value itself.
  return { ...reply, text: reply.text.split('\n').map((line) => echo(line, ECHO_MAX + 100)).join('\n') };
};
