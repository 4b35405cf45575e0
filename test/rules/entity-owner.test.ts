import { describe, expect, it } from 'vitest';
import { ruleFixtures } from '../helpers/rule-fixtures.js';

const ID = 'entity-owner';
const { run, fixtureCases } = ruleFixtures(ID);

describe(ID, () => {
  fixtureCases();

  it('reports a differing database owner at the entity, with the database related', async () => {
    const { findings } = await run('invalid/differs');
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      messageId: 'differs',
      severity: 'error',
      file: 'data/entities.yaml',
      message:
        'entity `order` is owned by `order-center`, but database `settlement-db` holding it is owned by `settlement-center`: move the entity or fix one of the owners',
      related: [{ file: 'data/databases.yaml', line: 9 }],
    });
  });

  it('proposes the owner of the database holding an unowned entity', async () => {
    const { findings } = await run('invalid/missing');
    expect(findings.map((d) => d.messageId)).toEqual(['missing', 'missingHeld']);
    expect(findings[1]).toMatchObject({ suggest: ['order-center'], related: [{ line: 11 }] });
  });
});
