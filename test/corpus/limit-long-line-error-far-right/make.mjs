import { writeFile, symlink, mkdir } from 'node:fs/promises';
import path from 'node:path';

/** Writes a flow list of 10,000 tags with a map as the last one. */
export default async function make(dir) {
  const model = path.join(dir, 'model');
  await writeFile(path.join(model, 'logic.yaml'), 'businessLogic:\n  - { id: tagged, tags: [' + 'tagx, '.repeat(10_000) + '{ bad: 1 }] }\n');
}
