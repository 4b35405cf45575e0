import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Writes 10,000 files of one business logic each: with the two the model has, one over the limit. */
export default async function make(dir) {
  const logic = path.join(dir, 'model', 'logic');
  await mkdir(logic, { recursive: true });
  const writes = [];
  for (let i = 0; i < 10_000; i++)
    writes.push(
      writeFile(path.join(logic, `l${i}.yaml`), `businessLogic:\n  - { id: logic-${i} }\n`),
    );
  await Promise.all(writes);
}
