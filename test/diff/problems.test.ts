import { describe, expect, it } from 'vitest';
import { runValidate } from '../../src/cli/run.js';
import { compareProblems, locateProblems } from '../../src/diff/problems.js';
import { writeModel } from '../helpers/model.js';

/** Problems are matched by code, element and message, never by line: moving code is no news. */
async function problemsOf(files: Record<string, string>) {
  const dir = await writeModel(files);
  const r = await runValidate(dir, { cwd: dir });
  return locateProblems(r.loaded, r.diagnostics);
}

const APPS = `applications:
  - { id: "100101", name: A, calls: [{ target: "100299" }] }
  - { id: "100102", name: B }
`;

describe('compareProblems', () => {
  it('ties each problem to its element', async () => {
    const problems = await problemsOf({ 'apps.yaml': APPS });
    const broken = problems.find((p) => p.diagnostic.code === 'ref-resolves');
    expect(broken?.element).toBe('application:100101');
  });

  it('finds nothing new when the same problem moved to another line and file', async () => {
    const base = await problemsOf({ 'apps.yaml': APPS });
    const head = await problemsOf({
      'x.yaml': '# moved\n\n\n',
      'more/apps.yaml': `# comment\n${APPS.replace('  - { id: "100101"', '  - { id: "100000", name: Z }\n  - { id: "100101"')}`,
    });
    const diff = compareProblems(base, head);
    expect(diff.introduced.filter((p) => p.diagnostic.code === 'ref-resolves')).toEqual([]);
    expect(diff.fixed.filter((p) => p.diagnostic.code === 'ref-resolves')).toEqual([]);
  });

  it('reports a problem of another element as new, and the old one as fixed', async () => {
    const base = await problemsOf({ 'apps.yaml': APPS });
    const head = await problemsOf({
      'apps.yaml': APPS.replace('calls: [{ target: "100299" }] }', '}').replace(
        'name: B }',
        'name: B, calls: [{ target: "100299" }] }',
      ),
    });
    const diff = compareProblems(base, head);
    const refs = (list: typeof diff.fixed) =>
      list.filter((p) => p.diagnostic.code === 'ref-resolves').map((p) => p.element);
    expect(refs(diff.introduced)).toEqual(['application:100102']);
    expect(refs(diff.fixed)).toEqual(['application:100101']);
  });
});
