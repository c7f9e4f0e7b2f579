// The benchmark of issue 4, run by hand (never by the tests): bash bench/run
// or, with bench/node_modules installed and a built package:
//   node bench/bench.mjs [--pkg DIR] [--out DIR] [--runs N] [--min-run-ms MS] [--no-chromium]
// --pkg: the package to measure (default: the repository's pkg/); --out: where results.json and
// chart.svg go (default bench/out). See bench/README.md for what each figure means.
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { agreement } from './lib/agreement.mjs';
import { chart, formatNs, table } from './lib/report.mjs';
import { chromiumInstantiate, nodeInstantiate, sizes } from './lib/startup.mjs';
import { Worker } from 'node:worker_threads';
import * as ajvPeer from './peers/ajv.mjs';
import * as valibotPeer from './peers/valibot.mjs';
import * as zodPeer from './peers/zod.mjs';

const benchDir = dirname(fileURLToPath(import.meta.url));
const root = pathToFileURL(`${resolve(benchDir, '..')}/`);
const { values: args } = parseArgs({
  options: {
    pkg: { type: 'string', default: resolve(benchDir, '..', 'pkg') },
    out: { type: 'string', default: join(benchDir, 'out') },
    runs: { type: 'string', default: '7' },
    'min-run-ms': { type: 'string', default: '100' },
    'startup-count': { type: 'string', default: '15' },
    'no-chromium': { type: 'boolean', default: false },
  },
});
const sourceDir = resolve(args.pkg);
// A copy, measured throughout: a rebuild of pkg/ during the run cannot mix two builds.
if (!existsSync(join(sourceDir, 'credit_rules_bg.wasm'))) {
  console.error(`bench: no package in ${sourceDir}; build it with bash scripts/build-pkg`);
  process.exit(1);
}
const pkgDir = mkdtempSync(join(tmpdir(), 'credit-rules-bench-'));
cpSync(sourceDir, pkgDir, { recursive: true });
process.on('exit', () => rmSync(pkgDir, { recursive: true, force: true }));
const timing = { runs: Number(args.runs), minRunMs: Number(args['min-run-ms']) };

function fail(message) {
  console.error(`\nbench: ${message}`);
  process.exit(1);
}

const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'));
const versionOf = (name) => readJson(join(benchDir, 'node_modules', name, 'package.json')).version;

// ---- the package under test
let api;
let wasmBytes;
try {
  wasmBytes = readFileSync(join(pkgDir, 'credit_rules_bg.wasm'));
  api = await import(pathToFileURL(join(pkgDir, 'index.js')).href);
  api.initSync({ module: wasmBytes });
} catch (error) {
  fail(`cannot load the package in ${sourceDir} (${error.message}); build it with bash scripts/build-pkg`);
}
const wasmSha = createHash('sha256').update(wasmBytes).digest('hex').slice(0, 12);
console.log(`credit-rules bench: package ${sourceDir} (wasm sha256 ${wasmSha}), Node ${process.version}, ${cpus().length} x ${cpus()[0]?.model ?? 'unknown CPU'}`);
/** The share of CPU time other processes used over `ms` (the load average lags by a minute). */
async function busyShare(ms) {
  const total = (list) => list.reduce((sum, cpu) => sum + Object.values(cpu.times).reduce((a, b) => a + b, 0), 0);
  const idle = (list) => list.reduce((sum, cpu) => sum + cpu.times.idle, 0);
  const before = cpus();
  await new Promise((done) => setTimeout(done, ms));
  const after = cpus();
  const elapsed = total(after) - total(before);
  return elapsed > 0 ? 1 - (idle(after) - idle(before)) / elapsed : 0;
}
const busyAtStart = await busyShare(1000);
const loadAtStart = loadavg()[0];
console.log(`machine: ${(busyAtStart * 100).toFixed(0)}% busy over the last second, load average ${loadAtStart.toFixed(1)}`);
if (busyAtStart > 0.15) console.log('note: other work is running: the figures will be noisy (run the bench on an idle machine)');

// ---- the corpus: committed JSON, checked against the package on every run
const corpusDir = join(benchDir, 'corpus');
const options = readJson(join(corpusDir, 'options.json'));
const entries = [
  { key: 'a', file: 'a-minimal.json', label: '(a) minimal valid body', errors: 0 },
  { key: 'b', file: 'b-form.json', label: '(b) full form-shaped body', errors: 0 },
  { key: 'c', file: 'c-invalid.json', label: '(c) invalid body, five errors', errors: 5 },
  { key: 'd', file: 'd-large.json', label: '(d) large: 200 items, 500 ids, 50 fields', errors: 0 },
].map((entry) => {
  const draft = readJson(join(corpusDir, entry.file));
  return { ...entry, draft, text: JSON.stringify(draft) };
});
for (const entry of entries) {
  const report = api.validateCredit(entry.draft, options);
  const fromText = api.validateCreditJson(entry.text, options);
  const codes = report.errors.map((issue) => `${issue.code}@${issue.pointer}`);
  if (report.errors.length !== entry.errors || report.valid !== (entry.errors === 0)) {
    fail(`corpus ${entry.file}: expected ${entry.errors} errors, validateCredit gave ${report.errors.length}: ${codes.join(', ')}`);
  }
  if (fromText.valid !== report.valid || fromText.errors.length !== report.errors.length) {
    fail(`corpus ${entry.file}: validateCreditJson disagrees with validateCredit`);
  }
  entry.ourErrors = codes;
}
console.log(`corpus: ${entries.map((e) => `${e.file} ${(e.text.length / 1024).toFixed(1)} KB`).join(', ')}; now = ${options.now}`);

// ---- the peers, and proof that they check what we check
const peerModules = { zod: zodPeer, valibot: valibotPeer, ajv: ajvPeer };
const peers = Object.fromEntries(
  Object.entries(peerModules).map(([name, module]) => [name, { strict: module.make(), loose: module.make({ allowUnknownFields: true }) }]),
);
for (const entry of entries) {
  for (const [name, { strict }] of Object.entries(peers)) {
    const verdict = strict.validate(entry.draft);
    if (verdict.valid !== (entry.errors === 0)) fail(`peer ${name} says valid=${verdict.valid} on ${entry.file}: fix the peer`);
    if (!verdict.valid) entry[`${name}Errors`] = verdict.issues.length;
  }
}
const agreed = agreement(api, peers, root);
if (agreed.tableFailures.length > 0) fail(`the package fails fixture verdicts: ${agreed.tableFailures.join('; ')}`);
console.log(`\nAgreement with validateCredit's valid/invalid verdict (${agreed.cases} cases: both fixture tables + JS-only values)`);
for (const [name, result] of Object.entries(agreed.peers)) {
  const values = result.values.compared ? `; normalized value equal on ${result.values.compared - result.values.differ.length} of ${result.values.compared} valid cases` : '; no normalized value (checks only)';
  const files = Object.entries(result.byFile).map(([file, f]) => `${file} ${f.matched}/${f.total}`).join(', ');
  console.log(`  ${name.padEnd(8)} ${result.matched} of ${result.total} verdicts match (${files})${values}`);
  for (const m of result.mismatches) console.log(`    - ${m.case} (ours ${m.ours ? 'valid' : 'invalid'}, peer ${m.peer ? 'valid' : 'invalid'}): ${m.reason}`);
  for (const d of result.values.differ) console.log(`    ~ value: ${d.case}: ${d.reason}`);
}
const unexplained = Object.values(agreed.peers).flatMap((p) => [...p.mismatches, ...p.values.differ]).filter((m) => m.reason === 'UNEXPLAINED');
if (unexplained.length > 0) console.log(`  WARNING: ${unexplained.length} unexplained difference(s) above`);
console.log(`  errors reported on (c): ours ${entries[2].ourErrors.length}, ${Object.keys(peers).map((n) => `${n} ${entries[2][`${n}Errors`]}`).join(', ')}`);

// ---- timing: each cell in a fresh worker (see lib/cell.mjs), one at a time
const contestants = [
  { key: 'validateCredit', label: 'validateCredit (object)' },
  { key: 'validateCreditJson', label: 'validateCreditJson (text)' },
  { key: 'zod', label: `Zod ${versionOf('zod')}` },
  { key: 'valibot', label: `Valibot ${versionOf('valibot')}` },
  { key: 'ajv', label: `Ajv ${versionOf('ajv')} + JS` },
  { key: 'floor', label: 'JSON.stringify (floor)' },
];
function timeCell(entry, contestant) {
  return new Promise((resolvePromise, reject) => {
    const worker = new Worker(new URL('./lib/cell.mjs', import.meta.url), {
      workerData: { pkgDir, corpusDir, file: entry.file, contestant: contestant.key, timing },
    });
    worker.once('message', resolvePromise);
    worker.once('error', reject);
    worker.once('exit', (code) => code !== 0 && reject(new Error(`worker for ${entry.file} / ${contestant.key} exited ${code}`)));
  });
}
console.log(`\nTiming: each cell in a fresh worker; median of ${timing.runs} runs of >= ${timing.minRunMs} ms each, after calibration and warm-up`);
const results = {};
for (const entry of entries) {
  results[entry.key] = {};
  for (const contestant of contestants) {
    results[entry.key][contestant.key] = await timeCell(entry, contestant);
    process.stdout.write('.');
  }
}
process.stdout.write('\n');

const ratio = (a, b) => a / b;
const ratios = {};
for (const entry of entries) {
  const row = results[entry.key];
  const ours = row.validateCredit.medianNs;
  ratios[entry.key] = Object.fromEntries(
    ['zod', 'valibot', 'ajv', 'floor'].map((peer) => [peer, ratio(ours, row[peer].medianNs)]),
  );
  ratios[entry.key].jsonToFloor = ratio(row.validateCreditJson.medianNs, row.floor.medianNs);
}

console.log('\nMedian time per call');
console.log(table(['corpus', ...contestants.map((c) => c.label)], entries.map((e) => [e.label, ...contestants.map((c) => formatNs(results[e.key][c.key].medianNs))])));
console.log('\nvalidateCredit ÷ each (below 1: we are faster)');
console.log(
  table(
    ['corpus', 'Zod', 'Valibot', 'Ajv', 'floor', 'Json÷floor'],
    entries.map((e) => [e.label, ...['zod', 'valibot', 'ajv', 'floor', 'jsonToFloor'].map((k) => ratios[e.key][k].toFixed(2))]),
  ),
);
console.log('\nmedian ns per call (for copying)');
console.log(table(['corpus', ...contestants.map((c) => c.key)], entries.map((e) => [e.key, ...contestants.map((c) => results[e.key][c.key].medianNs.toFixed(0))])));

// ---- startup: sizes and compile + instantiate
const size = sizes(pkgDir);
console.log(`\nSize: wasm ${size.wasmRaw} bytes raw, ${size.wasmGzip} gzip -9; JS glue ${size.glueRaw} raw, ${size.glueGzip} gzip -9 (${size.glueFiles.map((f) => `${f.file} ${f.gzip}`).join(', ')})`);
const startupCount = Number(args['startup-count']);
const nodeStartup = await nodeInstantiate(pkgDir, startupCount);
console.log(`Compile + instantiate in Node (median of ${startupCount}): init() ${nodeStartup.initMs.toFixed(2)} ms, initSync() ${nodeStartup.initSyncMs.toFixed(2)} ms`);
let chromiumStartup;
if (args['no-chromium']) {
  chromiumStartup = { skipped: '--no-chromium' };
} else {
  try {
    chromiumStartup = await chromiumInstantiate(pkgDir, startupCount, entries[0].draft, options);
    if (!chromiumStartup.sampleValid) fail('validateCredit in Chromium refused the minimal body');
    console.log(`Compile + instantiate in ${chromiumStartup.browser} (median of ${startupCount}): init() ${chromiumStartup.initMs.toFixed(2)} ms (min ${chromiumStartup.minMs.toFixed(2)})${chromiumStartup.crossOriginIsolated ? '' : ' [timer coarsened: not cross-origin isolated]'}`);
  } catch (error) {
    chromiumStartup = { skipped: error.message.split('\n')[0] };
    console.log(`Chromium not run: ${chromiumStartup.skipped}`);
  }
}

// ---- the issue's targets
const GZIP_BUDGET = 35_000;
const targets = [];
for (const e of entries) {
  const r = ratios[e.key];
  const fastestForm = Math.min(results[e.key].zod.medianNs, results[e.key].valibot.medianNs);
  targets.push(
    { entry: e.key, target: 'no slower than the fastest of Zod and Valibot', value: results[e.key].validateCredit.medianNs / fastestForm, limit: 1 },
    { entry: e.key, target: 'within 2x of Ajv', value: r.ajv, limit: 2 },
    { entry: e.key, target: 'within 3x of JSON.stringify', value: r.floor, limit: 3 },
  );
}
targets.push({ entry: '-', target: `wasm <= 35 KB gzipped (read as ${GZIP_BUDGET} bytes)`, value: size.wasmGzip, limit: GZIP_BUDGET });
for (const t of targets) t.holds = t.value <= t.limit;
console.log('\nTargets of issue 4');
console.log(
  table(
    ['corpus', 'target', 'measured', 'holds'],
    targets.map((t) => [t.entry, t.target, t.limit === GZIP_BUDGET ? `${t.value} bytes` : `${t.value.toFixed(2)}x`, t.holds ? 'yes' : 'NO']),
  ),
);

// ---- files
mkdirSync(args.out, { recursive: true });
const output = {
  when: new Date().toISOString(),
  node: process.version,
  cpu: cpus()[0]?.model,
  cores: cpus().length,
  busyAtStart,
  loadAtStart,
  package: { dir: sourceDir, wasmSha256: wasmSha },
  options,
  timing,
  corpus: entries.map((e) => ({ key: e.key, file: e.file, label: e.label, bytes: e.text.length, ourErrors: e.ourErrors })),
  contestants: contestants.map(({ key, label }) => ({ key, label })),
  results,
  ratios,
  size,
  startup: { node: nodeStartup, chromium: chromiumStartup },
  agreement: agreed,
  targets,
};
writeFileSync(join(args.out, 'results.json'), `${JSON.stringify(output, null, 2)}\n`);
writeFileSync(join(args.out, 'chart.svg'), chart(results, contestants, entries, `credit-rules vs peers (wasm ${wasmSha}, Node ${process.version})`));
console.log(`\nWritten: ${join(args.out, 'results.json')}, ${join(args.out, 'chart.svg')}`);
