/**
 * Names of workspaces (Discord servers, Slack workspaces) and channels for the report. The store
 * keeps ids only; names are shown where something knows them (a lookup on the platform, see
 * `nameLookup.ts`), and the id is always shown as well, since names change and ids do not.
 */

/** Where names come from; each answer may be unknown. */
export interface NameBook {
  workspace(platform: string, workspaceId: string): string | undefined;
  channel(platform: string, workspaceId: string, channelId: string): string | undefined;
}

/** Knows no name: the report shows ids only. */
export const NO_NAMES: NameBook = { workspace: () => undefined, channel: () => undefined };

/** Names found beforehand, keyed by `platform/workspace` and `platform/workspace/channel`. */
export class NameMap implements NameBook {
  readonly #names = new Map<string, string>();

  setWorkspace(platform: string, workspaceId: string, name: string): void {
    this.#names.set(`${platform}/${workspaceId}`, name);
  }

  setChannel(platform: string, workspaceId: string, channelId: string, name: string): void {
    this.#names.set(`${platform}/${workspaceId}/${channelId}`, name);
  }

  workspace(platform: string, workspaceId: string): string | undefined {
    return this.#names.get(`${platform}/${workspaceId}`);
  }

  channel(platform: string, workspaceId: string, channelId: string): string | undefined {
    return this.#names.get(`${platform}/${workspaceId}/${channelId}`);
  }
}
