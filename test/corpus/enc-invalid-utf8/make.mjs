import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Writes a file with invalid UTF-8 (a lone 0xC3 and a 0xFF byte). */
export default async function make(dir) {
  await writeFile(path.join(dir, 'model', 'broken.yaml'), Buffer.concat([Buffer.from('businessLogic:\n  - { id: x, name: "caf'), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('" }\n')]));
}
