import { describe, expect, it } from 'vitest';
import { ruleFixtures } from '../helpers/rule-fixtures.js';

const ID = 'domain-unique';
const { run, fixtureCases } = ruleFixtures(ID);

describe(ID, () => {
  fixtureCases();

  it('reports each repeat at its entry, with the first entry related', async () => {
    const { findings } = await run('invalid/duplicates');
    expect(findings).toHaveLength(3);
    expect(findings[0]).toMatchObject({
      messageId: 'duplicate',
      severity: 'error',
      file: '2-more-domains.yaml',
      message:
        'host `B2B.Example.com` appears twice in the domain inventory: keep one entry and merge the details of both',
      related: [{ file: '1-physical.yaml', line: 5 }],
    });
    expect(findings[1]?.message).toContain('address `10.0.0.5:32677`');
  });
});
