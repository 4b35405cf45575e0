import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Writes a binary manifest. */
export default async function make(dir) {
  await writeFile(path.join(dir, 'model', 'archgen.yaml'), Buffer.from([0x61, 0x72, 0, 0x01, 0x02, 0xff]));
}
