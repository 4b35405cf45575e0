// Runs in a fresh process: `node bench/lib/validate-child.js <model dir> [rules runs]`.
// Times a first and a second runValidate call (the same process, so the second is JIT-warm;
// neither uses the parse cache, which runValidate leaves off unless asked), then optionally
// buildGraph + runRules alone on the loaded model, and prints one JSON line.
import { runValidate } from '../../dist/cli/run.js';
import { buildGraph } from '../../dist/model/graph.js';
import { effectiveSettings, runRules } from '../../dist/rules/engine.js';

const [dir, rulesArg = '0'] = process.argv.slice(2);
if (!dir) {
  console.error('usage: node bench/lib/validate-child.js <model dir> [rules runs]');
  process.exit(2);
}
const now = () => performance.now();

const t0 = now();
const first = await runValidate(dir);
const coldMs = now() - t0;
const rssAfterCold = process.resourceUsage().maxRSS;
const t1 = now();
const second = await runValidate(dir);
const warmMs = now() - t1;

const count = (r, sev) => r.diagnostics.filter((d) => d.severity === sev).length;
/** @type {{ graphMs: number, rulesMs: number, ms: number }[]} */
const rules = [];
const runs = Number(rulesArg);
if (runs > 0 && second.loaded) {
  const loaded = second.loaded;
  const settings = effectiveSettings(loaded.manifest.rules);
  // One warm-up, then the measured runs.
  for (let i = 0; i <= runs; i++) {
    const a = now();
    const graph = buildGraph(loaded.model, { dropped: loaded.dropped });
    const b = now();
    runRules(loaded, graph, settings);
    const c = now();
    if (i > 0) rules.push({ graphMs: b - a, rulesMs: c - b, ms: c - a });
  }
}

process.stdout.write(
  JSON.stringify({
    coldMs,
    warmMs,
    errors: count(first, 'error'),
    warnings: count(first, 'warn'),
    sameResult: first.diagnostics.length === second.diagnostics.length,
    // process.resourceUsage().maxRSS is in KiB.
    maxRssKB: process.resourceUsage().maxRSS,
    maxRssAfterColdKB: rssAfterCold,
    rules,
  }) + '\n',
);
