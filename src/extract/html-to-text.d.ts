// html-to-text ships no types and @types/html-to-text is not installed: only what htmlText.ts uses.
declare module 'html-to-text' {
  export function convert(html: string, options?: Record<string, unknown>): string;
}
