import { describe, expect, it } from 'vitest';
import { ruleFixtures } from '../helpers/rule-fixtures.js';

const ID = 'logic-duplication';
const { run, fixtureCases } = ruleFixtures(ID);

describe(ID, () => {
  fixtureCases();

  it('gives one finding per logic, listing the apps, each app place related', async () => {
    const { findings } = await run('invalid/several-apps');
    expect(findings.map((d) => [d.messageId, d.severity, d.message])).toEqual([
      [
        'duplicated',
        'warn',
        'business logic `booking-logic` is implemented by 2 apps: 100101, 100102; implement it once, in a service center',
      ],
      [
        'duplicated',
        'warn',
        'business logic `refund-logic` is implemented by 2 apps: 100102, 200101; implement it once, in a service center',
      ],
    ]);
    expect(findings[0]?.related?.map((r) => r.message)).toEqual([
      'implemented by app `100101`',
      'implemented by app `100102`',
    ]);
  });
});
