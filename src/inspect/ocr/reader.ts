/**
 * Reads the text of an image with tesseract.js, in the worker thread that calls it. One tesseract
 * worker is kept per thread and per language list (loading the models costs about half a second;
 * reading a screenshot then about a third of one). The image arrives as bytes and leaves as text
 * in memory: tesseract.js gets `cacheMethod: 'none'`, so it neither downloads nor writes anything.
 * @see https://github.com/naptha/tesseract.js/blob/master/docs/api.md#create-worker
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { createWorker, OEM, PSM, type Worker } from 'tesseract.js';
import { trainedDataFolder } from './languages.ts';

let current: { key: string; worker: Promise<Worker> } | undefined;

/**
 * A tesseract worker for `languages`. tesseract.js reads every language from one `langPath`, while
 * each language is its own package: the first is loaded from its package's folder, the others are
 * written into tesseract's in-memory file system and the worker re-initialised with all of them.
 * `langs` is passed as an array that we extend, so that tesseract.js counts those as loaded.
 */
async function startWorker(languages: readonly string[]): Promise<Worker> {
  const [first, ...others] = languages;
  if (first === undefined) throw new Error('no OCR language');
  const loaded = [first];
  const worker = await createWorker(loaded, OEM.LSTM_ONLY, {
    langPath: trainedDataFolder(first),
    cacheMethod: 'none',
    gzip: true,
    // Without a handler tesseract.js throws a job's error out of its message listener, which
    // would end this thread; with one, the job's promise rejects and the file is reported.
    errorHandler: () => undefined,
  });
  if (others.length > 0) {
    for (const code of others) {
      const data = gunzipSync(await readFile(join(trainedDataFolder(code), `${code}.traineddata.gz`)));
      await worker.FS('writeFile', [`${code}.traineddata`, data]);
      loaded.push(code);
    }
    await worker.reinitialize(languages.join('+'), OEM.LSTM_ONLY);
  }
  // A screenshot is a page of blocks of text: let tesseract find them.
  await worker.setParameters({ tessedit_pageseg_mode: PSM.AUTO });
  return worker;
}

function workerFor(languages: readonly string[]): Promise<Worker> {
  const key = languages.join('+');
  if (current?.key !== key) {
    const previous = current;
    current = { key, worker: startWorker(languages) };
    void previous?.worker.then((w) => w.terminate()).catch(() => undefined);
    // A worker that failed to start is not kept: the next image tries again.
    current.worker.catch(() => {
      if (current?.key === key) current = undefined;
    });
  }
  return current.worker;
}

export interface OcrReading {
  text: string;
  /** Tesseract's mean confidence, 0..100. */
  confidence: number;
}

/** Reads the text of an image (PNG, JPEG, …, already prepared by `prepareForOcr`). */
export async function readText(image: Buffer, languages: readonly string[]): Promise<OcrReading> {
  const worker = await workerFor(languages);
  const { data } = await worker.recognize(image);
  return { text: data.text, confidence: data.confidence };
}

/** Ends this thread's tesseract worker (tests and shutdown). */
export async function stopReader(): Promise<void> {
  const worker = current?.worker;
  current = undefined;
  await worker?.then((w) => w.terminate()).catch(() => undefined);
}

/** Loads the models now, so that the first image is not slowed down. */
export async function warmUpReader(languages: readonly string[]): Promise<void> {
  await workerFor(languages);
}

/** The languages of this thread's tesseract worker once it has started (none before). */
export function loadedLanguages(): string[] {
  return current?.key.split('+') ?? [];
}
