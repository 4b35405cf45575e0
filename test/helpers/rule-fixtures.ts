import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/types.js';
import { readMarkers, validateDir } from './model.js';

/** Load-phase codes: a fixture must load cleanly, or its elements would be silently dropped. */
const PHASES = new Set(['yaml-syntax', 'schema', 'io', 'config']);

/** A rule's findings in one fixture folder, and the load-phase diagnostics beside them. */
export interface FixtureRun {
  findings: Diagnostic[];
  phase: Diagnostic[];
}

/**
 * The fixtures of one rule, in test/fixtures/rules/<id>/{valid,invalid}/<case>/: `run` validates
 * one case; `fixtureCases` registers one test per case asserting that the rule's findings are
 * exactly the `# expect: <id>` markers (none in valid cases, some in invalid ones). Cases named
 * `dropped-*` are about elements the schema removed, so they may carry load-phase findings.
 */
export function ruleFixtures(id: string): {
  root: string;
  run: (fixture: string) => Promise<FixtureRun>;
  fixtureCases: () => void;
} {
  const root = fileURLToPath(new URL(`../fixtures/rules/${id}/`, import.meta.url));
  const run = async (fixture: string): Promise<FixtureRun> => {
    const all = await validateDir(path.join(root, fixture));
    return {
      findings: all.filter((d) => d.code === id),
      phase: all.filter((d) => PHASES.has(d.code)),
    };
  };
  const fixtureCases = (): void => {
    for (const kind of ['valid', 'invalid'] as const) {
      it.each(readdirSync(path.join(root, kind)).sort())(`${kind}/%s`, async (name) => {
        const { findings, phase } = await run(`${kind}/${name}`);
        if (!name.startsWith('dropped-')) expect(phase).toEqual([]);
        const markers = (await readMarkers(path.join(root, kind, name))).filter(
          (m) => m.code === id,
        );
        const got = new Set(findings.map((d) => `${d.file}:${d.line} ${d.code}`));
        expect(got).toEqual(new Set(markers.map((m) => `${m.file}:${m.line} ${m.code}`)));
        expect(got.size > 0).toBe(kind === 'invalid');
      });
    }
  };
  return { root, run, fixtureCases };
}
