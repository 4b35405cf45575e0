import { mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Links model/physical.yaml to infra/physical.yaml. */
export default async function make(dir) {
  const model = path.join(dir, 'model');
  await symlink(path.join('infra', 'physical.yaml'), path.join(model, 'physical.yaml'));
}
