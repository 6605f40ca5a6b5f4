/**
 * Adds what inspection found to a message's classification: signals found inside attachments
 * count like any other (a leaked excerpt in a screenshot makes the message a `share`), and files
 * not inspected are listed as notes (`not inspected: busy (capture.png)`).
 */
import type { Classification, Verdict } from '../core/index.ts';
import type { InspectionSignal } from './inspector.ts';
import { notInspectedNote, type AttachmentInspection } from './inspection.ts';

export interface InspectedClassification extends Classification {
  /** Signals found inside attachments (also in `signals`). */
  inspection: InspectionSignal[];
  /** `not inspected: <reason> (<file>)`, one per file not inspected. */
  notes: string[];
}

export function withInspection(classification: Classification, inspections: readonly AttachmentInspection[]): InspectedClassification {
  const signals = [...classification.signals];
  const leaks = [...classification.leaks];
  const inspection: InspectionSignal[] = [];
  const notes: string[] = [];
  let verdict: Verdict = classification.verdict;
  for (const found of inspections) {
    for (const s of found.signals) {
      inspection.push(s);
      signals.push(s);
      if (s.material) verdict = 'share';
      else if (verdict === 'none') verdict = 'mention';
      if (!leaks.includes(s.leak)) leaks.push(s.leak);
    }
    for (const item of found.notInspected) notes.push(notInspectedNote(item));
  }
  return { ...classification, verdict, leaks, signals, inspection, notes };
}
