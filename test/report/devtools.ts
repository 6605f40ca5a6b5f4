/**
 * A page in headless Chromium driven over the DevTools protocol (the `ws` package, no browser
 * library): lays a file out at a given width, as printed or on screen, and evaluates an expression
 * in it. Used to check the HTML report's layout the way a browser really computes it.
 * @see https://chromedevtools.github.io/devtools-protocol/
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import WebSocket from 'ws';
import { ensureChromium } from '../store/chromium.ts';

export interface LayoutOptions {
  /** CSS pixels; A4 less 15 mm margins is 680. */
  width: number;
  media: 'print' | 'screen';
}

/** Opens `url` in a fresh headless Chromium at `options`, returns the value of `expression`. */
export async function evaluateInPage<T>(url: string, options: LayoutOptions, expression: string): Promise<T> {
  const binary = ensureChromium();
  const profile = await mkdtemp(join(tmpdir(), 'bg-devtools-'));
  const browser = spawn(binary, ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--remote-debugging-port=0', `--user-data-dir=${profile}`, 'about:blank'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  try {
    const endpoint = await new Promise<string>((resolve, reject) => {
      const lines = createInterface({ input: browser.stderr! });
      lines.on('line', (line) => {
        const found = /DevTools listening on (ws:\/\/\S+)/.exec(line);
        if (found) resolve(found[1]!);
      });
      browser.once('exit', (code) => reject(new Error(`chromium exited (${code}) before listening`)));
    });
    const ws = new WebSocket(endpoint);
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    const cdp = protocol(ws);
    try {
      const { targetId } = await cdp.send<{ targetId: string }>('Target.createTarget', { url: 'about:blank' });
      const { sessionId } = await cdp.send<{ sessionId: string }>('Target.attachToTarget', { targetId, flatten: true });
      const page = <R>(method: string, params: object = {}) => cdp.send<R>(method, params, sessionId);
      await page('Page.enable');
      await page('Emulation.setEmulatedMedia', { media: options.media });
      // Paper has no scrollbar: without this, the page would be laid out 15 px narrower.
      await page('Emulation.setScrollbarsHidden', { hidden: true });
      await page('Emulation.setDeviceMetricsOverride', { width: options.width, height: 1100, deviceScaleFactor: 1, mobile: false });
      const loaded = cdp.next('Page.loadEventFired', sessionId);
      await page('Page.navigate', { url });
      await loaded;
      const result = await page<{ result: { value: T }; exceptionDetails?: { text: string } }>('Runtime.evaluate', { expression, returnByValue: true });
      if (result.exceptionDetails) throw new Error(`evaluation failed: ${result.exceptionDetails.text}`);
      return result.result.value;
    } finally {
      ws.close();
    }
  } finally {
    browser.kill('SIGKILL');
    await new Promise((r) => (browser.exitCode !== null || browser.signalCode !== null ? r(undefined) : browser.once('exit', r)));
    await rm(profile, { recursive: true, force: true });
  }
}

function protocol(ws: WebSocket) {
  let id = 0;
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  const events: { method: string; sessionId: string | undefined; resolve: () => void }[] = [];
  ws.on('message', (data) => {
    const message = JSON.parse(data.toString()) as { id?: number; result?: unknown; error?: { message: string }; method?: string; sessionId?: string };
    if (message.id !== undefined) {
      const w = waiting.get(message.id);
      waiting.delete(message.id);
      if (message.error) w?.reject(new Error(message.error.message));
      else w?.resolve(message.result);
    } else if (message.method !== undefined) {
      const i = events.findIndex((e) => e.method === message.method && e.sessionId === message.sessionId);
      if (i >= 0) events.splice(i, 1)[0]!.resolve();
    }
  });
  return {
    send<R>(method: string, params: object = {}, sessionId?: string): Promise<R> {
      id += 1;
      ws.send(JSON.stringify({ id, method, params, ...(sessionId !== undefined && { sessionId }) }));
      return new Promise<R>((resolve, reject) => waiting.set(id, { resolve: (v) => resolve(v as R), reject }));
    },
    /** Resolves on the next event `method` of the session. */
    next(method: string, sessionId?: string): Promise<void> {
      return new Promise((resolve) => events.push({ method, sessionId, resolve }));
    },
  };
}
