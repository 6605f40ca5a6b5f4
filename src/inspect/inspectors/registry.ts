/** Every inspector, in one list: the worker runs their `examine` and the main thread their `match` in this order. */
import type { Inspector } from '../inspector.ts';
import { archiveInspector } from './archive.ts';
import { documentInspector } from './document.ts';
import { imageOcrInspector } from './imageOcr.ts';
import { imagePdqInspector } from './imagePdq.ts';

export const INSPECTORS: readonly Inspector[] = [archiveInspector, documentInspector, imagePdqInspector, imageOcrInspector];
