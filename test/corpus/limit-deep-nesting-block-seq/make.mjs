import { writeFile, symlink, mkdir } from 'node:fs/promises';
import path from 'node:path';

/** Writes 1,000 nested block sequences on one line. */
export default async function make(dir) {
  const model = path.join(dir, 'model');
  await writeFile(path.join(model, 'deep.yaml'), 'businessLogic:\n' + '- '.repeat(1000) + 'x\n');
}
