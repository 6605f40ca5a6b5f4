/**
 * Where the OCR languages' trained data are: the npm packages `@tesseract.js-data/<code>`, installed
 * with the application, so nothing is downloaded at run time. The `4.0.0_best_int` folder holds
 * the LSTM-only integer models, the smallest and fastest for the LSTM engine used here.
 * @see https://github.com/naptha/tesseract.js/blob/master/docs/local-installation.md
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/** The folder holding `<code>.traineddata.gz`; throws a clear error when it is not installed. */
export function trainedDataFolder(code: string): string {
  let packageJson: string;
  try {
    packageJson = require.resolve(`@tesseract.js-data/${code}/package.json`);
  } catch {
    throw new Error(`OCR language "${code}" is not installed (npm package @tesseract.js-data/${code})`);
  }
  return join(dirname(packageJson), '4.0.0_best_int');
}
