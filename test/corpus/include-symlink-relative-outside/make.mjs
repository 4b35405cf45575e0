import { mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Links model/sub/leak.yaml to ../../outside/secret.yaml (relative). */
export default async function make(dir) {
  const model = path.join(dir, 'model');
  await mkdir(path.join(model, 'sub'), { recursive: true });
  await symlink('../../outside/secret.yaml', path.join(model, 'sub', 'leak.yaml'));
}
