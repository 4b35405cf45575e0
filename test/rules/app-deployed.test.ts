import { describe, expect, it } from 'vitest';
import { ruleFixtures } from '../helpers/rule-fixtures.js';

const ID = 'app-deployed';
const { run, fixtureCases } = ruleFixtures(ID);

describe(ID, () => {
  fixtureCases();

  it('names the app and both ways to fix it', async () => {
    const { findings } = await run('invalid/not-deployed');
    expect(findings[0]).toMatchObject({
      messageId: 'notDeployed',
      severity: 'warn',
      message:
        'current app `100201` (Purchaser web) is deployed on no cluster: add `deployedOn: [<cluster id>]`, or set `lifecycle: planned` if it does not run yet',
    });
    expect(findings[1]?.pointer).toBe('/applications/1/deployedOn');
  });
});
