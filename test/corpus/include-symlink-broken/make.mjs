import { mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Links model/gone.yaml to a file that does not exist. */
export default async function make(dir) {
  const model = path.join(dir, 'model');
  await symlink(path.join(model, 'nothing-here.yaml'), path.join(model, 'gone.yaml'));
}
