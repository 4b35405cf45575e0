import { describe, expect, it } from 'vitest';
import { capacityPlan } from '../../src/rules/capacity-plan.js';
import { ruleFixtures } from '../helpers/rule-fixtures.js';

const ID = 'capacity-plan';
const { run, fixtureCases } = ruleFixtures(ID);

describe(ID, () => {
  fixtureCases();

  it('is off by default', () => {
    expect(capacityPlan.meta.defaultSeverity).toBe('off');
  });

  it('gives the ratio and the figure the method would use', async () => {
    const { findings } = await run('invalid/far-from-plan');
    expect(findings[1]).toMatchObject({
      messageId: 'farFromPlan',
      severity: 'warn',
      message:
        'capacity of cluster `web-cluster`: planned (40) is 5x current (8); the method uses 20x (about 160): check the figure or record why this cluster differs',
    });
  });
});
