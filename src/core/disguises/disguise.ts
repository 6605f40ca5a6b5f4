/**
 * A disguise family: one way people write a link so that a filter does not see it (`pastebin[.com`,
 * `pastebin dot com`, `p a s t e b i n . c o m`). Each family lives in its own file and undoes its
 * disguise in the whole text; the link finder then keeps only links whose host is a leak host, so
 * undoing a disguise in ordinary prose never makes a link of it (see `undisguise.ts`).
 */
export interface Disguise {
  /** Short name, as in the table of docs/links.md. */
  name: string;
  /** What people type (with the leak host `pastebin.com`), for the documentation and tests. */
  example: string;
  /** Quick test of whether the text may hold this disguise (not global: no `lastIndex`). */
  hint: RegExp;
  /**
   * The text with every instance undone. Patterns are fixed (never built from configuration) and
   * anchored on a single character, so undoing is linear in the length of the text.
   */
  undo(text: string): string;
}
