// Before and after: node bench/compare.mjs BEFORE/results.json AFTER/results.json
// Prints our two entry points before and after (the peers and the floor too: they did not
// change, so their drift shows how noisy the machine was), sizes (the shipped figure of issue 10
// where both runs have it) and startup. For before and after timed run against run: ab.mjs.
import { readFileSync } from 'node:fs';
import { formatNs, table } from './lib/report.mjs';

const [beforePath, afterPath] = process.argv.slice(2);
if (!beforePath || !afterPath) {
  console.error('usage: node bench/compare.mjs BEFORE/results.json AFTER/results.json');
  process.exit(2);
}
const before = JSON.parse(readFileSync(beforePath, 'utf8'));
const after = JSON.parse(readFileSync(afterPath, 'utf8'));
console.log(`before: ${before.package.dir} (wasm ${before.package.wasmSha256}, ${before.when})`);
console.log(`after:  ${after.package.dir} (wasm ${after.package.wasmSha256}, ${after.when})\n`);

const rows = [];
for (const entry of after.corpus) {
  for (const { key, label } of after.contestants) {
    const b = before.results[entry.key]?.[key]?.medianNs;
    const a = after.results[entry.key][key].medianNs;
    rows.push([entry.label, label, b === undefined ? '-' : formatNs(b), formatNs(a), b === undefined ? '-' : `${(b / a).toFixed(2)}x`]);
  }
}
console.log(table(['corpus', 'contestant', 'before', 'after', 'speed-up'], rows));

const ratioRows = after.corpus.map((entry) => [
  entry.label,
  ...['zod', 'valibot', 'ajv', 'floor'].map((k) => `${before.ratios[entry.key][k].toFixed(2)} -> ${after.ratios[entry.key][k].toFixed(2)}`),
]);
console.log('\nvalidateCredit ÷ peer, before -> after (below 1: we are faster)');
console.log(table(['corpus', 'Zod', 'Valibot', 'Ajv', 'floor'], ratioRows));

const startup = (r) => [r.startup.node.initMs, r.startup.chromium?.initMs];
const [nodeBefore, chromiumBefore] = startup(before);
const [nodeAfter, chromiumAfter] = startup(after);
const ms = (v) => (v === undefined ? '-' : `${v.toFixed(2)} ms`);
const bytes = (v) => (v === undefined ? '-' : `${v} B`);
console.log(
  `\n${table(
    ['', 'before', 'after'],
    [
      ['wasm raw', `${before.size.wasmRaw} B`, `${after.size.wasmRaw} B`],
      ['wasm gzip -9', `${before.size.wasmGzip} B`, `${after.size.wasmGzip} B`],
      ['JS glue gzip -9', `${before.size.glueGzip} B`, `${after.size.glueGzip} B`],
      ['shipped: bundled JS gzip -9', bytes(before.shipped?.js.gzip), bytes(after.shipped?.js.gzip)],
      ['shipped: total, each alone', bytes(before.shipped?.total.separately), bytes(after.shipped?.total.separately)],
      ['shipped: total, together', bytes(before.shipped?.total.together), bytes(after.shipped?.total.together)],
      ['compile+instantiate, Node', ms(nodeBefore), ms(nodeAfter)],
      ['compile+instantiate, Chromium', ms(chromiumBefore), ms(chromiumAfter)],
    ],
  )}`,
);
