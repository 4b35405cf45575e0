import { describe, expect, it } from 'vitest';
import { ruleFixtures } from '../helpers/rule-fixtures.js';

const ID = 'include-matches';
const { run, fixtureCases } = ruleFixtures(ID);

describe(ID, () => {
  fixtureCases();

  it('warns once, at the include entry', async () => {
    const { findings } = await run('invalid/no-match');
    expect(findings).toMatchObject([
      {
        severity: 'warn',
        file: 'archgen.yaml',
        line: 5,
        pointer: '/include/1',
        message: 'include glob `data/*.yaml` matches no file',
      },
    ]);
  });
});
