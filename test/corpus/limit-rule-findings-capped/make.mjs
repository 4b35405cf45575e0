import { writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Writes one business logic id 1,201 times: 1,200 duplicates, 200 over the per-rule listing. */
export default async function make(dir) {
  await writeFile(
    path.join(dir, 'model', 'dup.yaml'),
    'businessLogic:\n' + '  - { id: same }\n'.repeat(1201),
  );
}
