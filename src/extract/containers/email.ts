/** An e-mail as a container: its body is its text, its attachments are files (opened in turn). */
import { parseEmail, type ParsedEmail } from '../email.ts';
import { ExtractError } from '../extractors/extractor.ts';
import type { Container, ContainerEntry } from './container.ts';

export const emailContainer: Container = {
  name: 'email',
  types: ['eml'],
  description: 'e-mail attachments (mailparser: every MIME part decoded)',
  input: 'memory',
  async open(input) {
    if (!('bytes' in input)) throw new Error('an e-mail is read from memory');
    let mail: ParsedEmail;
    try {
      mail = await parseEmail(input.bytes);
    } catch (err) {
      throw new ExtractError(`damaged e-mail: ${(err as Error).message}`);
    }
    async function* list(): AsyncGenerator<ContainerEntry> {
      for (const a of mail.attachments) yield { name: a.name, size: a.content.length, open: async () => a.content };
    }
    return { text: mail.text, entries: list(), close: () => undefined };
  },
};
