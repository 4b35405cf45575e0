import { describe, expect, it } from 'vitest';
import { emptyModel } from '../../src/load/merge.js';
import { buildGraph } from '../../src/model/graph.js';
import { processFlow } from '../../src/rules/process-flow.js';
import { ruleFixtures } from '../helpers/rule-fixtures.js';

const ID = 'process-flow';
const { run, fixtureCases } = ruleFixtures(ID);

describe(ID, () => {
  fixtureCases();

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
