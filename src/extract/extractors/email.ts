/** E-mails (.eml): subject and body text; attachments are opened by the e-mail container. */
import { parseEmail } from '../email.ts';
import { capText, ExtractError, type Extractor } from './extractor.ts';

export const emailExtractor: Extractor = {
  name: 'email',
  types: ['eml'],
  description: 'e-mail subject and body (mailparser: quoted-printable, base64, any charset; HTML-only mail turned to text)',
  async extractText(bytes, limits) {
    try {
      return capText((await parseEmail(bytes)).text, limits);
    } catch (err) {
      throw new ExtractError(`damaged e-mail: ${(err as Error).message}`);
    }
  },
};
