import { describe, expect, it } from 'vitest';
import { ruleFixtures } from '../helpers/rule-fixtures.js';

const ID = 'foreign-db-read';
const { run, fixtureCases } = ruleFixtures(ID);

describe(ID, () => {
  fixtureCases();

  it('treats a use with no `access` as a read', async () => {
    const { findings } = await run('invalid/foreign-owner');
    expect(findings.map((d) => [d.messageId, d.severity, d.message])).toEqual([
      ['ownedByApp', 'warn', 'app `100101` reads database `app-db`, owned by app `200101`'],
      [
        'ownedByCenter',
        'warn',
        'app `100101` reads database `center-db`, owned by service center `order-center`, which it does not implement',
      ],
    ]);
  });
});
