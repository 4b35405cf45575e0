import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Writes a binary file with NUL bytes under a .yaml name. */
export default async function make(dir) {
  await writeFile(path.join(dir, 'model', 'logo.yaml'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]));
}
