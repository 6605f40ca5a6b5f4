/**
 * The engine's "is this a leak host?" question, asked of the matchers of links (`knowsHost`): a URL
 * rule's host, or a listed domain or any subdomain. Built once per engine.
 */
import type { Engine } from '../engine.ts';
import type { HostLookup } from '../links.ts';

const LOOKUPS = new WeakMap<Engine, HostLookup | null>();

/** The engine's host lookup; undefined when it has no rule about links. */
export function knownHosts(engine: Engine): HostLookup | undefined {
  let lookup = LOOKUPS.get(engine);
  if (lookup === undefined) {
    const askers: HostLookup[] = [];
    for (const { definition, index } of engine.matchers) {
      const knowsHost = definition.knowsHost;
      if (knowsHost) askers.push((host) => knowsHost(index, host));
    }
    lookup = askers.length === 0 ? null : askers.length === 1 ? askers[0]! : (host) => askers.some((ask) => ask(host));
    LOOKUPS.set(engine, lookup);
  }
  return lookup ?? undefined;
}
