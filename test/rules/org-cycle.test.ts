import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/types.js';
import { emptyModel } from '../../src/load/merge.js';
import { buildGraph } from '../../src/model/graph.js';
import { orgCycle } from '../../src/rules/org-cycle.js';
import { readMarkers, validateDir } from '../helpers/model.js';

const ID = 'org-cycle';
const ROOT = fileURLToPath(new URL(`../fixtures/rules/${ID}/`, import.meta.url));
/** Phase codes: a fixture must load cleanly, or its elements would be silently dropped. */
const PHASES = new Set(['yaml-syntax', 'schema', 'io', 'config']);

/** This rule's findings in one fixture folder, and every diagnostic of load-phase codes. */
async function run(fixture: string): Promise<{ findings: Diagnostic[]; phase: Diagnostic[] }> {
  const all = await validateDir(path.join(ROOT, fixture));
  return {
    findings: all.filter((d) => d.code === ID),
    phase: all.filter((d) => PHASES.has(d.code)),
  };
}

describe(ID, () => {
  for (const kind of ['valid', 'invalid'] as const) {
    it.each(readdirSync(path.join(ROOT, kind)).sort())(`${kind}/%s`, async (name) => {
      const { findings, phase } = await run(`${kind}/${name}`);
      expect(phase).toEqual([]);
      const markers = (await readMarkers(path.join(ROOT, kind, name))).filter((m) => m.code === ID);
      const got = new Set(findings.map((d) => `${d.file}:${d.line} ${d.code}`));
      expect(got).toEqual(new Set(markers.map((m) => `${m.file}:${m.line} ${m.code}`)));
      expect(got.size > 0).toBe(kind === 'invalid');
    });
  }

  it('reports each cycle once, listing its members', async () => {
    const { findings } = await run('invalid/cycles');
    expect(findings[0]).toMatchObject({
      messageId: 'cycle',
      severity: 'error',
      message:
        'org units form a parent cycle: `rd` -> `platform-team` -> `order-team` -> `rd` (each arrow points to the parent); the organisation chart must be a tree, so change one of these `parent` links',
      related: [{ line: 7 }, { line: 8 }],
    });
    expect(findings.map((d) => d.message.split(' (')[0])).toEqual([
      'org units form a parent cycle: `rd` -> `platform-team` -> `order-team` -> `rd`',
      'org units form a parent cycle: `sales` -> `sales`',
      'org units form a parent cycle: `finance` -> `accounting` -> `finance`',
    ]);
  });

  it('walks a long chain in linear time', () => {
    const model = emptyModel();
    const n = 200_000;
    model.business.orgUnits = Array.from({ length: n }, (_, i) => ({
      id: `u${i}`,
      parent: `u${(i + 1) % n}`,
    }));
    const found: unknown[] = [];
    orgCycle.check(buildGraph(model), { report: (f) => found.push(f) });
    expect(found).toHaveLength(1);
  });
});
