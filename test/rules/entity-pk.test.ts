import { describe, expect, it } from 'vitest';
import { ruleFixtures } from '../helpers/rule-fixtures.js';

const ID = 'entity-pk';
const { run, fixtureCases } = ruleFixtures(ID);

describe(ID, () => {
  fixtureCases();

  it('says whether the entity has attributes at all', async () => {
    const { findings } = await run('invalid/no-key');
    expect(findings.map((d) => [d.messageId, d.line])).toEqual([
      ['noPk', 6],
      ['noAttributes', 12],
      ['noPk', 14],
    ]);
    expect(findings[0]?.message).toBe(
      'entity `order` has no primary-key attribute: mark its key with `pk: true`',
    );
  });
});
