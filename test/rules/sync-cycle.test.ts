import { describe, expect, it } from 'vitest';
import { emptyModel } from '../../src/load/merge.js';
import { buildGraph } from '../../src/model/graph.js';
import { MAX_CYCLES, syncCycle } from '../../src/rules/sync-cycle.js';
import type { RuleReport } from '../../src/rules/types.js';
import { ruleFixtures } from '../helpers/rule-fixtures.js';

const ID = 'sync-cycle';
const { run, fixtureCases } = ruleFixtures(ID);

describe(ID, () => {
  fixtureCases();

  it('shows the path, centers with the app they land on, and the other call sites', async () => {
    const { findings } = await run('invalid/through-center');
    expect(findings).toMatchObject([
      {
        messageId: 'cycle',
        severity: 'warn',
        message: 'cycle of synchronous calls: 100101 → order-center (200101) → 100101',
        pointer: '/applications/0/calls/0/target',
        related: [{ line: 9, message: '`200101` calls 100101 here' }],
      },
    ]);
  });

  it('reports each elementary cycle once, from its smallest app id', async () => {
    const { findings } = await run('invalid/several');
    expect(findings.map((d) => d.message).sort()).toEqual([
      'cycle of synchronous calls: 100101 → 100102 → 100101',
      'cycle of synchronous calls: 100101 → 100103 → 100104 → 100101',
      'cycle of synchronous calls: 100105 → self-center.ping (100105)',
    ]);
  });

  /** Every app calls every other app synchronously. */
  function complete(n: number): RuleReport[] {
    const ids = Array.from({ length: n }, (_, i) => `1001${String(i + 1).padStart(2, '0')}`);
    const applications = ids.map((id) => ({
      id,
      calls: ids.filter((t) => t !== id).map((target) => ({ target })),
    }));
    const reports: RuleReport[] = [];
    syncCycle.check(buildGraph({ ...emptyModel(), applications }), {
      report: (r) => reports.push(r),
    });
    return reports;
  }

  it('finds every elementary cycle of a dense graph exactly once (Johnson)', () => {
    // K4: 6 two-cycles + 8 three-cycles + 6 four-cycles
    const reports = complete(4);
    expect(reports).toHaveLength(20);
    expect(new Set(reports.map((r) => r.data?.path)).size).toBe(20);
    for (const r of reports) {
      const ids = String(r.data?.path).split(' → ');
      expect(ids[0]).toBe([...ids].sort()[0]);
    }
  });

  it(`stops after ${MAX_CYCLES} cycles and says so`, () => {
    const reports = complete(8); // thousands of cycles
    expect(reports).toHaveLength(MAX_CYCLES + 1);
    expect(reports.at(-1)).toMatchObject({ messageId: 'truncated', data: { max: MAX_CYCLES } });
  });
});
