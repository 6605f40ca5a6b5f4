/** Reading and writing bank files. */
import { readFile, rename, writeFile } from 'node:fs/promises';
import { BankError, type Bank } from './bank.ts';
import { decodeBank, encodeBank } from './format.ts';

/** Reads and checks a bank file; throws {@link BankError} naming the file and what is wrong. */
export async function readBank(file: string): Promise<Bank> {
  let data: Buffer;
  try {
    data = await readFile(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new BankError(file, code === 'ENOENT' ? 'file not found' : `cannot be read: ${(err as Error).message}`);
  }
  return decodeBank(data, file);
}

/** Writes a bank whole: to a temporary file renamed over `file`, so a reader never sees half of it. */
export async function writeBank(file: string, bank: Bank): Promise<number> {
  const data = encodeBank(bank);
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, data);
  await rename(tmp, file);
  return data.length;
}
