import { describe, expect, it } from 'vitest';
import { ruleFixtures } from '../helpers/rule-fixtures.js';

const ID = 'foreign-db-write';
const { run, fixtureCases } = ruleFixtures(ID);

describe(ID, () => {
  fixtureCases();

  it('names the owner, app or center, with the owner declaration as related', async () => {
    const { findings } = await run('invalid/foreign-owner');
    expect(findings.map((d) => [d.messageId, d.severity, d.message])).toEqual([
      ['ownedByApp', 'error', 'app `100101` writes database `app-db`, owned by app `200101`'],
      [
        'ownedByCenter',
        'error',
        'app `100101` writes database `center-db`, owned by service center `order-center`, which it does not implement',
      ],
    ]);
    expect(findings[0]?.related).toMatchObject([
      { line: 16, message: '`app-db` is owned by `200101`' },
    ]);
  });
});
