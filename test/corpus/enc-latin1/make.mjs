import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Writes a Latin-1 encoded file. */
export default async function make(dir) {
  await writeFile(path.join(dir, 'model', 'latin1.yaml'), Buffer.from('businessLogic:\n  - { id: x, name: "Caf\xe9" }\n', 'latin1'));
}
