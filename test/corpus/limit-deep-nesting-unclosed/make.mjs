import { writeFile, symlink, mkdir } from 'node:fs/promises';
import path from 'node:path';

/** Writes 10,000 opening brackets and no closing ones. */
export default async function make(dir) {
  const model = path.join(dir, 'model');
  await writeFile(path.join(model, 'deep.yaml'), 'businessLogic: ' + '['.repeat(10_000) + '\n');
}
