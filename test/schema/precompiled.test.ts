import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runInThisContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  PRECOMPILED_MODULE,
  compileValidators,
  precompiledSource,
  schemaFingerprint,
  usablePrecompiled,
  type Validators,
} from '../../src/schema/validate.js';

/**
 * The validators `npm run build` generates ahead of time must report exactly what ajv compiling
 * the schemas at run time reports (the messages are built from ajv's raw errors), and are used
 * only while they match the schemas they were generated from.
 */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const require = createRequire(import.meta.url);

/** Evaluates generated CommonJS source as a module, resolving its requires from the repo. */
function load(source: string): Record<string, unknown> {
  const mod = { exports: {} as Record<string, unknown> };
  const wrapped = runInThisContext(`(function (module, exports, require) {${source}\n})`) as (
    m: typeof mod,
    e: Record<string, unknown>,
    r: NodeJS.Require,
  ) => void;
  wrapped(mod, mod.exports, require);
  return mod.exports;
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.ya?ml$/.test(e.name))
    .map((e) => path.join(e.parentPath, e.name));
}

/** Every manifest and model file of the example model and the broken-model corpus that parses. */
function inputs(): { file: string; manifest: boolean; data: unknown }[] {
  const files = [
    ...yamlFiles(path.join(ROOT, 'model')),
    ...yamlFiles(path.join(ROOT, 'test/corpus')),
    ...yamlFiles(path.join(ROOT, 'templates/init')),
  ];
  const out: { file: string; manifest: boolean; data: unknown }[] = [];
  for (const file of files) {
    let data: unknown;
    try {
      data = parse(readFileSync(file, 'utf8'), { schema: 'core', logLevel: 'error' });
    } catch {
      continue;
    }
    out.push({ file, manifest: path.basename(file) === 'archgen.yaml', data });
  }
  return out;
}

function errorsOf(validators: Validators, which: 'manifest' | 'section', data: unknown): unknown {
  const fn = validators[which];
  return fn(data) ? [] : fn.errors;
}

describe('precompiled schema validators', () => {
  const generated = load(precompiledSource());
  const fingerprint = schemaFingerprint();
  const precompiled = usablePrecompiled(generated, fingerprint);
  const runtime = compileValidators();

  it('are generated from the current schemas', () => {
    expect(generated['fingerprint']).toBe(fingerprint);
    expect(precompiled).toBeDefined();
  });

  it('report the same raw errors as validators compiled at run time', () => {
    const all = inputs();
    expect(all.length).toBeGreaterThan(150);
    let failing = 0;
    for (const { file, manifest, data } of all) {
      for (const which of manifest ? (['manifest'] as const) : (['section', 'manifest'] as const)) {
        const want = errorsOf(runtime, which, data);
        if (Array.isArray(want) && want.length > 0) failing++;
        expect(errorsOf(precompiled!, which, data), `${which}: ${file}`).toEqual(want);
      }
    }
    // The comparison means something only if many inputs fail validation.
    expect(failing).toBeGreaterThan(50);
  });

  it('are not used when made from other schemas, or when the module is not one', () => {
    expect(usablePrecompiled(generated, 'another fingerprint')).toBeUndefined();
    expect(usablePrecompiled({ ...generated, section: undefined }, fingerprint)).toBeUndefined();
    expect(usablePrecompiled(undefined, fingerprint)).toBeUndefined();
  });

  it('are what the build wrote into dist/', () => {
    const built = path.join(ROOT, 'dist/schema', PRECOMPILED_MODULE);
    // `npm test` builds first; a bare `vitest run` may have no dist/ yet.
    if (!existsSync(path.join(ROOT, 'dist/schema/validate.js'))) return;
    expect(existsSync(built), `${built} missing: npm run build writes it`).toBe(true);
    expect((require(built) as Record<string, unknown>)['fingerprint']).toBe(fingerprint);
  });
});
