import { writeFile, symlink, mkdir } from 'node:fs/promises';
import path from 'node:path';

/** Writes a 1 MB name followed by an unknown key. */
export default async function make(dir) {
  const model = path.join(dir, 'model');
  await writeFile(path.join(model, 'logic.yaml'), 'businessLogic:\n  - id: big\n    name: ' + 'n'.repeat(1024 * 1024) + '\n    nmae: dup\n');
}
