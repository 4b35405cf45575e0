import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Converts archgen.yaml, applications.yaml, physical.yaml to CRLF line endings. */
export default async function make(dir) {
  {
    const p = path.join(dir, 'model', 'archgen.yaml');
    await writeFile(p, (await readFile(p, 'utf8')).replace(/\r?\n/g, '\r\n'));
  }
  {
    const p = path.join(dir, 'model', 'applications.yaml');
    await writeFile(p, (await readFile(p, 'utf8')).replace(/\r?\n/g, '\r\n'));
  }
  {
    const p = path.join(dir, 'model', 'physical.yaml');
    await writeFile(p, (await readFile(p, 'utf8')).replace(/\r?\n/g, '\r\n'));
  }
}
