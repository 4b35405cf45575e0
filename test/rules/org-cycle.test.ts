import { describe, expect, it } from 'vitest';
import { emptyModel } from '../../src/load/merge.js';
import { buildGraph } from '../../src/model/graph.js';
import { orgCycle } from '../../src/rules/org-cycle.js';
import { ruleFixtures } from '../helpers/rule-fixtures.js';

const ID = 'org-cycle';
const { run, fixtureCases } = ruleFixtures(ID);

describe(ID, () => {
  fixtureCases();

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
