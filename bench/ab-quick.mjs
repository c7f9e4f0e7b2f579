// In-process A/B: node bench/ab-quick.mjs --before DIR [--after DIR] [--rounds N] [--processes N]
//   [--only a,b,c,d] [--kinds validateCredit,validateCreditJson]
// Loads both packages into one Node process and times validateCredit and validateCreditJson on
// every corpus entry in alternating 40 ms batches (before, after; then after, before), after a
// warm-up. Both builds share one process, one JIT state and every slow spell of the machine,
// so the median per-round ratio is much tighter than bench/ab.mjs's (A against itself gave
// 0.97-1.04 here, where ab.mjs's spread was 0.7-2.2); ab.mjs remains the one that isolates
// each cell in a fresh worker and measures startup. Not for absolute figures: bench.mjs.
//
// One process sees one JIT state: the same two builds measured again in a new process moved
// by 2-3% on this machine (the code V8 made of each differed), more than the changes being
// judged. `--processes N` runs N processes one after the other and prints, per cell, the
// median of their medians and each process's: A against itself then read 0.998-1.006.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { readCorpus } from './lib/corpus.mjs';
import { median } from './lib/timing.mjs';

const benchDir = dirname(fileURLToPath(import.meta.url));
const { values: args } = parseArgs({
  options: {
    before: { type: 'string' },
    after: { type: 'string', default: resolve(benchDir, '..', 'pkg') },
    rounds: { type: 'string', default: '11' },
    processes: { type: 'string', default: '1' },
    only: { type: 'string', default: 'a,b,c,d' },
    kinds: { type: 'string', default: 'validateCredit,validateCreditJson' },
    // Internal: a child of --processes prints its cells as JSON.
    json: { type: 'boolean', default: false },
  },
});
if (!args.before) {
  console.error('usage: node bench/ab-quick.mjs --before DIR [--after DIR] [--rounds N] [--processes N] [--only a,b,c,d] [--kinds validateCredit,validateCreditJson]');
  process.exit(2);
}
const rounds = Number(args.rounds);
const processes = Number(args.processes);
const only = args.only.split(',');
const kinds = args.kinds.split(',');
const header = `before ${args.before}, after ${args.after}; ${rounds} rounds; after ÷ before, median of the per-round ratios`;

if (processes > 1) {
  // Each child measures every cell once; cells[kind][entry] collects their medians.
  const cells = {};
  for (let child = 0; child < processes; child += 1) {
    const out = execFileSync(process.execPath, [
      fileURLToPath(import.meta.url),
      '--before', args.before, '--after', args.after, '--rounds', args.rounds,
      '--only', args.only, '--kinds', args.kinds, '--json',
    ]);
    for (const { kind, key, before, after, ratio } of JSON.parse(out.toString())) {
      ((cells[kind] ??= {})[key] ??= []).push({ before, after, ratio });
    }
  }
  console.log(`${header}, then the median over ${processes} processes [each process's]`);
  for (const kind of kinds) {
    const line = Object.entries(cells[kind] ?? {}).map(([key, runs]) => {
      const each = runs.map((run) => run.ratio.toFixed(3)).join(' ');
      return `${key} ${median(runs.map((run) => run.before)).toFixed(2)} → ${median(runs.map((run) => run.after)).toFixed(2)} µs ×${median(runs.map((run) => run.ratio)).toFixed(3)} [${each}]`;
    });
    console.log(`${kind.padEnd(18)} ${line.join(' | ')}`);
  }
  process.exit(0);
}

async function load(dir) {
  const api = await import(pathToFileURL(resolve(dir, 'index.js')).href);
  await api.default({ module_or_path: readFileSync(resolve(dir, 'credit_rules_bg.wasm')) });
  return api;
}

/** Microseconds per call of `run`, over batches of at least `ms`. */
function time(run, ms = 40) {
  let calls = 0;
  const start = performance.now();
  let elapsed;
  do {
    run();
    calls += 1;
    elapsed = performance.now() - start;
  } while (elapsed < ms);
  return (elapsed / calls) * 1000;
}

const apis = [await load(args.before), await load(args.after)];
const { options, entries } = readCorpus(resolve(benchDir, 'corpus'));
const results = [];
if (!args.json) console.log(header);
for (const kind of kinds) {
  const cells = [];
  for (const entry of entries.filter((candidate) => only.includes(candidate.key))) {
    const input = kind === 'validateCredit' ? entry.draft : entry.text;
    for (const api of apis) time(() => api[kind](input, options), 100);
    const ratios = [];
    const micros = [[], []];
    for (let round = 0; round < rounds; round += 1) {
      const order = round % 2 === 0 ? [0, 1] : [1, 0];
      const took = [];
      for (const side of order) took[side] = time(() => apis[side][kind](input, options));
      micros[0].push(took[0]);
      micros[1].push(took[1]);
      ratios.push(took[1] / took[0]);
    }
    const cell = { kind, key: entry.key, before: median(micros[0]), after: median(micros[1]), ratio: median(ratios) };
    results.push(cell);
    cells.push(`${entry.key} ${cell.before.toFixed(2)} → ${cell.after.toFixed(2)} µs ×${cell.ratio.toFixed(3)}`);
  }
  if (!args.json) console.log(`${kind.padEnd(18)} ${cells.join(' | ')}`);
}
if (args.json) console.log(JSON.stringify(results));
