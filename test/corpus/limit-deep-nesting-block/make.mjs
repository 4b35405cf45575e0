import { writeFile, symlink, mkdir } from 'node:fs/promises';
import path from 'node:path';

/** Writes 1,000 levels of nested block maps. */
export default async function make(dir) {
  const model = path.join(dir, 'model');
  let s = 'business:\n';
  for (let i = 1; i <= 1000; i++) s += ' '.repeat(i) + 'k' + i + ':\n';
  await writeFile(path.join(model, 'deep.yaml'), s);
}
