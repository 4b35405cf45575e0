import { mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Links model/leak.yaml to ../outside/secret.yaml. */
export default async function make(dir) {
  const model = path.join(dir, 'model');
  await symlink(path.join(dir, 'outside', 'secret.yaml'), path.join(model, 'leak.yaml'));
}
