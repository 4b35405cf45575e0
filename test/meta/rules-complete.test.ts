import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PHASE_META, allRuleMetas } from '../../src/rules/engine.js';
import { rules } from '../../src/rules/index.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The rule ids and default severities of product.md's Validation table: fixed, users rely on them. */
const PRODUCT_RULES: Record<string, 'error' | 'warn'> = {
  'id-unique': 'error',
  'ref-resolves': 'error',
  'app-id-format': 'error',
  'subsystem-code-unique': 'error',
  'frontend-via-centers': 'warn',
  'foreign-db-write': 'error',
  'foreign-db-read': 'warn',
  'logic-duplication': 'warn',
  'entity-owner': 'error',
  'entity-pk': 'warn',
  'state-initial': 'error',
  'state-reachable': 'warn',
  'state-exit': 'warn',
  'state-final-exit': 'error',
  'sync-cycle': 'warn',
  'center-unused': 'warn',
  'capacity-order': 'error',
  'app-deployed': 'warn',
  'domain-unique': 'error',
  'domain-redirect': 'warn',
  'org-cycle': 'error',
  'process-flow': 'warn',
  'include-matches': 'warn',
  'planned-delivered': 'warn',
};

const phaseIds = new Set(PHASE_META.map((m) => m.id));
/** Rule modules plus the rules the loader reports (include-matches). */
const allRules = allRuleMetas().filter((m) => !phaseIds.has(m.id));
const read = (rel: string): string => readFileSync(path.join(ROOT, rel), 'utf8');
const cases = (rel: string): string[] =>
  existsSync(path.join(ROOT, rel))
    ? readdirSync(path.join(ROOT, rel), { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => d.name)
    : [];

describe('rules are complete', () => {
  it('registers every rule of product.md with its fixed default severity', () => {
    const registered = new Map(allRules.map((m) => [m.id, m.defaultSeverity]));
    const missing = Object.keys(PRODUCT_RULES).filter((id) => !registered.has(id));
    expect(missing, `not registered: ${missing.join(', ')}`).toEqual([]);
    for (const [id, severity] of Object.entries(PRODUCT_RULES))
      expect([id, registered.get(id)]).toEqual([id, severity]);
  });

  it('keeps the registry sorted by id, each key its rule id, in src/rules/<id>.ts', () => {
    const keys = Object.keys(rules);
    expect(keys).toEqual([...keys].sort());
    for (const [key, rule] of Object.entries(rules)) {
      expect(rule.meta.id).toBe(key);
      expect(existsSync(path.join(ROOT, `src/rules/${key}.ts`)), `src/rules/${key}.ts`).toBe(true);
      expect(key).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(Object.keys(rule.meta.messages).length).toBeGreaterThan(0);
    }
  });

  describe.each(allRules.map((m) => [m.id, m] as const))('%s', (id, meta) => {
    it('has a description', () => {
      expect(meta.description.trim().length).toBeGreaterThan(10);
    });

    it('has a test file', () => {
      expect(
        existsSync(path.join(ROOT, `test/rules/${id}.test.ts`)),
        `test/rules/${id}.test.ts`,
      ).toBe(true);
    });

    it('has valid and invalid fixture cases, each a model folder', () => {
      for (const kind of ['valid', 'invalid']) {
        const dir = `test/fixtures/rules/${id}/${kind}`;
        expect(cases(dir).length, `${dir}/<case>/`).toBeGreaterThan(0);
        for (const c of cases(dir))
          expect(
            existsSync(path.join(ROOT, dir, c, 'archgen.yaml')),
            `${dir}/${c}/archgen.yaml`,
          ).toBe(true);
      }
    });

    it('has a doc page with its severity, configuration, and bad and good examples', () => {
      const file = `docs/rules/${id}.md`;
      expect(existsSync(path.join(ROOT, file)), file).toBe(true);
      const doc = read(file);
      expect(doc).toMatch(new RegExp(`^# \`?${id}\`?`, 'm'));
      expect(doc).toMatch(/^#+ .*\b(Bad|Incorrect)\b/im);
      expect(doc).toMatch(/^#+ .*\b(Good|Correct)\b/im);
      expect(doc).toMatch(/```ya?ml/);
      expect(doc).toContain(String(meta.defaultSeverity));
      expect(doc).toContain(`${id}:`);
    });
  });
});
