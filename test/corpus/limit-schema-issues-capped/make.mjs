import { writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Writes a list of 1,500 numbers where business logic maps belong, then a reference into it. */
export default async function make(dir) {
  await writeFile(
    path.join(dir, 'model', 'list.yaml'),
    'businessLogic:\n' + '  - 1\n'.repeat(1500) + '  - { id: kept }\n',
  );
}
