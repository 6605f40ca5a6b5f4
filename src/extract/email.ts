/**
 * One e-mail (RFC 822 / MIME) parsed with mailparser: every part decoded (quoted-printable,
 * base64; charsets such as windows-1252 and ISO-8859-1), the body as text (the HTML part turned
 * to text when there is no text part), and the attachments as files.
 * @see https://nodemailer.com/extras/mailparser/#simpleparser
 */
import { simpleParser } from 'mailparser';
import { htmlToText } from './htmlText.ts';

export interface ParsedEmail {
  /** The subject and the body, as text. */
  text: string;
  attachments: { name: string; content: Buffer }[];
}

const EXTENSIONS: Record<string, string> = {
  'application/pdf': '.pdf',
  'message/rfc822': '.eml',
  'text/plain': '.txt',
  'text/html': '.html',
  'image/jpeg': '.jpg',
  'image/png': '.png',
  'application/zip': '.zip',
};

/** Parses an e-mail held in memory. Throws on input mailparser cannot read at all. */
export async function parseEmail(bytes: Buffer): Promise<ParsedEmail> {
  const mail = await simpleParser(bytes, { skipHtmlToText: true, skipImageLinks: true, skipTextToHtml: true, skipTextLinks: true });
  let body = typeof mail.text === 'string' && mail.text.trim() !== '' ? mail.text : '';
  if (body === '' && typeof mail.html === 'string') body = htmlToText(mail.html);
  const text = mail.subject ? `${mail.subject}\n\n${body}` : body;
  const attachments = mail.attachments.map((a, i) => ({
    // Names only label paths in reports; anything odd in them is harmless there.
    name: (a.filename ?? '').replace(/[/\\]/g, '_') || `attachment-${i + 1}${EXTENSIONS[a.contentType] ?? ''}`,
    content: a.content,
  }));
  return { text, attachments };
}
