/** Inspection of what is inside attachments: documents, archives, photos and screenshots. */
export {
  AttachmentInspector,
  notInspectedNote,
  shouldInspect,
  taskOptions,
  type AttachmentInspection,
  type HeldAttachment,
  type InspectContext,
  type InspectionOptions,
  type WarmUpReport,
} from './inspection.ts';
export { warmUpInspection } from './warmUp.ts';
export { withInspection, type InspectedClassification } from './merge.ts';
export { inspectMessage } from './message.ts';
export { inspectLocalFiles } from './local.ts';
export { closeProcessInspector, processInspector } from './shared.ts';
export { describeSignal, isInspectionSignal, withAttachmentNames } from './describe.ts';
export type { InspectionSignal, Inspector, InspectorId } from './inspector.ts';
export { INSPECTORS } from './inspectors/registry.ts';
export type { NotInspectedReason } from './types.ts';
