import { describe, expect, it } from 'vitest';
import { ruleFixtures } from '../helpers/rule-fixtures.js';

const ID = 'domain-redirect';
const { run, fixtureCases } = ruleFixtures(ID);

describe(ID, () => {
  fixtureCases();

  it('names the domain and its plan', async () => {
    const { findings } = await run('invalid/no-redirect');
    expect(findings[1]).toMatchObject({
      messageId: 'noRedirect',
      severity: 'warn',
      pointer: '/physical/domains/1/plan',
      message:
        'external domain `promo.example.com` is planned for `retire` but has no `redirect`: add `redirect: <new host or URL>` so existing links keep working',
    });
  });
});
