import { mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Links model/ext to ../outside (a folder). */
export default async function make(dir) {
  const model = path.join(dir, 'model');
  await symlink(path.join(dir, 'outside'), path.join(model, 'ext'), 'dir');
}
