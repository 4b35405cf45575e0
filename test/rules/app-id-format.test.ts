import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/types.js';
import { emptyModel } from '../../src/load/merge.js';
import { buildGraph } from '../../src/model/graph.js';
import { appIdFormat } from '../../src/rules/app-id-format.js';
import type { RuleReport } from '../../src/rules/types.js';
import { readMarkers, validateDir } from '../helpers/model.js';

const ID = 'app-id-format';
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

  it('says which part of the id is wrong', async () => {
    const { findings } = await run('invalid/undeclared');
    expect(findings.map((d) => [d.messageId, d.message])).toEqual([
      [
        'lineUndeclared',
        'app id `300101`: product line `30` (digits 1-2) is not declared in `productLines`',
      ],
      [
        'subsystemUndeclared',
        'app id `100901`: subsystem `09` (digits 3-4) is not declared in product line `10`',
      ],
      [
        'lineUndeclared',
        'app id `200301`: product line `20` (digits 1-2) is not declared in `productLines`',
      ],
    ]);
    expect(findings[0]).toMatchObject({ severity: 'error', pointer: '/applications/1/id' });
  });

  it('reports ids that are not six digits (when the schema did not already drop them)', () => {
    const model = { ...emptyModel(), applications: [{ id: '10A201' }] };
    const reports: RuleReport[] = [];
    appIdFormat.check(buildGraph(model), { report: (r) => reports.push(r) });
    expect(reports).toMatchObject([
      { messageId: 'notSixDigits', data: { id: '10A201' }, path: ['id'] },
    ]);
  });
});
