import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Prepends a UTF-8 byte-order mark to applications.yaml. */
export default async function make(dir) {
  {
    const p = path.join(dir, 'model', 'applications.yaml');
    await writeFile(p, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), await readFile(p)]));
  }
}
