/**
 * Downloads an attachment to hash it: SHA-256 computed while streaming, with a size cap and a time
 * limit, the content never written to disk; held in memory only when asked (`keep`), for the
 * inspection of what is inside (src/inspect/). Used by both platform adapters.
 */
import { createHash } from 'node:crypto';

export interface AttachmentHashOptions {
  maxBytes: number;
  timeoutMs: number;
  /** e.g. the Slack bot token for `url_private`. */
  headers?: Record<string, string>;
  /** Size announced by the platform: a file known to be too large is not downloaded at all. */
  announcedSize?: number;
  /** Also hand back the content, held in memory (never on disk), for attachment inspection. */
  keep?: boolean;
}

export type AttachmentHashResult =
  | { ok: true; sha256: string; size: number; bytes?: Buffer }
  | { ok: false; reason: 'too-large' | 'timeout' | 'http-error' | 'network-error'; detail: string };

/** Hashes the file at `url`. Never throws. */
export async function hashAttachment(url: string, options: AttachmentHashOptions): Promise<AttachmentHashResult> {
  if (options.announcedSize !== undefined && options.announcedSize > options.maxBytes) {
    return { ok: false, reason: 'too-large', detail: `${options.announcedSize} bytes > ${options.maxBytes}` };
  }
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs);
  try {
    const response = await fetch(url, { headers: options.headers, signal: controller.signal, redirect: 'follow' });
    if (!response.ok || !response.body) {
      await response.body?.cancel().catch(() => undefined);
      return { ok: false, reason: 'http-error', detail: `HTTP ${response.status}` };
    }
    const declared = Number(response.headers.get('content-length') ?? NaN);
    if (Number.isFinite(declared) && declared > options.maxBytes) {
      await response.body.cancel().catch(() => undefined);
      return { ok: false, reason: 'too-large', detail: `${declared} bytes > ${options.maxBytes}` };
    }
    const hash = createHash('sha256');
    const chunks: Uint8Array[] | undefined = options.keep ? [] : undefined;
    let size = 0;
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > options.maxBytes) {
        await reader.cancel().catch(() => undefined);
        return { ok: false, reason: 'too-large', detail: `more than ${options.maxBytes} bytes` };
      }
      hash.update(value);
      chunks?.push(value);
    }
    return { ok: true, sha256: hash.digest('hex'), size, ...(chunks && { bytes: Buffer.concat(chunks, size) }) };
  } catch (err) {
    if (controller.signal.aborted) return { ok: false, reason: 'timeout', detail: `no complete answer in ${options.timeoutMs} ms` };
    return { ok: false, reason: 'network-error', detail: (err as Error).message };
  } finally {
    clearTimeout(timer);
  }
}
