import { describe, expect, it } from 'vitest';
import { ruleFixtures } from '../helpers/rule-fixtures.js';

const ID = 'frontend-via-centers';
const { run, fixtureCases } = ruleFixtures(ID);

describe(ID, () => {
  fixtureCases();

  it('names both apps and the other line, for calls and gateway routes', async () => {
    const { findings } = await run('invalid/direct-calls');
    expect(findings.map((d) => [d.messageId, d.severity, d.pointer, d.message])).toEqual([
      [
        'direct',
        'warn',
        '/applications/0/calls/0/target',
        'front-end app `100101` calls backend app `200101` of product line `20` directly: call a service center instead',
      ],
      [
        'direct',
        'warn',
        '/applications/1/routes/0/target',
        'front-end app `100103` calls backend app `200101` of product line `20` directly: call a service center instead',
      ],
    ]);
  });
});
