/** Banks for the tests: built from real texts with the real builder, through the real file format. */
import { compileEngine, parseConfigText, type Engine } from '../../src/core/index.ts';
import { emptyBank, type Bank } from '../../src/bank/bank.ts';
import { BankBuilder, type FingerprintInput } from '../../src/bank/builder.ts';
import { decodeBank, encodeBank } from '../../src/bank/format.ts';
import { addBankRules } from '../../src/bank/rules.ts';
import type { RuleEntry } from '../../src/core/index.ts';

/** A bank of `files`, written to bytes and read back as a bot would. */
export function bankOf(files: FingerprintInput[], leak = 'macronleaks'): Bank {
  const builder = new BankBuilder(emptyBank(leak, 'test bank'));
  for (const f of files) builder.addFile(f);
  return decodeBank(encodeBank(builder.finish()), 'test.bank');
}

/** An engine whose only rules are those of `bank`, for leak set `macronleaks`. */
export function engineWithBank(bank: Bank): Engine {
  const config = parseConfigText('leaks:\n  - id: macronleaks\n', 'test.yaml').config;
  const rules: Record<string, RuleEntry[]> = {};
  addBankRules(rules, bank, 'macronleaks');
  return compileEngine(config, [], rules);
}

/** A stand-in for a leaked e-mail (invented text, the shape of the 2017 dump's messages). */
export const EMAIL = `Bonjour à tous, suite à notre réunion de mardi dernier au siège, je vous transmets le
planning révisé des déplacements de la semaine prochaine. Merci de vérifier les créneaux réservés
pour Lyon et Marseille avant jeudi midi, car le prestataire doit confirmer les salles. Les notes de
frais du mois d'avril sont à envoyer à la trésorerie avec les justificatifs originaux. Pour la
soirée de samedi, la liste des invités sera arrêtée vendredi soir par l'équipe du pôle événements.
Bien cordialement, Jean-Baptiste, coordination des déplacements et de la logistique régionale.`;

export { random } from '../support/random.ts';
