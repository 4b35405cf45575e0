import { describe, expect, it } from 'vitest';
import { ruleFixtures } from '../helpers/rule-fixtures.js';

const ID = 'center-unused';
const { run, fixtureCases } = ruleFixtures(ID);

describe(ID, () => {
  fixtureCases();

  it('names the center', async () => {
    const { findings } = await run('invalid/no-callers');
    expect(findings[0]).toMatchObject({
      messageId: 'unused',
      severity: 'warn',
      message:
        'service center `lonely-center` is current but nothing calls it, its services or the apps implementing it',
      pointer: '/serviceCenters/1/id',
    });
  });
});
