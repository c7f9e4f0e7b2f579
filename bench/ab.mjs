// Before and after, run against run: node bench/ab.mjs --before DIR [--after DIR]
// Times validateCredit and validateCreditJson of two builds of the package on every corpus
// entry, alternately (before, after, before, after, ...: one cell of each per round, each cell in
// a fresh worker as in bench.mjs), then their startup the same way (Node init() and initSync(),
// headless Chromium init()). A slow spell of the machine then falls on both builds, and the
// spread of the per-round ratios shows how far the figures can be trusted. See bench/README.md.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { shippedSize } from './lib/bundle.mjs';
import { checkCorpus, readCorpus } from './lib/corpus.mjs';
import { formatNs, runInfo, table } from './lib/report.mjs';
import { chromiumInstantiate } from './lib/startup.mjs';
import { busyShare, median } from './lib/timing.mjs';
import { nodeStartupCell, timeCell } from './lib/workers.mjs';

const benchDir = dirname(fileURLToPath(import.meta.url));
const { values: args } = parseArgs({
  options: {
    before: { type: 'string' },
    after: { type: 'string', default: resolve(benchDir, '..', 'pkg') },
    out: { type: 'string', default: join(benchDir, 'out', 'ab') },
    rounds: { type: 'string', default: '7' },
    runs: { type: 'string', default: '5' },
    'min-run-ms': { type: 'string', default: '100' },
    'startup-count': { type: 'string', default: '5' },
    'no-chromium': { type: 'boolean', default: false },
    'startup-only': { type: 'boolean', default: false },
  },
});
if (!args.before) {
  console.error('usage: node bench/ab.mjs --before DIR [--after DIR] [--rounds N] [--runs N] [--min-run-ms MS] [--startup-count N] [--no-chromium] [--startup-only] [--out DIR]');
  process.exit(2);
}
const rounds = Number(args.rounds);
const timing = { runs: Number(args.runs), minRunMs: Number(args['min-run-ms']) };
const startupCount = Number(args['startup-count']);
if (!(rounds >= 1 && timing.runs >= 1 && startupCount >= 1)) {
  console.error('ab: --rounds, --runs and --startup-count must be at least 1');
  process.exit(2);
}

function fail(message) {
  console.error(`\nab: ${message}`);
  process.exit(1);
}

// ---- the two packages, copied (a rebuild of pkg/ during the run cannot mix two builds)
const corpusDir = join(benchDir, 'corpus');
const corpus = readCorpus(corpusDir);
const sides = [];
for (const [name, dir] of [['before', args.before], ['after', args.after]]) {
  const source = resolve(dir);
  if (!existsSync(join(source, 'credit_rules_bg.wasm'))) fail(`no package in ${source}`);
  const pkgDir = mkdtempSync(join(tmpdir(), `credit-rules-ab-${name}-`));
  cpSync(source, pkgDir, { recursive: true });
  process.on('exit', () => rmSync(pkgDir, { recursive: true, force: true }));
  try {
    const api = await import(pathToFileURL(join(pkgDir, 'index.js')).href);
    api.initSync({ module: readFileSync(join(pkgDir, 'credit_rules_bg.wasm')) });
    checkCorpus(api, corpus);
  } catch (error) {
    fail(`${name} (${source}): ${error.message}`);
  }
  const shipped = await shippedSize(pkgDir);
  sides.push({ name, source, pkgDir, shipped });
}
const [A, B] = sides;
const busyAtStart = await busyShare(1000);
console.log(`credit-rules A/B: before ${A.source}, after ${B.source}; Node ${process.version}, ${cpus().length} x ${cpus()[0]?.model ?? 'unknown CPU'}`);
console.log(`machine: ${(busyAtStart * 100).toFixed(0)}% busy over the last second, load average ${loadavg()[0].toFixed(1)}`);
if (busyAtStart > 0.15) console.log('note: other work is running: the figures will be noisy (the spread column shows how much)');

// ---- speed: per round, for each entry and entry point, a cell of before then one of after
const points = ['validateCredit', 'validateCreditJson'];
const speed = {};
for (const entry of corpus.entries) {
  speed[entry.key] = Object.fromEntries(points.map((p) => [p, { before: [], after: [] }]));
}
// --startup-only: no speed rounds (a startup change is seen in a few minutes less).
const speedRounds = args['startup-only'] ? 0 : rounds;
if (speedRounds > 0) console.log(`\nSpeed: ${rounds} rounds; a cell = a fresh worker, median of ${timing.runs} runs of >= ${timing.minRunMs} ms`);
for (let round = 0; round < speedRounds; round += 1) {
  for (const entry of corpus.entries) {
    for (const point of points) {
      for (const side of sides) {
        const cell = await timeCell({ pkgDir: side.pkgDir, corpusDir, file: entry.file, contestant: point, timing });
        speed[entry.key][point][side.name].push(cell);
      }
    }
  }
  process.stdout.write(`${round + 1} `);
}
if (speedRounds > 0) process.stdout.write('\n');

/** Median before, median after, their ratio, and the least and greatest per-round ratio. */
function compare(beforeValues, afterValues) {
  const perRound = afterValues.map((value, i) => value / beforeValues[i]);
  const b = median(beforeValues);
  const a = median(afterValues);
  return { before: b, after: a, ratio: a / b, spread: [Math.min(...perRound), Math.max(...perRound)], perRound };
}
/** "faster" or "slower" when every round says so, "same (noise)" otherwise. */
const verdict = ({ spread: [low, high] }) => (high < 1 ? 'faster' : low > 1 ? 'SLOWER' : 'same (noise)');

const speedRows = [];
const speedSummary = {};
for (const entry of speedRounds > 0 ? corpus.entries : []) {
  speedSummary[entry.key] = {};
  for (const point of points) {
    const cells = speed[entry.key][point];
    const c = compare(cells.before.map((x) => x.medianNs), cells.after.map((x) => x.medianNs));
    speedSummary[entry.key][point] = { ...c, verdict: verdict(c) };
    speedRows.push([entry.label, point, formatNs(c.before), formatNs(c.after), c.ratio.toFixed(3), `${c.spread[0].toFixed(3)}-${c.spread[1].toFixed(3)}`, verdict(c)]);
  }
}
if (speedRounds > 0) {
  console.log('\nMedian time per call over the rounds; after ÷ before (below 1: after is faster), spread of the per-round ratios');
  console.log(table(['corpus', 'entry point', 'before', 'after', 'after÷before', 'spread', 'every round says'], speedRows, 2));
}

// ---- startup, the same way: per round, before then after
const startup = { node: { before: [], after: [] }, chromium: { before: [], after: [] } };
let chromiumSkipped = args['no-chromium'] ? '--no-chromium' : undefined;
console.log(`\nStartup: ${rounds} rounds; per round and package, the median of ${startupCount} compiles (Node in a fresh worker, Chromium in a fresh browser)`);
for (let round = 0; round < rounds; round += 1) {
  for (const side of sides) startup.node[side.name].push(await nodeStartupCell(side.pkgDir, startupCount, `${side.name}${round}`));
  if (!chromiumSkipped) {
    for (const side of sides) {
      try {
        const result = await chromiumInstantiate(side.pkgDir, startupCount, corpus.entries[0].draft, corpus.options);
        if (!result.sampleValid) fail(`validateCredit of ${side.name} in Chromium refused the minimal body`);
        startup.chromium[side.name].push(result);
      } catch (error) {
        chromiumSkipped = error.message.split('\n')[0];
        console.log(`Chromium not run: ${chromiumSkipped}`);
        break;
      }
    }
  }
  process.stdout.write(`${round + 1} `);
}
process.stdout.write('\n');

const startupSummary = {};
const startupRows = [];
const startupLines = [
  ['Node init()', 'node', 'initMs'],
  ['Node initSync()', 'node', 'initSyncMs'],
  ['Chromium init()', 'chromium', 'initMs'],
];
for (const [label, where, field] of startupLines) {
  const list = startup[where];
  const n = Math.min(list.before.length, list.after.length); // rounds that measured both
  if (n === 0) continue;
  const c = compare(list.before.slice(0, n).map((x) => x[field]), list.after.slice(0, n).map((x) => x[field]));
  startupSummary[label] = { ...c, holds: c.ratio <= 0.5 };
  const ms = (v) => `${v.toFixed(2)} ms`;
  startupRows.push([label, ms(c.before), ms(c.after), c.ratio.toFixed(3), `${c.spread[0].toFixed(3)}-${c.spread[1].toFixed(3)}`, c.ratio <= 0.5 ? 'yes' : 'NO']);
}
console.log('\nCompile + instantiate, median over the rounds; target: after at most half of before');
console.log(table(['startup', 'before', 'after', 'after÷before', 'spread', '<= 0.5'], startupRows, 1));

const shippedRow = (s) => [s.name, `${s.shipped.js.gzip} B`, `${s.shipped.wasm.gzip} B`, `${s.shipped.total.separately} B`, `${s.shipped.total.together} B`];
console.log('\nShipped (bench/lib/bundle.mjs: the esbuild bundle of the one import, and the wasm; gzip -9)');
console.log(table(['', 'bundled JS', 'wasm', 'total, each alone', 'together'], sides.map(shippedRow)));

// ---- file
mkdirSync(args.out, { recursive: true });
const output = {
  ...runInfo(busyAtStart),
  before: { dir: A.source, shipped: A.shipped },
  after: { dir: B.source, shipped: B.shipped },
  rounds,
  timing,
  startupCount,
  corpus: corpus.entries.map((e) => ({ key: e.key, file: e.file, label: e.label })),
  speed: speedSummary,
  speedCells: speed,
  startup: startupSummary,
  startupCells: startup,
  chromiumSkipped,
};
writeFileSync(join(args.out, 'results.json'), `${JSON.stringify(output, null, 2)}\n`);
console.log(`\nWritten: ${join(args.out, 'results.json')}`);
