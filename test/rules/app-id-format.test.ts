import { describe, expect, it } from 'vitest';
import { emptyModel } from '../../src/load/merge.js';
import { buildGraph } from '../../src/model/graph.js';
import { appIdFormat } from '../../src/rules/app-id-format.js';
import type { RuleReport } from '../../src/rules/types.js';
import { ruleFixtures } from '../helpers/rule-fixtures.js';

const ID = 'app-id-format';
const { run, fixtureCases } = ruleFixtures(ID);

describe(ID, () => {
  fixtureCases();

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
