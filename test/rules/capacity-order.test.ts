import { describe, expect, it } from 'vitest';
import { ruleFixtures } from '../helpers/rule-fixtures.js';

const ID = 'capacity-order';
const { run, fixtureCases } = ruleFixtures(ID);

describe(ID, () => {
  fixtureCases();

  it('says which pair is out of order', async () => {
    const { findings } = await run('invalid/out-of-order');
    expect(findings.map((d) => d.message)).toEqual([
      'capacity of cluster `web-cluster`: designed (40) is below implemented (60); expected current <= implemented <= designed <= planned',
      'capacity of cluster `soa-cluster`: designed (10) is below current (20); expected current <= implemented <= designed <= planned',
      'capacity of cluster `soa-cluster`: planned (5) is below designed (10); expected current <= implemented <= designed <= planned',
    ]);
    expect(findings[0]).toMatchObject({
      messageId: 'outOfOrder',
      severity: 'error',
      related: [{ line: 8 }],
    });
  });
});
