import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Inserts a NUL byte into a name in physical.yaml. */
export default async function make(dir) {
  const p = path.join(dir, 'model', 'physical.yaml');
  await writeFile(p, (await readFile(p, 'utf8')).replace('Shanghai', 'Shang\u0000hai'));
}
