import { describe, expect, it } from 'vitest';
import { ruleFixtures } from '../helpers/rule-fixtures.js';

const ID = 'state-reachable';
const { run, fixtureCases } = ruleFixtures(ID);

describe(ID, () => {
  fixtureCases();

  it('names the state, the machine and the initial state', async () => {
    const { findings } = await run('invalid/unreachable');
    expect(findings[0]).toMatchObject({
      messageId: 'unreachable',
      severity: 'warn',
      pointer: '/data/stateMachines/0/states/3/id',
      message:
        'state `escalated` of state machine `refund` cannot be reached from initial state `requested`: add a transition to it, or remove it',
    });
  });
});
