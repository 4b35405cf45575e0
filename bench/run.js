// archgen benchmarks (quality.md "Speed targets"). Run with `npm run bench` (builds first):
//
//   npm run bench                      everything (~10 min on 2 cores)
//   npm run bench -- --quick           fewer runs; skips L, the mermaid-cli baselines and M's cold render
//   npm run bench -- --only validate   one section (comma list): parse, validate, rules, diagrams,
//                                      baselines, render, render-m, diff
//
// Prints a table (median, min, max, ratio against a baseline measured in the same run, target,
// met?) and writes bench/results/latest.json. Figures on a shared 2-core machine are noisy: read
// the ratios, not the absolute numbers. Never part of `npm test`.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import jsYaml from 'js-yaml';
import { LineCounter, parseDocument } from 'yaml';
import { writeModel } from './generate.js';
import {
  archgenRender,
  cacheOver,
  copyWithOneAppRenamed,
  floorPage,
  mmdcPerDiagram,
  modelDiagrams,
  renderMermaidInOneBrowser,
  tempDir,
} from './lib/diagrams.js';
import {
  clearProgress,
  fmtMs,
  fmtValue,
  hasGnuTime,
  median,
  now,
  progress,
  repeat,
  spawnTimed,
  sum,
  table,
} from './lib/measure.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BENCH = path.join(ROOT, 'bench');
const MODELS = path.join(BENCH, 'models');
const EXAMPLE = path.join(ROOT, 'model');
const CLI = path.join(ROOT, 'bin', 'archgen.js');
const MMDC = path.join(ROOT, 'node_modules', '.bin', 'mmdc');
const SECTIONS = [
  'parse',
  'validate',
  'rules',
  'diagrams',
  'baselines',
  'render',
  'render-m',
  'diff',
];

// ---------------------------------------------------------------- options

function parseArgs(argv) {
  const opts = { quick: false, only: /** @type {Set<string> | undefined} */ (undefined) };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--quick') opts.quick = true;
    else if (a === '--only' || a.startsWith('--only=')) {
      const v = a === '--only' ? argv[++i] : a.slice('--only='.length);
      if (!v) usage('--only needs a section name');
      opts.only = new Set(
        v
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
      );
      for (const s of opts.only) if (!SECTIONS.includes(s)) usage(`unknown section "${s}"`);
    } else if (a === '-h' || a === '--help') usage();
    else usage(`unknown option ${a}`);
  }
  return opts;
}

function usage(problem) {
  if (problem) console.error(`bench: ${problem}`);
  console.error(`usage: node bench/run.js [--quick] [--only ${SECTIONS.join('|')}[,...]]`);
  process.exit(problem ? 2 : 0);
}

const opts = parseArgs(process.argv.slice(2));
const wants = (s) => !opts.only || opts.only.has(s);

/** Warm-ups and runs per measurement, full and --quick. */
const PLAN = opts.quick
  ? {
      parse: { warmup: 1, runs: 2 },
      cli: { S: { warmup: 1, runs: 3 }, M: { warmup: 1, runs: 2 } },
      inproc: { S: 2, M: 1 },
      rules: { size: 'M', runs: 3 },
      diagrams: { warmup: 0, runs: 1 },
      warm: 2,
      changed: 1,
      render: { cold: 1, warm: 1 },
      renderM: { cold: 0, warm: 1 },
      diff: { warmup: 0, runs: 1 },
      baselines: false,
      baselineRuns: 0,
      sizes: ['S', 'M'],
    }
  : {
      parse: { warmup: 1, runs: 3 },
      cli: { S: { warmup: 1, runs: 5 }, M: { warmup: 1, runs: 5 }, L: { warmup: 0, runs: 2 } },
      inproc: { S: 3, M: 3, L: 1 },
      rules: { size: 'L', runs: 5 },
      diagrams: { warmup: 1, runs: 3 },
      warm: 3,
      changed: 2,
      render: { cold: 3, warm: 3 },
      renderM: { cold: 1, warm: 3 },
      diff: { warmup: 1, runs: 3 },
      baselines: true,
      baselineRuns: 2,
      sizes: ['S', 'M', 'L'],
    };

// ---------------------------------------------------------------- results

/**
 * @typedef {object} Row
 * @property {string} section
 * @property {string} name
 * @property {'ms' | 'MiB' | 'count'} unit
 * @property {number[]} samples
 * @property {number} [median]
 * @property {number} [min]
 * @property {number} [max]
 * @property {string} [vs]        name of the baseline row the ratio is taken against
 * @property {number} [ratio]
 * @property {string} [target]
 * @property {boolean | null} [met]
 * @property {string} [note]
 * @property {string} [text]      shown instead of figures (skipped, failed, n/a)
 */

/** @type {Row[]} */
const rows = [];
/** @type {Record<string, unknown>} */
const details = {};
/** @type {string[]} */
const notes = [];

/**
 * @param {Omit<Row, 'median' | 'min' | 'max'> & { check?: (r: Row) => boolean }} r
 */
function addRow({ check, ...r }) {
  /** @type {Row} */
  const row = { ...r };
  if (row.samples.length > 0) {
    row.median = median(row.samples);
    row.min = Math.min(...row.samples);
    row.max = Math.max(...row.samples);
  }
  if (row.vs && row.median !== undefined) {
    const base = rows.find((x) => x.name === row.vs);
    if (base?.median) row.ratio = row.median / base.median;
  }
  row.met = check && row.median !== undefined ? check(row) : (row.met ?? null);
  rows.push(row);
  return row;
}

const textRow = (section, name, text, target) =>
  addRow({ section, name, unit: 'ms', samples: [], text, target, met: null });
const note = (s) => notes.push(s);
const MiB = (kb) => kb / 1024;

// ---------------------------------------------------------------- models

/** @type {Record<string, { dir: string, files: number, bytes: number }>} */
const models = {};

async function ensureModels() {
  const need = new Set();
  if (wants('parse')) need.add('M');
  if (wants('validate')) for (const s of PLAN.sizes) need.add(s);
  if (wants('rules')) need.add(PLAN.rules.size);
  if (wants('render-m') || wants('diff')) need.add('M');
  for (const size of ['S', 'M', 'L'].filter((s) => need.has(s))) {
    const dir = path.join(MODELS, size);
    progress(`generating ${size} into ${path.relative(ROOT, dir)}`);
    const t = now();
    const r = await writeModel(size, dir);
    models[size] = { dir, ...r };
    note(
      `model ${size}: ${r.files} files, ${(r.bytes / 1048576).toFixed(1)} MiB of YAML (generated in ${fmtMs(now() - t)})`,
    );
  }
}

async function yamlFiles(dir) {
  const out = [];
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile() && e.name.endsWith('.yaml')) out.push(path.join(e.parentPath ?? e.path, e.name));
  }
  return out.sort();
}

// ---------------------------------------------------------------- parse floor

async function benchParse() {
  const files = await yamlFiles(models.M.dir);
  const texts = await Promise.all(files.map((f) => readFile(f, 'utf8')));
  const jsy = await repeat(
    () => {
      const t = now();
      for (const text of texts) jsYaml.load(text);
      return Promise.resolve(now() - t);
    },
    { ...PLAN.parse, label: 'parse M js-yaml' },
  );
  addRow({
    section: 'parse',
    name: 'parse M: js-yaml load (floor)',
    unit: 'ms',
    samples: jsy.samples,
    target: 'floor (~0.6 s in notes)',
    note: `${files.length} files`,
  });
  const y = await repeat(
    () => {
      const t = now();
      for (const text of texts) {
        const lineCounter = new LineCounter();
        parseDocument(text, { lineCounter });
      }
      return Promise.resolve(now() - t);
    },
    { ...PLAN.parse, label: 'parse M yaml+LineCounter' },
  );
  addRow({
    section: 'parse',
    name: 'parse M: yaml parseDocument+LineCounter',
    unit: 'ms',
    samples: y.samples,
    vs: 'parse M: js-yaml load (floor)',
    target: 'reference (~5.5 s in notes)',
  });
}

// ---------------------------------------------------------------- validate

/** `archgen validate <model> -f json` in a new process, with the parse cache in `cacheDir`. */
async function validateCli(size, rel, cacheDir) {
  const r = await spawnTimed(
    process.execPath,
    [CLI, 'validate', rel, '-f', 'json', '--cache-location', cacheDir],
    { cwd: ROOT, env: { ...process.env, ARCHGEN_DEBUG: '1', ARCHGEN_NO_CACHE: '' } },
  );
  if (r.code !== 0 && r.code !== 1)
    throw new Error(`archgen validate ${size} exited ${r.code}: ${r.stderr.slice(0, 400)}`);
  let summary = {};
  try {
    summary = JSON.parse(r.stdout).summary ?? {};
  } catch {
    // not JSON: leave the summary empty
  }
  const cache = /parse cache .*: (\d+) of (\d+) files from cache(, written)?/.exec(r.stderr);
  return {
    ms: r.ms,
    code: r.code,
    rssKB: r.maxRssKB,
    summary,
    hits: cache ? Number(cache[1]) : undefined,
    files: cache ? Number(cache[2]) : undefined,
    written: Boolean(cache?.[3]),
  };
}

async function benchValidate() {
  for (const size of PLAN.sizes) {
    const dir = models[size].dir;
    const rel = path.relative(ROOT, dir);
    const plan = PLAN.cli[size];
    // The parse cache of these runs, in the git-ignored models folder. Cold: no cache file (it is
    // removed before each run, which then writes one); warm: the cache a run left, files unchanged.
    const cacheDir = path.join(MODELS, '.cache', size);
    // In-process first: a cold runValidate, then a second one in the same process (JIT warm, no
    // parse cache: runValidate uses none unless asked), in a fresh child each run.
    const inproc = await repeat(
      async () => {
        const r = await spawnTimed(
          process.execPath,
          [path.join(BENCH, 'lib', 'validate-child.js'), rel],
          { cwd: ROOT, rss: false },
        );
        if (r.code !== 0)
          throw new Error(`validate-child ${size} exited ${r.code}: ${r.stderr.slice(0, 400)}`);
        const j = JSON.parse(r.stdout);
        return { ms: j.coldMs, ...j };
      },
      { runs: PLAN.inproc[size], label: `validate ${size} in-process` },
    );
    const cli = await repeat(
      async () => {
        await rm(cacheDir, { recursive: true, force: true });
        return validateCli(size, rel, cacheDir);
      },
      { ...plan, label: `validate ${size} CLI cold` },
    );
    const warm = await repeat(() => validateCli(size, rel, cacheDir), {
      ...plan,
      label: `validate ${size} CLI warm`,
    });
    const first = cli.results[0];
    const target = size === 'M' ? '< 1.5 s' : size === 'L' ? '< 15 s' : undefined;
    const limit = size === 'M' ? 1500 : 15_000;
    const COLD = `validate ${size}: CLI process, cold`;
    addRow({
      section: 'validate',
      name: COLD,
      unit: 'ms',
      samples: cli.samples,
      ...(size === 'M' ? { vs: 'parse M: js-yaml load (floor)' } : {}),
      ...(target ? { target, check: (r) => r.median < limit } : {}),
      note: `no cache file (the run writes one: ${cli.results.every((r) => r.written) ? 'yes' : 'NO'}); exit ${first?.code}, ${first?.summary?.errors ?? '?'} errors, ${first?.summary?.warnings ?? '?'} warnings`,
    });
    // Warm counts only when every file came from the cache and the answer is the cold one.
    const allHit = warm.results.every(
      (r) => r.files !== undefined && r.hits === r.files && !r.written,
    );
    const same = warm.results.every(
      (r) => JSON.stringify(r.summary) === JSON.stringify(first?.summary),
    );
    addRow({
      section: 'validate',
      name: `validate ${size}: CLI process, warm`,
      unit: 'ms',
      samples: warm.samples,
      vs: COLD,
      ...(size === 'M'
        ? { target: '< 0.5 s', check: (r) => r.median < 500 && allHit && same }
        : {}),
      note: `parse cache present, files unchanged: ${warm.results[0]?.hits ?? '?'} of ${warm.results[0]?.files ?? '?'} files from cache${allHit ? '' : ' (NOT ALL)'}${same ? '' : ', RESULTS DIFFER FROM COLD'}`,
    });
    const rss = hasGnuTime
      ? cli.results.map((r) => MiB(r.rssKB ?? NaN))
      : inproc.results.map((r) => MiB(r.maxRssAfterColdKB));
    addRow({
      section: 'validate',
      name: `validate ${size}: peak RSS${hasGnuTime ? '' : ' (in-process child)'}`,
      unit: 'MiB',
      samples: rss,
      ...(size === 'L' ? { target: '< 1 GiB', check: (r) => r.max < 1024 } : {}),
    });
    addRow({
      section: 'validate',
      name: `validate ${size}: in-process 1st runValidate`,
      unit: 'ms',
      samples: inproc.samples,
      note: `child maxRSS ${fmtValue(median(inproc.results.map((r) => MiB(r.maxRssKB))), 'MiB')} after both calls`,
    });
    addRow({
      section: 'validate',
      name: `validate ${size}: in-process 2nd runValidate`,
      unit: 'ms',
      samples: inproc.results.map((r) => r.warmMs),
      vs: `validate ${size}: in-process 1st runValidate`,
      note: 'same process, second call, no parse cache',
    });
    details[`validate-${size}`] = { cli: cli.results, warm: warm.results, inproc: inproc.results };
  }
  if (!PLAN.sizes.includes('L'))
    textRow('validate', 'validate L', 'skipped (--quick)', '< 15 s, < 1 GiB');
}

// ---------------------------------------------------------------- rules alone

async function benchRules() {
  const size = PLAN.rules.size;
  const rel = path.relative(ROOT, models[size].dir);
  progress(`rules on ${size}: loading`);
  const r = await spawnTimed(
    process.execPath,
    [path.join(BENCH, 'lib', 'validate-child.js'), rel, String(PLAN.rules.runs)],
    { cwd: ROOT, rss: false },
  );
  if (r.code !== 0) throw new Error(`validate-child exited ${r.code}: ${r.stderr.slice(0, 400)}`);
  const { rules } = JSON.parse(r.stdout);
  const tag = opts.quick ? `${size}, --quick` : size;
  addRow({
    section: 'rules',
    name: `rules on ${tag}: buildGraph`,
    unit: 'ms',
    samples: rules.map((x) => x.graphMs),
  });
  addRow({
    section: 'rules',
    name: `rules on ${tag}: runRules`,
    unit: 'ms',
    samples: rules.map((x) => x.rulesMs),
  });
  addRow({
    section: 'rules',
    name: `rules on ${tag}: buildGraph+runRules`,
    unit: 'ms',
    samples: rules.map((x) => x.ms),
    note: 'after loading; 1 warm-up',
  });
}

// ---------------------------------------------------------------- diagrams

/** @type {{ specs: any[], filledCache?: string, coldRow?: string } | undefined} */
let example;

async function exampleSpecs() {
  if (!example) {
    const { specs, generateMs } = await modelDiagrams(EXAMPLE);
    example = { specs };
    note(
      `example model: ${specs.length} diagrams (generateDiagrams ${fmtMs(generateMs)}, ${specs.reduce((n, s) => n + s.source.length, 0)} chars of mermaid)`,
    );
  }
  return example;
}

async function benchDiagrams() {
  const ex = await exampleSpecs();
  const items = ex.specs;
  const n = items.length;
  const FLOOR = `diagrams (${n}): floor, hand-rolled page`;
  const FLOOR_R = `diagrams (${n}): floor, DiagramRenderer no cache`;
  const COLD = `diagrams (${n}): archgen cold, empty cache`;
  ex.coldRow = COLD;
  /** @type {string[]} */
  const cacheDirs = [];
  // The three cold variants are interleaved run by run, so machine noise hits them alike.
  const floor = [];
  const floorR = [];
  const cold = [];
  for (let i = 0; i < PLAN.diagrams.warmup + PLAN.diagrams.runs; i++) {
    const warm = i < PLAN.diagrams.warmup;
    const tag = warm
      ? `warm-up ${i + 1}`
      : `run ${i - PLAN.diagrams.warmup + 1}/${PLAN.diagrams.runs}`;
    progress(`diagrams floor page ${tag}`);
    const f = await floorPage(items);
    progress(`diagrams renderer no cache ${tag}`);
    const fr = await archgenRender(items);
    progress(`diagrams archgen cold ${tag}`);
    const { cache, write } = await cacheOver(undefined);
    const c = await archgenRender(items, cache);
    cacheDirs.push(write);
    for (const x of [fr, c])
      if (x.errors.length) throw new Error(`render errors: ${x.errors.slice(0, 3).join('; ')}`);
    if (!warm) {
      floor.push(f);
      floorR.push(fr);
      cold.push(c);
    }
  }
  ex.filledCache = cacheDirs.pop();
  for (const d of cacheDirs) await rm(d, { recursive: true, force: true });
  const parts = (xs) =>
    `launch ${fmtMs(median(xs.map((x) => x.launchMs)))} + page/mermaid ${fmtMs(median(xs.map((x) => x.initMs)))} + render ${fmtMs(median(xs.map((x) => x.renderMs)))}`;
  addRow({
    section: 'diagrams',
    name: FLOOR,
    unit: 'ms',
    samples: floor.map((x) => x.ms),
    target: 'floor',
    note: parts(floor),
  });
  addRow({
    section: 'diagrams',
    name: FLOOR_R,
    unit: 'ms',
    samples: floorR.map((x) => x.ms),
    vs: FLOOR,
    note: parts(floorR),
  });
  const coldRow = addRow({
    section: 'diagrams',
    name: COLD,
    unit: 'ms',
    samples: cold.map((x) => x.ms),
    vs: FLOOR,
    target: '<= 1.3x floor',
    check: (r) => (r.ratio ?? Infinity) <= 1.3,
    note: parts(cold),
  });
  // quality.md's stricter reading of the floor: one launch + the sum of in-page render times.
  const strict = median(floor.map((x) => x.launchMs + x.renderMs));
  note(
    `diagrams: archgen cold / (launch + sum of in-page mermaid.render) = ${fmtMs(coldRow.median ?? NaN)} / ${fmtMs(strict)} = ${((coldRow.median ?? NaN) / strict).toFixed(2)}x; in-page render per diagram (floor page, median run): ${fmtMs(median(floor.map((x) => x.renderMs)) / n)}`,
  );
  const slowest = floor
    .at(-1)
    ?.per.map((ms, i) => ({ ms, id: items[i].id }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 5)
    .map((x) => `${x.id} ${fmtMs(x.ms)}`)
    .join(', ');
  note(`diagrams: slowest in-page renders (last floor run): ${slowest}`);
  details.diagrams = { floor, floorRenderer: floorR, cold };

  // Warm: every diagram in the cache; must not launch a browser.
  const warm = await repeat(
    async () => {
      const { cache, write } = await cacheOver(ex.filledCache);
      const r = await archgenRender(items, cache);
      await rm(write, { recursive: true, force: true });
      return r;
    },
    { runs: PLAN.warm, label: 'diagrams archgen warm' },
  );
  const launches = sum(warm.results.map((r) => r.launches));
  const drawn = sum(warm.results.map((r) => r.drawn.length));
  addRow({
    section: 'diagrams',
    name: `diagrams (${n}): archgen warm, cache full`,
    unit: 'ms',
    samples: warm.samples,
    vs: COLD,
    target: '0 launches, 0 drawn',
    check: () => launches === 0 && drawn === 0,
    note: `${launches} browser launches, ${drawn} drawn, ${median(warm.results.map((r) => r.cached))} from cache (per run)`,
  });

  // One application renamed in a copy of the model: only the diagrams that show it are redrawn.
  const changed = await copyWithOneAppRenamed(EXAMPLE);
  try {
    const { specs } = await modelDiagrams(changed.dir);
    const before = new Map(items.map((s) => [s.id, s.source]));
    const differ = specs.filter((s) => before.get(s.id) !== s.source).map((s) => s.id);
    const shows = new Set(
      specs.filter((s) => s.elements?.includes(changed.appId)).map((s) => s.id),
    );
    const runs = await repeat(
      async () => {
        const { cache, write } = await cacheOver(ex.filledCache);
        const r = await archgenRender(specs, cache);
        await rm(write, { recursive: true, force: true });
        return r;
      },
      { runs: PLAN.changed, label: 'diagrams one app renamed' },
    );
    const redrawn = runs.results[0]?.drawn ?? [];
    const stray = redrawn.filter((id) => !shows.has(id));
    addRow({
      section: 'diagrams',
      name: `diagrams: one app renamed (${changed.appId})`,
      unit: 'ms',
      samples: runs.samples,
      vs: COLD,
      target: 'redraw only diagrams showing it',
      check: () => redrawn.length > 0 && stray.length === 0,
      note: `${redrawn.length} of ${specs.length} redrawn (${shows.size} show the app, ${differ.length} sources changed${stray.length ? `; redrawn without showing it: ${stray.join(', ')}` : ''}), ${runs.results[0]?.launches} launch`,
    });
  } finally {
    await rm(changed.dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------- baselines

async function benchBaselines() {
  const ex = await exampleSpecs();
  const n = ex.specs.length;
  const COLD = ex.coldRow;
  // A sample of 3 diagrams spread through the document (first, middle, last).
  const sample = [0, Math.floor(n / 2), n - 1].map((i) => ex.specs[i]);
  const ids = sample.map((s) => s.id).join(', ');
  if (!PLAN.baselines) {
    textRow('baselines', `diagrams (${n}): mmdc per diagram`, 'skipped (--quick)');
    textRow('baselines', `diagrams (${n}): renderMermaid, one browser`, 'skipped (--quick)');
    return;
  }
  /** @type {{ per: number[] }} */
  const m = { per: [] };
  /** @type {{ launchMs: number, per: number[] }[]} */
  const rm = [];
  for (let i = 0; i < PLAN.baselineRuns; i++) {
    progress(`baseline mmdc: 3 diagrams, one process each (run ${i + 1}/${PLAN.baselineRuns})`);
    m.per.push(...(await mmdcPerDiagram(sample, MMDC)).per);
    progress(
      `baseline renderMermaid: 3 diagrams in one browser (run ${i + 1}/${PLAN.baselineRuns})`,
    );
    rm.push(await renderMermaidInOneBrowser(sample));
  }
  addRow({
    section: 'baselines',
    name: `diagrams (${n}): mmdc per diagram, x${n} extrapolated from 3`,
    unit: 'ms',
    samples: m.per.map((ms) => ms * n),
    ...(COLD ? { vs: COLD } : {}),
    target: 'baseline (~6 s/diagram in notes)',
    note: `per diagram ${m.per.map(fmtMs).join(', ')} (${ids})`,
  });
  addRow({
    section: 'baselines',
    name: `diagrams (${n}): renderMermaid one browser, launch + x${n} extrapolated from 3`,
    unit: 'ms',
    samples: rm.flatMap((r) => r.per.map((ms) => r.launchMs + ms * n)),
    ...(COLD ? { vs: COLD } : {}),
    target: 'baseline (~2.5 s/diagram in notes)',
    note: `launch ${rm.map((r) => fmtMs(r.launchMs)).join(', ')}; per diagram ${rm
      .flatMap((r) => r.per)
      .map(fmtMs)
      .join(', ')}`,
  });
  details.baselines = { sample: ids, mmdc: m.per, renderMermaid: rm };
}

// ---------------------------------------------------------------- render (CLI)

/** @param {string} text */
function renderSummary(text) {
  const d = /(\d+) diagrams \((\d+) drawn, (\d+) from cache\)/.exec(text);
  const p = /(\d+) pages/.exec(text);
  return {
    diagrams: d ? Number(d[1]) : undefined,
    drawn: d ? Number(d[2]) : undefined,
    cached: d ? Number(d[3]) : undefined,
    pages: p ? Number(p[1]) : undefined,
  };
}

async function renderCli(model, out, formats) {
  // The parse cache stays with the bench's files (bench/models/.cache), out of node_modules.
  const cache = ['--cache-location', path.join(MODELS, '.cache', 'render')];
  const r = await spawnTimed(
    process.execPath,
    [CLI, 'render', model, '--out', out, '-f', formats, ...cache],
    { cwd: ROOT },
  );
  if (r.code !== 0)
    throw new Error(
      `archgen render ${model} exited ${r.code}: ${(r.stderr + r.stdout).slice(0, 600)}`,
    );
  return { ms: r.ms, rssKB: r.maxRssKB, ...renderSummary(r.stdout + r.stderr) };
}

const describe = (r) =>
  `${r.diagrams ?? '?'} diagrams, ${r.drawn ?? '?'} drawn, ${r.cached ?? '?'} cached${r.pages ? `, ${r.pages} pages` : ''}${r.rssKB ? `, peak RSS ${fmtValue(MiB(r.rssKB), 'MiB')}` : ''}`;

async function benchRender() {
  const out = await tempDir('render-example');
  try {
    const target = path.join(out, 'out');
    const cold = await repeat(
      async () => {
        await rm(target, { recursive: true, force: true });
        return renderCli('model', target, 'html,pdf');
      },
      { runs: PLAN.render.cold, label: 'render example html,pdf cold' },
    );
    const COLD = 'render example html,pdf: cold';
    addRow({
      section: 'render',
      name: COLD,
      unit: 'ms',
      samples: cold.samples,
      target: '< 20 s',
      check: (r) => r.median < 20_000,
      note: describe(cold.results[0]),
    });
    const warm = await repeat(() => renderCli('model', target, 'html,pdf'), {
      runs: PLAN.render.warm,
      label: 'render example html,pdf warm',
    });
    addRow({
      section: 'render',
      name: 'render example html,pdf: warm',
      unit: 'ms',
      samples: warm.samples,
      vs: COLD,
      note: describe(warm.results[0]),
    });
    details.render = { cold: cold.results, warm: warm.results };
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}

async function benchRenderM() {
  // Kept in bench/models (git-ignored) so `--quick --only render-m` can time the warm render
  // against the cache a full run left.
  const target = path.join(MODELS, 'out-M');
  const rel = path.relative(ROOT, models.M.dir);
  let cold;
  if (PLAN.renderM.cold > 0) {
    cold = await repeat(
      async () => {
        await rm(target, { recursive: true, force: true });
        return renderCli(rel, target, 'html');
      },
      { runs: PLAN.renderM.cold, label: 'render M html cold (minutes)' },
    );
    const r0 = cold.results[0];
    addRow({
      section: 'render-m',
      name: `render M html: cold`,
      unit: 'ms',
      samples: cold.samples,
      note: `${describe(r0)}; ${r0.diagrams ? fmtMs(median(cold.samples) / r0.diagrams) : '?'} per diagram`,
    });
  } else if (!existsSync(path.join(target, 'diagrams', '.cache'))) {
    textRow('render-m', 'render M html: cold', 'skipped (--quick: several minutes)');
    textRow(
      'render-m',
      'render M html: warm',
      'skipped (--quick, and no cache from a full run in bench/models/out-M)',
      '< 2 s',
    );
    return;
  } else {
    textRow(
      'render-m',
      'render M html: cold',
      'skipped (--quick: several minutes); warm uses the cache of an earlier full run',
    );
  }
  const warm = await repeat(() => renderCli(rel, target, 'html'), {
    runs: PLAN.renderM.warm,
    label: 'render M html warm',
  });
  const w0 = warm.results[0];
  addRow({
    section: 'render-m',
    name: 'render M html: warm (nothing changed)',
    unit: 'ms',
    samples: warm.samples,
    ...(cold ? { vs: 'render M html: cold' } : {}),
    target: '< 2 s, 0 drawn',
    check: (r) => r.median < 2000 && w0.drawn === 0,
    note: describe(w0),
  });
  details.renderM = { cold: cold?.results, warm: warm.results };
}

// ---------------------------------------------------------------- main

function gitRev() {
  try {
    const rev = execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      cwd: ROOT,
      encoding: 'utf8',
    }).trim();
    const dirty =
      execFileSync('git', ['status', '--porcelain', '--', 'src'], {
        cwd: ROOT,
        encoding: 'utf8',
      }).trim() !== '';
    return `${rev}${dirty ? ' (src modified)' : ''}`;
  } catch {
    return 'unknown';
  }
}

// ---------------------------------------------------------------- diff

/** `archgen diff` of M against a copy with 1% of its applications, entities and clusters changed. */
async function benchDiff() {
  const base = models.M.dir;
  const head = path.join(MODELS, 'M-changed');
  const { changed } = await writeModel('M', head, 42, 0.01);
  const relBase = path.relative(ROOT, base);
  const relHead = path.relative(ROOT, head);
  const runs = await repeat(
    async () => {
      const r = await spawnTimed(process.execPath, [CLI, 'diff', relBase, relHead, '-f', 'json'], {
        cwd: ROOT,
      });
      if (r.code !== 0 && r.code !== 1)
        throw new Error(`archgen diff exited ${r.code}: ${r.stderr.slice(0, 400)}`);
      const j = JSON.parse(r.stdout);
      const found = (j.areas ?? []).reduce((a, area) => a + (area.changes?.length ?? 0), 0);
      return { ms: r.ms, code: r.code, rssKB: r.maxRssKB, found };
    },
    { ...PLAN.diff, label: 'diff M vs M 1% changed' },
  );
  const first = runs.results[0];
  addRow({
    section: 'diff',
    name: 'diff M vs M with 1% changed: CLI',
    unit: 'ms',
    samples: runs.samples,
    target: 'a few seconds',
    check: (r) => r.median < 5000,
    note: `${changed} elements changed, ${first?.found} changes reported, exit ${first?.code}, peak ${fmtValue(MiB(first?.rssKB ?? NaN), 'MiB')}`,
  });
}

const SECTION_FNS = {
  parse: benchParse,
  validate: benchValidate,
  rules: benchRules,
  diagrams: benchDiagrams,
  baselines: benchBaselines,
  render: benchRender,
  'render-m': benchRenderM,
  diff: benchDiff,
};

const started = now();
const startedAt = new Date().toISOString();
await mkdir(MODELS, { recursive: true });
try {
  await ensureModels();
} catch (e) {
  console.error(`bench: could not generate the models: ${e instanceof Error ? e.stack : e}`);
  process.exit(1);
}
for (const s of SECTIONS) {
  if (!wants(s)) continue;
  const t = now();
  try {
    await SECTION_FNS[s]();
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    textRow(s, `${s}`, `FAILED: ${msg.split('\n')[0].slice(0, 160)}`);
    note(`${s} failed: ${e instanceof Error ? e.stack : e}`);
  }
  note(`section ${s} took ${fmtMs(now() - t)}`);
}
if (example?.filledCache) await rm(example.filledCache, { recursive: true, force: true });
clearProgress();

const totalMs = now() - started;
const header = ['name', 'median', 'min', 'max', 'n', 'vs', 'ratio', 'target', 'met?'];
const lines = rows.map((r) =>
  r.text
    ? {
        span: /** @type {[string, string]} */ ([
          r.name,
          `${r.text}${r.target ? `   (target ${r.target})` : ''}`,
        ]),
      }
    : [
        r.name,
        fmtValue(r.median ?? NaN, r.unit),
        fmtValue(r.min ?? NaN, r.unit),
        fmtValue(r.max ?? NaN, r.unit),
        String(r.samples.length),
        r.vs ? shortName(r.vs) : '',
        r.ratio === undefined
          ? ''
          : `${r.ratio >= 0.1 ? r.ratio.toFixed(2) : r.ratio.toPrecision(2)}x`,
        r.target ?? '',
        r.met === true ? 'yes' : r.met === false ? 'NO' : '',
      ],
);

function shortName(name) {
  if (name.includes('js-yaml')) return 'js-yaml floor';
  if (name.includes('hand-rolled')) return 'floor page';
  if (name.includes('archgen cold')) return 'archgen cold';
  if (name.includes('1st runValidate')) return '1st call';
  if (name.includes('CLI process, cold')) return 'cold';
  return name.replace(/^render /, '').replace(/^diagrams \(\d+\): /, '');
}

const meta = {
  startedAt,
  totalSeconds: Math.round(totalMs / 1000),
  quick: opts.quick,
  only: opts.only ? [...opts.only] : undefined,
  node: process.version,
  cpus: os.cpus().length,
  cpuModel: os.cpus()[0]?.model,
  loadavg: os.loadavg(),
  memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  git: gitRev(),
  models: Object.fromEntries(
    Object.entries(models).map(([k, v]) => [k, { files: v.files, bytes: v.bytes }]),
  ),
};

console.log(
  `\narchgen bench ${opts.quick ? '(--quick) ' : ''}- ${startedAt}, node ${process.version}, ${meta.cpus} cpus, load ${meta.loadavg.map((x) => x.toFixed(1)).join(' ')}, git ${meta.git}`,
);
console.log(
  'medians of n runs after a warm-up; ratio = median / median of the "vs" row, same run\n',
);
console.log(table(header, lines));
const withNotes = rows.filter((r) => r.note);
if (withNotes.length) {
  console.log('\nper row:');
  for (const r of withNotes) console.log(`  ${r.name}: ${r.note}`);
}
console.log('\nnotes:');
for (const n of notes) console.log(`  ${n}`);
console.log(`\ntotal ${fmtMs(totalMs)}`);

const resultsDir = path.join(BENCH, 'results');
await mkdir(resultsDir, { recursive: true });
await writeFile(
  path.join(resultsDir, 'latest.json'),
  JSON.stringify({ meta, rows, notes, details }, null, 2) + '\n',
);
console.log(`wrote ${path.relative(ROOT, path.join(resultsDir, 'latest.json'))}`);
