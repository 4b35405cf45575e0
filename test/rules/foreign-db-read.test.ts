import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/types.js';
import { readMarkers, validateDir } from '../helpers/model.js';

const ID = 'foreign-db-read';
const ROOT = fileURLToPath(new URL(`../fixtures/rules/${ID}/`, import.meta.url));
/** Load-phase codes: a fixture must load cleanly (unless it is about dropped elements). */
const PHASES = new Set(['yaml-syntax', 'schema', 'io', 'config']);

/** This rule's findings in one fixture folder, and the load-phase diagnostics. */
async function run(fixture: string): Promise<{ findings: Diagnostic[]; phase: Diagnostic[] }> {
  const all = await validateDir(path.join(ROOT, fixture));
  return {
    findings: all.filter((d) => d.code === ID),
    phase: all.filter((d) => PHASES.has(d.code)),
  };
}

const at = (d: { file: string; line: number; code: string }): string =>
  `${d.file}:${d.line} ${d.code}`;

describe(ID, () => {
  for (const kind of ['valid', 'invalid'] as const) {
    it.each(readdirSync(path.join(ROOT, kind)).sort())(`${kind}/%s`, async (name) => {
      const { findings, phase } = await run(`${kind}/${name}`);
      if (!name.startsWith('dropped-')) expect(phase).toEqual([]);
      const markers = (await readMarkers(path.join(ROOT, kind, name))).filter((m) => m.code === ID);
      expect(findings.map(at).sort()).toEqual(markers.map(at).sort());
      expect(findings.length > 0).toBe(kind === 'invalid');
    });
  }

  it('treats a use with no `access` as a read', async () => {
    const { findings } = await run('invalid/foreign-owner');
    expect(findings.map((d) => [d.messageId, d.severity, d.message])).toEqual([
      ['ownedByApp', 'warn', 'app `100101` reads database `app-db`, owned by app `200101`'],
      [
        'ownedByCenter',
        'warn',
        'app `100101` reads database `center-db`, owned by service center `order-center`, which it does not implement',
      ],
    ]);
  });
});
