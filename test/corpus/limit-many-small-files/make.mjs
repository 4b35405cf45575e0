import { writeFile, symlink, mkdir } from 'node:fs/promises';
import path from 'node:path';

/** Writes 300 files of one business logic each. */
export default async function make(dir) {
  const model = path.join(dir, 'model');
  await mkdir(path.join(model, 'logic'), { recursive: true });
  for (let i = 0; i < 300; i++) await writeFile(path.join(model, 'logic', 'l' + i + '.yaml'), 'businessLogic:\n  - { id: logic-' + i + ', name: Logic ' + i + ' }\n');
}
