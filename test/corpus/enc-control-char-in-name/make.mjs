import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Writes a name holding a raw BEL (0x07) character. */
export default async function make(dir) {
  await writeFile(path.join(dir, 'model', 'logic.yaml'), 'businessLogic:\n  - id: booking-logic\n    name: "Book\u0007ing"\n');
}
