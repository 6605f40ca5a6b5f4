/**
 * Reads a channel's history ahead of its handling: the next pages are fetched while one is
 * classified and acted on, so that a sweep is held by the platform's rate limit rather than by
 * round trips. Each page's cursor comes from the page before, so pages are read one after another;
 * at most `depth` read pages wait to be handled.
 */
import type { HistoryPage } from '../platform/index.ts';

/** The pages from `cursor` on, in order; a failed read ends the iteration with its error. */
export async function* readAhead(read: (cursor: string | undefined) => Promise<HistoryPage>, cursor: string | undefined, depth: number): AsyncGenerator<HistoryPage> {
  const ready: HistoryPage[] = [];
  let failure: { err: unknown } | undefined;
  let finished = false;
  let stopped = false;
  let wake: (() => void) | undefined;
  let room: (() => void) | undefined;
  const signal = (which: 'wake' | 'room') => {
    const f = which === 'wake' ? wake : room;
    if (which === 'wake') wake = undefined;
    else room = undefined;
    f?.();
  };
  void (async () => {
    let next = cursor;
    try {
      for (;;) {
        while (ready.length >= depth && !stopped) await new Promise<void>((r) => (room = r));
        if (stopped) return;
        const page = await read(next);
        ready.push(page);
        signal('wake');
        if (page.next === undefined) return;
        next = page.next;
      }
    } catch (err) {
      failure = { err };
    } finally {
      finished = true;
      signal('wake');
    }
  })();
  try {
    for (;;) {
      const page = ready.shift();
      if (page) {
        signal('room');
        yield page;
        continue;
      }
      if (failure) throw failure.err;
      if (finished) return;
      await new Promise<void>((r) => (wake = r));
    }
  } finally {
    // The handler stopped early (its claim was lost, or it failed): the reader stops too.
    stopped = true;
    signal('room');
  }
}
