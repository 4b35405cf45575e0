import { describe, expect, it } from 'vitest';
import { ruleFixtures } from '../helpers/rule-fixtures.js';

const ID = 'planned-delivered';
const { run, fixtureCases } = ruleFixtures(ID);

describe(ID, () => {
  fixtureCases();

  it('names the kind and id, at `lifecycle`', async () => {
    const { findings } = await run('invalid/undelivered');
    expect(findings.map((d) => [d.messageId, d.severity, d.pointer, d.message])).toEqual([
      [
        'undelivered',
        'warn',
        '/applications/0/lifecycle',
        "planned application `100101` is delivered by no roadmap work item: list it in a phase's `workItems[].delivers`",
      ],
      [
        'undelivered',
        'warn',
        '/serviceCenters/0/lifecycle',
        "planned service center `order-center` is delivered by no roadmap work item: list it in a phase's `workItems[].delivers`",
      ],
      [
        'undelivered',
        'warn',
        '/data/databases/0/lifecycle',
        "planned database `new-db` is delivered by no roadmap work item: list it in a phase's `workItems[].delivers`",
      ],
    ]);
  });
});
