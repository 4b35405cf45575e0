import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Converts applications.yaml to CR-only line endings. */
export default async function make(dir) {
  const p = path.join(dir, 'model', 'applications.yaml');
  await writeFile(p, (await readFile(p, 'utf8')).replace(/\n/g, '\r'));
}
