import { writeFile, symlink, mkdir } from 'node:fs/promises';
import path from 'node:path';

/** Writes a 20 MB manifest (a huge comment after the version). */
export default async function make(dir) {
  const model = path.join(dir, 'model');
  await writeFile(path.join(model, 'archgen.yaml'), 'archgen: 1\n' + ('# ' + 'y'.repeat(98) + '\n').repeat(210_000));
}
