import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Replaces a name in physical.yaml with a Latin-1 encoded one. */
export default async function make(dir) {
  const p = path.join(dir, 'model', 'physical.yaml');
  const text = await readFile(p, 'utf8');
  await writeFile(p, Buffer.from(text.replace('name: Web,', 'name: Caf\u00e9,'), 'latin1'));
}
