import { describe, expect, it } from 'vitest';
import { ruleFixtures } from '../helpers/rule-fixtures.js';

const ID = 'state-initial';
const { run, fixtureCases } = ruleFixtures(ID);

describe(ID, () => {
  fixtureCases();

  it('suggests the nearest state', async () => {
    const { findings } = await run('invalid/typo');
    expect(findings.map((d) => d.suggest)).toEqual([
      ['awaiting-payment'],
      ['requested'],
      undefined,
    ]);
    expect(findings[0]).toMatchObject({
      messageId: 'unknown',
      severity: 'error',
      pointer: '/data/stateMachines/0/initial',
      message:
        'initial state `awaiting-pay` of state machine `domestic-order` is not one of its states; did you mean `awaiting-payment`?',
    });
  });

  it('lists the states when none is near', async () => {
    const { findings } = await run('invalid/typo');
    expect(findings[2]).toMatchObject({
      messageId: 'unknownFar',
      message:
        'initial state `pending` of state machine `ticket` is not one of its states (`issued`, `voided`): name the state new instances start in',
    });
  });
});
