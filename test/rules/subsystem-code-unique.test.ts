import { describe, expect, it } from 'vitest';
import { ruleFixtures } from '../helpers/rule-fixtures.js';

const ID = 'subsystem-code-unique';
const { run, fixtureCases } = ruleFixtures(ID);

describe(ID, () => {
  fixtureCases();

  it('names the line and the first subsystem', async () => {
    const { findings } = await run('invalid/same-line');
    expect(findings.find((d) => d.file === 'b.yaml')).toMatchObject({
      messageId: 'duplicate',
      severity: 'error',
      message: 'subsystem code `02` is already used in product line `10` by `Orders`',
      related: [{ file: 'a.yaml', line: 3, message: 'subsystem `1002` is first defined here' }],
    });
  });
});
