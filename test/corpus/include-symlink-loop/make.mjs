import { mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Links model/loop.yaml to itself. */
export default async function make(dir) {
  const model = path.join(dir, 'model');
  await symlink('loop.yaml', path.join(model, 'loop.yaml'));
}
