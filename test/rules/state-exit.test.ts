import { describe, expect, it } from 'vitest';
import { ruleFixtures } from '../helpers/rule-fixtures.js';

const ID = 'state-exit';
const { run, fixtureCases } = ruleFixtures(ID);

describe(ID, () => {
  fixtureCases();

  it('names the stuck state and how to fix it', async () => {
    const { findings } = await run('invalid/stuck');
    expect(findings[0]).toMatchObject({
      messageId: 'noExit',
      severity: 'warn',
      pointer: '/data/stateMachines/0/states/1/id',
      message:
        'state `paid` of state machine `domestic-order` has no outgoing transition: add one, or mark it `final: true` if instances end there',
    });
  });
});
