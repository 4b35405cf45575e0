import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Writes a UTF-16 LE file with a BOM. */
export default async function make(dir) {
  await writeFile(path.join(dir, 'model', 'utf16.yaml'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('businessLogic: []\n', 'utf16le')]));
}
