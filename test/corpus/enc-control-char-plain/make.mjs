import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Writes a plain scalar holding a raw ESC (0x1b) character. */
export default async function make(dir) {
  await writeFile(path.join(dir, 'model', 'logic.yaml'), 'businessLogic:\n  - id: booking-logic\n    name: Book\u001bing\n');
}
