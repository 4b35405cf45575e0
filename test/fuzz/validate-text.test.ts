import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BASE_FILES,
  FUZZ_SEED,
  FuzzModel,
  anyYamlText,
  fuzzRuns,
  invariantViolations,
} from './arbitraries.js';

/**
 * Arbitrary YAML text, as a section file or as the manifest, validated through the CLI: the run
 * never throws, exits 0/1/2, prints a json report, and every position is 1-based and inside its
 * file. Fixed seed; `ARCHGEN_FUZZ_RUNS=5000` (and `ARCHGEN_FUZZ_SEED`) for a long run.
 */
const RUNS = fuzzRuns(500);

describe('fuzz: validate on arbitrary YAML text', () => {
  let model: FuzzModel;
  beforeAll(async () => {
    model = await FuzzModel.create(BASE_FILES);
  });
  afterAll(async () => {
    await model.dispose();
  });

  it(
    `keeps its invariants (${RUNS} runs)`,
    async () => {
      await fc.assert(
        fc.asyncProperty(
          anyYamlText,
          fc.constantFrom('extra.yaml', 'archgen.yaml', 'physical.yaml'),
          async (text, file) => {
            const { run, lines } = await model.validate({ [file]: text });
            expect(invariantViolations(run, lines)).toEqual([]);
          },
        ),
        { seed: FUZZ_SEED, numRuns: RUNS, timeout: 10_000 },
      );
    },
    Math.max(60_000, RUNS * 500),
  );

  it(
    'refuses text as bytes: BOM, CRLF and lone CR give the same findings at the same places',
    async () => {
      await fc.assert(
        fc.asyncProperty(anyYamlText, async (text) => {
          const lf = text.replace(/\r\n?/g, '\n');
          const plain = (await model.validate({ 'extra.yaml': lf })).run;
          for (const variant of [
            '\uFEFF' + lf,
            lf.replace(/\n/g, '\r\n'),
            lf.replace(/\n/g, '\r'),
          ]) {
            const { run, lines } = await model.validate({ 'extra.yaml': variant });
            expect(invariantViolations(run, lines)).toEqual([]);
            expect(run.code).toBe(plain.code);
            expect(summary(run.stdout)).toEqual(summary(plain.stdout));
          }
        }),
        { seed: FUZZ_SEED, numRuns: Math.ceil(RUNS / 3), timeout: 10_000 },
      );
    },
    Math.max(60_000, RUNS * 1000),
  );
});

/** Code and position of each diagnostic, the parts a line-ending change must not move. */
function summary(stdout: string): string[] {
  const report = JSON.parse(stdout) as {
    diagnostics: { code: string; file: string; line: number; column: number }[];
  };
  return report.diagnostics.map((d) => `${d.code} ${d.file}:${d.line}:${d.column}`).sort();
}
