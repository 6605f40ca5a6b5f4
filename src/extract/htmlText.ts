/**
 * HTML to plain text with html-to-text (the converter mailparser itself uses for HTML-only
 * mail), so a pasted excerpt reads the same whether it came from a web page or an e-mail.
 * @see https://github.com/html-to-text/node-html-to-text#options
 */
import { convert } from 'html-to-text';

const OPTIONS = {
  wordwrap: false as const,
  selectors: [
    { selector: 'a', options: { ignoreHref: true } },
    { selector: 'img', format: 'skip' },
  ],
};

/** The visible text of an HTML document or fragment. */
export function htmlToText(html: string): string {
  return convert(html, OPTIONS);
}
