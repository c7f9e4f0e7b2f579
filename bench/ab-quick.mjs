// In-process A/B: node bench/ab-quick.mjs --before DIR [--after DIR] [--rounds N]
// Loads both packages into one Node process and times validateCredit and validateCreditJson on
// every corpus entry in alternating 40 ms batches (before, after; then after, before), after a
// warm-up. Both builds share one process, one JIT state and every slow spell of the machine,
// so the median per-round ratio is much tighter than bench/ab.mjs's (A against itself gave
// 0.97-1.04 here, where ab.mjs's spread was 0.7-2.2); ab.mjs remains the one that isolates
// each cell in a fresh worker and measures startup. Not for absolute figures: bench.mjs.
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
  },
});
if (!args.before) {
  console.error('usage: node bench/ab-quick.mjs --before DIR [--after DIR] [--rounds N]');
  process.exit(2);
}
const rounds = Number(args.rounds);

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
console.log(`before ${args.before}, after ${args.after}; ${rounds} rounds; after ÷ before, median of the per-round ratios`);
for (const kind of ['validateCredit', 'validateCreditJson']) {
  const cells = [];
  for (const entry of entries) {
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
    cells.push(`${entry.key} ${median(micros[0]).toFixed(2)} → ${median(micros[1]).toFixed(2)} µs ×${median(ratios).toFixed(3)}`);
  }
  console.log(`${kind.padEnd(18)} ${cells.join(' | ')}`);
}
