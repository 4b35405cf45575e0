import { mkdtemp, mkdir, readFile, writeFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runValidate } from '../../src/cli/run.js';
import type { Diagnostic } from '../../src/diagnostics/types.js';

/** A minimal manifest for fixture models. */
export const MANIFEST =
  'archgen: 1\nenterprise: { name: Test }\ninclude: ["*.yaml", "**/*.yaml"]\n';

/** Writes files (path → text) into a new temp folder; adds a manifest unless one is given. */
export async function writeModel(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'archgen-test-'));
  const all = { 'archgen.yaml': MANIFEST, ...files };
  for (const [name, text] of Object.entries(all)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), text);
  }
  return dir;
}

/** Validates a model folder; diagnostics have paths relative to that folder. */
export async function validateDir(dir: string): Promise<Diagnostic[]> {
  return (await runValidate(dir, { cwd: dir })).diagnostics;
}

/** A finding a fixture expects, from a `# expect: <rule-id>` comment on its line. */
export interface Marker {
  file: string;
  line: number;
  code: string;
}

/** Reads `# expect: id[, id]` markers from every YAML file under dir (paths relative to dir). */
export async function readMarkers(dir: string): Promise<Marker[]> {
  const out: Marker[] = [];
  for (const entry of await readdir(dir, { recursive: true })) {
    const name = String(entry);
    if (!/\.ya?ml$/.test(name)) continue;
    const text = await readFile(path.join(dir, name), 'utf8');
    text.split(/\r?\n/).forEach((line, i) => {
      const m = /#\s*expect:\s*([\w-]+(?:\s*,\s*[\w-]+)*)/.exec(line);
      if (!m) return;
      for (const code of m[1]!.split(','))
        out.push({ file: name.split(path.sep).join('/'), line: i + 1, code: code.trim() });
    });
  }
  return out.sort(
    (a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.code.localeCompare(b.code),
  );
}
