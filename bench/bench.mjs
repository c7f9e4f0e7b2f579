// The benchmark of issues 4 and 10, run by hand (never by the tests): bash bench/run
// or, with bench/node_modules installed and a built package:
//   node bench/bench.mjs [--pkg DIR] [--out DIR] [--runs N] [--min-run-ms MS] [--no-chromium]
//                        [--before BEFORE/results.json]
// --pkg: the package to measure (default: the repository's pkg/); --out: where results.json and
// chart.svg go (default bench/out); --before: a results.json of the build before, for the
// startup target. See bench/README.md for what each figure means; bench/ab.mjs compares two
// builds' speed and startup run against run.
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { agreement } from './lib/agreement.mjs';
import { SHIPPED_BUDGET, ZOD_SIZE, describeShipped, shippedSize } from './lib/bundle.mjs';
import { checkCorpus, readCorpus } from './lib/corpus.mjs';
import { chart, formatNs, runInfo, table } from './lib/report.mjs';
import { chromiumInstantiate, nodeInstantiate, sizes, startupWasm } from './lib/startup.mjs';
import { busyShare } from './lib/timing.mjs';
import { timeCell } from './lib/workers.mjs';
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
    before: { type: 'string' },
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
const busyAtStart = await busyShare(1000);
const loadAtStart = loadavg()[0];
console.log(`machine: ${(busyAtStart * 100).toFixed(0)}% busy over the last second, load average ${loadAtStart.toFixed(1)}`);
if (busyAtStart > 0.15) console.log('note: other work is running: the figures will be noisy (run the bench on an idle machine)');

// ---- the corpus: committed JSON, checked against the package on every run
const corpusDir = join(benchDir, 'corpus');
const corpus = readCorpus(corpusDir);
const { options, entries } = corpus;
try {
  checkCorpus(api, corpus).forEach((codes, i) => {
    entries[i].ourErrors = codes;
  });
} catch (error) {
  fail(error.message);
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
console.log(`\nTiming: each cell in a fresh worker; median of ${timing.runs} runs of >= ${timing.minRunMs} ms each, after calibration and warm-up`);
const results = {};
for (const entry of entries) {
  results[entry.key] = {};
  for (const contestant of contestants) {
    results[entry.key][contestant.key] = await timeCell({ pkgDir, corpusDir, file: entry.file, contestant: contestant.key, timing });
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
console.log(`\nSize unbundled: wasm (${size.wasmFile}) ${size.wasmRaw} bytes raw, ${size.wasmGzip} gzip -9; JS glue ${size.glueRaw} raw, ${size.glueGzip} gzip -9 (${size.glueFiles.map((f) => `${f.file} ${f.gzip}`).join(', ')})`);
const shipped = await shippedSize(pkgDir);
console.log(`Shipped: \`import init, { validateCredit } from 'credit-rules'\` bundled by esbuild ${shipped.esbuild} (minified, tree-shaken, ESM, browser), and the wasm`);
for (const line of describeShipped(shipped)) console.log(`  ${line}`);
const toZod = ZOD_SIZE - shipped.total.larger;
console.log(`  the larger reading against Zod 4's 26 KB (${ZOD_SIZE} bytes): ${toZod >= 0 ? `${toZod} bytes to spare` : `${-toZod} bytes over`}`);
if (!shipped.wasmUrlKept) console.log('  WARNING: the bundle lost new URL(\'credit_rules…_bg.wasm\', import.meta.url): it would not find the wasm');
for (const warning of shipped.warnings) console.log(`  esbuild warning: ${warning}`);
const startupCount = Number(args['startup-count']);
const nodeStartup = await nodeInstantiate(pkgDir, startupCount);
console.log(`Compile + instantiate of ${startupWasm(pkgDir)} in Node (median of ${startupCount}): init() ${nodeStartup.initMs.toFixed(2)} ms, initSync() ${nodeStartup.initSyncMs.toFixed(2)} ms`);
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

// ---- the issue's targets (issue 10); `shown` is the measured figure as printed
const targets = [];
const times = (value) => `${value.toFixed(2)}x`;
for (const e of entries) {
  const r = ratios[e.key];
  const fasterForm = Math.min(results[e.key].zod.medianNs, results[e.key].valibot.medianNs);
  const toForm = results[e.key].validateCredit.medianNs / fasterForm;
  targets.push(
    { entry: e.key, target: 'validateCredit <= 0.8x the faster of Zod and Valibot', value: toForm, limit: 0.8, shown: times(toForm) },
    { entry: e.key, target: 'validateCredit <= 2x Ajv', value: r.ajv, limit: 2, shown: times(r.ajv) },
    { entry: e.key, target: 'validateCredit <= 3x JSON.stringify', value: r.floor, limit: 3, shown: times(r.floor) },
  );
}
targets.push({
  entry: '-',
  target: `shipped wasm + bundled JS <= the budget (${SHIPPED_BUDGET} bytes gzipped; issue 10 set 30,000), each gzipped alone and together`,
  value: shipped.total.larger,
  limit: SHIPPED_BUDGET,
  shown: `${shipped.total.separately} bytes (together ${shipped.total.together})`,
});
const leftIn = [shipped.germanCatalog && 'messages/de.js', shipped.jsonSchema.inJs && 'JSON Schema in the JS', shipped.jsonSchema.inWasm && 'JSON Schema in the wasm', ...shipped.jsonSchema.files].filter(Boolean);
targets.push({ entry: '-', target: 'shipped bytes hold neither messages/de.js nor the JSON Schema', value: leftIn.length, limit: 0, shown: leftIn.length ? leftIn.join(', ') : 'neither' });
let before;
if (args.before) {
  before = readJson(resolve(args.before));
  const half = (label, now, then) => {
    if (now === undefined || then === undefined) return;
    targets.push({ entry: '-', target: `startup: ${label} <= half of before (${then.toFixed(2)} ms)`, value: now / then, limit: 0.5, shown: `${now.toFixed(2)} ms, ${(now / then).toFixed(3)}x` });
  };
  half('Node init()', nodeStartup.initMs, before.startup?.node?.initMs);
  half('Node initSync()', nodeStartup.initSyncMs, before.startup?.node?.initSyncMs);
  half('Chromium init()', chromiumStartup.initMs, before.startup?.chromium?.initMs);
}
for (const t of targets) t.holds = t.value <= t.limit;
console.log('\nTargets of issue 10');
console.log(table(['corpus', 'target', 'measured', 'holds'], targets.map((t) => [t.entry, t.target, t.shown, t.holds ? 'yes' : 'NO']), 2));
if (!before) console.log('startup <= half of before: give --before BEFORE/results.json (or run bench/ab.mjs)');
console.log('validateCredit and validateCreditJson no slower than before: node bench/ab.mjs --before DIR (see bench/README.md)');

// ---- files
mkdirSync(args.out, { recursive: true });
const output = {
  ...runInfo(busyAtStart, loadAtStart),
  package: { dir: sourceDir, wasmSha256: wasmSha },
  options,
  timing,
  corpus: entries.map((e) => ({ key: e.key, file: e.file, label: e.label, bytes: e.text.length, ourErrors: e.ourErrors })),
  contestants: contestants.map(({ key, label }) => ({ key, label })),
  results,
  ratios,
  size,
  shipped,
  before: args.before ? resolve(args.before) : undefined,
  startup: { node: nodeStartup, chromium: chromiumStartup },
  agreement: agreed,
  targets,
};
writeFileSync(join(args.out, 'results.json'), `${JSON.stringify(output, null, 2)}\n`);
writeFileSync(join(args.out, 'chart.svg'), chart(results, contestants, entries, `credit-rules vs peers (wasm ${wasmSha}, Node ${process.version})`));
console.log(`\nWritten: ${join(args.out, 'results.json')}, ${join(args.out, 'chart.svg')}`);
