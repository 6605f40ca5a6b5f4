/**
 * How a signal reads for people (moderators' alerts, `check`, logs): a signal found inside an
 * attachment says what and where (`excerpt of mails/0007.eml via OCR of capture.png`); any other
 * is described by its matcher (`link to pastebin.com/abc`). Never the text.
 */
import { MATCHERS, type Signal } from '../core/index.ts';
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
