import { writeFile, symlink, mkdir } from 'node:fs/promises';
import path from 'node:path';

/** Writes a manifest with 1,000 nested flow maps. */
export default async function make(dir) {
  const model = path.join(dir, 'model');
  await writeFile(path.join(model, 'archgen.yaml'), 'archgen: 1\ndiagrams: ' + '{a: '.repeat(1000) + '1' + '}'.repeat(1000) + '\n');
}
