// Where the time goes: runs an archgen command under `node --cpu-prof` and prints self time by
// function and by module (archgen's own dist/ folders, npm packages, Node internals, GC).
//
//   npm run build && node bench/profile.js validate bench/models/M -f json
//   node bench/profile.js render model --out /tmp/out -f html
//   node bench/profile.js --top 30 validate bench/models/L
//
// Only the Node process is profiled: time spent inside Chromium shows up as idle (waiting).
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

let args = process.argv.slice(2);
let top = 20;
if (args[0] === '--top') {
  top = Number(args[1]);
  args = args.slice(2);
}
if (args.length === 0) {
  console.error('usage: node bench/profile.js [--top N] <archgen command and arguments>');
  process.exit(2);
}

const dir = await mkdtemp(path.join(tmpdir(), 'archgen-prof-'));
try {
  const started = performance.now();
  const code = await new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--cpu-prof', '--cpu-prof-dir', dir, path.join(ROOT, 'bin', 'archgen.js'), ...args],
      { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] },
    );
    child.on('error', reject);
    child.on('close', resolve);
  });
  const wall = performance.now() - started;
  const file = (await readdir(dir)).find((f) => f.endsWith('.cpuprofile'));
  if (!file) throw new Error('no .cpuprofile written');
  const prof = JSON.parse(await readFile(path.join(dir, file), 'utf8'));
  const report = summarise(prof, top);
  console.log(`archgen ${args.join(' ')}: exit ${code}, wall ${(wall / 1000).toFixed(2)} s`);
  console.log(report);
} finally {
  await rm(dir, { recursive: true, force: true });
}

/**
 * @param {{ nodes: { id: number, callFrame: { functionName: string, url: string, lineNumber: number } }[], samples: number[], timeDeltas: number[] }} prof
 * @param {number} top
 */
function summarise(prof, top) {
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  /** @type {Map<string, number>} */
  const fn = new Map();
  /** @type {Map<string, number>} */
  const mod = new Map();
  let total = 0;
  for (let i = 0; i < prof.samples.length; i++) {
    const node = byId.get(prof.samples[i]);
    const us = prof.timeDeltas[i] ?? 0;
    total += us;
    if (!node) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const where = shortUrl(url);
    const key = `${functionName || '(anonymous)'}  ${where}${url ? `:${lineNumber + 1}` : ''}`;
    fn.set(key, (fn.get(key) ?? 0) + us);
    const m = moduleOf(functionName, url);
    mod.set(m, (mod.get(m) ?? 0) + us);
  }
  const fmt = (entries) =>
    [...entries]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(
        ([k, us]) =>
          `  ${(us / 1000).toFixed(0).padStart(7)} ms  ${((100 * us) / total).toFixed(1).padStart(5)} %  ${k}`,
      )
      .join('\n');
  return [
    `profiled ${(total / 1000).toFixed(0)} ms`,
    'self time by module:',
    fmt(mod),
    'self time by function:',
    fmt(fn),
  ].join('\n');
}

function shortUrl(url) {
  if (!url) return '';
  const p = url.replace(/^file:\/\//, '');
  return p.startsWith(ROOT) ? path.relative(ROOT, p) : p;
}

function moduleOf(functionName, url) {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const p = shortUrl(url);
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(p);
  if (nm) return nm[1];
  const d = /^dist\/([^/]+)(?:\/([^/]+))?/.exec(p);
  if (d) return d[2]?.endsWith('.js') || !d[2] ? `dist/${d[1]}/${d[2] ?? ''}` : `dist/${d[1]}`;
  if (p.startsWith('node:')) return 'node internals';
  return p;
}
