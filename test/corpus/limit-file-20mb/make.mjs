import { writeFile, symlink, mkdir } from 'node:fs/promises';
import path from 'node:path';

/** Writes a 20 MB file of generated applications. */
export default async function make(dir) {
  const model = path.join(dir, 'model');
  const line = '  - { id: "109999", name: "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" }\n';
  await writeFile(path.join(model, 'huge.yaml'), 'applications:\n' + line.repeat(Math.ceil((20 * 1024 * 1024) / line.length)));
}
