import { writeFile, symlink, mkdir } from 'node:fs/promises';
import path from 'node:path';

/** Writes 1,000 nested flow sequences. */
export default async function make(dir) {
  const model = path.join(dir, 'model');
  await writeFile(path.join(model, 'deep.yaml'), 'businessLogic: ' + '['.repeat(1000) + ']'.repeat(1000) + '\n');
}
