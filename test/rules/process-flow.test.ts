import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/types.js';
import { emptyModel } from '../../src/load/merge.js';
import { buildGraph } from '../../src/model/graph.js';
import { processFlow } from '../../src/rules/process-flow.js';
import { readMarkers, validateDir } from '../helpers/model.js';

const ID = 'process-flow';
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

  it('tells no start, several starts and unreachable steps apart', async () => {
    const { findings } = await run('invalid/broken');
    expect(findings.map((d) => d.messageId)).toEqual([
      'manyStarts',
      'unreachable',
      'unreachable',
      'noStart',
    ]);
    expect(findings[0]?.message).toBe(
      'process `booking` has 2 start steps (`search`, `refund`): a flow has one start, so link the others from a step with `next`',
    );
    expect(findings[1]).toMatchObject({
      pointer: '/business/processes/1/steps/2',
      message:
        "step `remind` of process `settlement` cannot be reached from start step `invoice`: name it in an earlier step's `next`, or remove it",
    });
  });

  it('follows a long flow in linear time', () => {
    const model = emptyModel();
    const n = 200_000;
    const steps = Array.from({ length: n }, (_, i) => ({
      id: `s${i}`,
      next: i + 1 < n ? [`s${i + 1}`] : [],
    }));
    model.business.processes = [{ id: 'long', steps }];
    const found: unknown[] = [];
    processFlow.check(buildGraph(model), { report: (f) => found.push(f) });
    expect(found).toEqual([]);
  });
});
