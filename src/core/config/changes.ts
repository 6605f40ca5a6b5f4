/**
 * Changes made by chat commands (`/blackout windows add`, `/blackout leaks add-url`, …) are kept
 * in the store and laid over the configuration file's data, then validated by the same schema,
 * so a change made by command obeys exactly the rules of the file.
 */
import type { ChannelOverride } from './schema.ts';

/** Leak set lists that commands may add to or remove from. */
export type LeakListKey = 'urls' | 'domains' | 'sha256' | 'fileNames' | 'infohashes' | 'keywords' | 'hashtags';

export type ConfigChange =
  | {
      kind: 'window.add';
      window: { id: string; name?: string; start: string; end: string; timezone?: string; region?: string };
    }
  | { kind: 'window.remove'; id: string }
  | { kind: 'leak.add'; leak: string; key: LeakListKey; value: string }
  | { kind: 'leak.remove'; leak: string; key: LeakListKey; value: string }
  | { kind: 'channel.set'; channelId: string; settings: ChannelOverride };

type Raw = Record<string, unknown>;

/** The configuration data with the changes applied in order (the input is not modified). */
export function applyChanges(raw: unknown, changes: readonly ConfigChange[]): Raw {
  const out = structuredClone((raw ?? {}) as Raw);
  for (const change of changes) applyChange(out, change);
  return out;
}

function listAt(obj: Raw, key: string): unknown[] {
  if (!Array.isArray(obj[key])) obj[key] = [];
  return obj[key] as unknown[];
}

function applyChange(out: Raw, change: ConfigChange): void {
  switch (change.kind) {
    case 'window.add': {
      const windows = listAt(out, 'windows').filter((w) => (w as Raw).id !== change.window.id);
      windows.push({ ...change.window });
      out.windows = windows;
      return;
    }
    case 'window.remove':
      out.windows = listAt(out, 'windows').filter((w) => (w as Raw).id !== change.id);
      return;
    case 'leak.add':
    case 'leak.remove': {
      const leaks = listAt(out, 'leaks');
      let leak = leaks.find((l) => (l as Raw).id === change.leak) as Raw | undefined;
      if (!leak) {
        if (change.kind === 'leak.remove') return;
        leak = { id: change.leak };
        leaks.push(leak);
      }
      const values = listAt(leak, change.key);
      const at = values.indexOf(change.value);
      if (change.kind === 'leak.add' && at < 0) values.push(change.value);
      if (change.kind === 'leak.remove' && at >= 0) values.splice(at, 1);
      return;
    }
    case 'channel.set': {
      const policy = (out.policy ??= {}) as Raw;
      const channels = (policy.channels ??= {}) as Raw;
      channels[change.channelId] = { ...((channels[change.channelId] as Raw | undefined) ?? {}), ...change.settings };
      return;
    }
  }
}
