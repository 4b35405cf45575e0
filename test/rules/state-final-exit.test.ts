import { describe, expect, it } from 'vitest';
import { ruleFixtures } from '../helpers/rule-fixtures.js';

const ID = 'state-final-exit';
const { run, fixtureCases } = ruleFixtures(ID);

describe(ID, () => {
  fixtureCases();

  it('points at the `from` naming the final state, with the state related', async () => {
    const { findings } = await run('invalid/leaves-final');
    expect(findings.map((d) => d.pointer)).toEqual([
      '/data/stateMachines/0/transitions/2/from',
      '/data/stateMachines/0/transitions/3/from/1',
    ]);
    expect(findings[0]).toMatchObject({
      messageId: 'finalExit',
      severity: 'error',
      message:
        'final state `closed` of state machine `domestic-order` has an outgoing transition (to `awaiting-payment`): remove the transition, or drop `final: true`',
      related: [{ line: 22 }],
    });
  });
});
