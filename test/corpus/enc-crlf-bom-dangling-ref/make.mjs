import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Converts applications.yaml to CRLF and prepends a BOM. */
export default async function make(dir) {
  const p = path.join(dir, 'model', 'applications.yaml');
  const text = (await readFile(p, 'utf8')).replace(/\r?\n/g, '\r\n');
  await writeFile(p, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]));
}
