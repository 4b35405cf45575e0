import { describe, expect, it } from 'vitest';
import { ruleFixtures } from '../helpers/rule-fixtures.js';

const ID = 'id-unique';
const { run, fixtureCases } = ruleFixtures(ID);

describe(ID, () => {
  fixtureCases();

  it('reports the second definition, with the first as related, across files', async () => {
    const { findings } = await run('invalid/across-files');
    const app = findings.find((d) => d.line === 5);
    expect(app).toMatchObject({
      file: 'apps-b.yaml',
      messageId: 'duplicate',
      severity: 'error',
      message: 'application id `100101` is already used by another application',
      related: [
        { file: 'apps-a.yaml', line: 4, message: 'application `100101` is first defined here' },
      ],
    });
    const third = findings.find((d) => d.line === 7);
    expect(third?.related?.[0]).toMatchObject({ file: 'apps-a.yaml', line: 4 });
    expect(findings.map((d) => d.message)).toContain(
      'product line code `10` is already used by another product line',
    );
    expect(findings.map((d) => d.message)).toContain(
      'product line id `ft` is already used by another product line',
    );
  });

  it('names the parent of nested ids', async () => {
    const { findings } = await run('invalid/nested');
    expect(findings.map((d) => d.message).sort()).toEqual([
      'attribute name `id` appears twice in entity `order`',
      'function id `today` appears twice in function module `orders`',
      'service id `create` appears twice in service center `order-center`',
      'state id `open` appears twice in state machine `order-state`',
      'step id `search` appears twice in process `booking`',
    ]);
    expect(findings.every((d) => d.messageId === 'duplicateNested')).toBe(true);
  });

  it('reports a service center and an external system sharing an id', async () => {
    const { findings } = await run('invalid/center-and-external');
    expect(findings[0]).toMatchObject({
      messageId: 'centerAndExternal',
      message:
        '`payment` is both a service center and an external system id: a call target cannot tell them apart',
      related: [{ line: 2 }],
    });
  });
});
