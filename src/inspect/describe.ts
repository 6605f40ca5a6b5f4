/**
 * How a signal reads for people (moderators' alerts, `check`, logs): a signal found inside an
 * attachment says what and where (`excerpt of mails/0007.eml via OCR of capture.png`); any other
 * is described by its matcher (`link to pastebin.com/abc`). Never the text.
 */
import { MATCHERS, type Language, type Signal } from '../core/index.ts';
import type { InspectionSignal } from './inspector.ts';

const DESCRIBE = new Map(MATCHERS.map((m) => [m.kind, m.describe]));

/** True for a signal found by inspecting an attachment. */
export function isInspectionSignal(signal: Signal): signal is InspectionSignal {
  return typeof (signal as Partial<InspectionSignal>).description === 'string' && typeof (signal as Partial<InspectionSignal>).attachment === 'string';
}

export function describeSignal(signal: Signal): string {
  if (isInspectionSignal(signal)) return signal.description;
  return DESCRIBE.get(signal.kind)?.(signal.rule) ?? signal.rule;
}

const ATTACHMENT_LINE = {
  fr: (names: string) => `Pièce jointe en cause : ${names}.`,
  en: (names: string) => `Attachment concerned: ${names}.`,
};

/**
 * The warning with a line naming the attachments in which leaked material was found (their file
 * names as posted, never what is inside), so the author knows which file it was; unchanged when
 * nothing was found inside an attachment.
 */
export function withAttachmentNames<W extends { body: string }>(warning: W, language: Language, signals: readonly Signal[]): W {
  const names = [...new Set(signals.filter(isInspectionSignal).filter((s) => s.material).map((s) => s.attachment))];
  if (names.length === 0) return warning;
  return { ...warning, body: `${warning.body}\n\n${ATTACHMENT_LINE[language](names.join(', '))}` };
}
