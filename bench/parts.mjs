// The JS on either side of the wasm, timed apart: node bench/parts.mjs [--pkg DIR] [--edge FILE...]
//   [--only a,b,c,d] [--runs N]
// For each corpus entry: `read`, js/edge.js reading the draft into its tape (readDraft) and
// copying it into wasm memory (the two takeDraft calls), and `build`, js/edge.js building the
// report from a result tape (buildResult), the one the package's wasm wrote for that entry.
// Each --edge FILE (a copy of js/edge.js, edited) is timed against the same wasm and the same
// tapes, so a change to one side is seen without the rest of a call around it (session 12
// found its V8 slow paths this way: write barriers, an out-of-bounds charCodeAt, double-typed
// lengths). Medians of --runs runs of at least 50 ms; in one process, so read the figures
// side by side, and judge a change in the whole call with ab-quick.mjs.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { readCorpus } from './lib/corpus.mjs';
import { measure } from './lib/timing.mjs';

const benchDir = dirname(fileURLToPath(import.meta.url));
const { values: args } = parseArgs({
  options: {
    pkg: { type: 'string', default: resolve(benchDir, '..', 'pkg') },
    edge: { type: 'string', multiple: true, default: [] },
    only: { type: 'string', default: 'a,b,c,d' },
    runs: { type: 'string', default: '7' },
  },
});
const runs = Number(args.runs);
const only = args.only.split(',');
const { options, entries } = readCorpus(join(benchDir, 'corpus'));

// The package's own copy of js/edge.js: the snippet the glue imports.
const glue = readFileSync(join(args.pkg, 'credit_rules.js'), 'utf8');
const snippet = glue.match(/from '\.\/(snippets\/[^']+\/js\/edge\.js)'/);
if (snippet === null) throw new Error(`bench/parts.mjs: ${args.pkg}/credit_rules.js imports no js/edge.js`);
const packaged = join(args.pkg, snippet[1]);
const edges = [packaged, ...args.edge.map((path) => resolve(path))];

/** An instance of the package's wasm whose imports are `edge`'s, the result tape's address
 * and lengths kept by `buildResult` as it builds. */
function instantiate(edge) {
  const module = new WebAssembly.Module(readFileSync(join(args.pkg, 'credit_rules_bg.wasm')));
  let exports;
  const kept = { tape: null };
  const by = {
    takeDraft: (...a) => edge.takeDraft(...a.map((n) => n >>> 0)),
    buildResult: (...a) => {
      kept.tape = a.map((n) => n >>> 0);
      return edge.buildResult(...kept.tape);
    },
    parseNumber: (...a) => edge.parseNumber(...a.map((n) => n >>> 0)),
    init_externref_table: () => {
      const table = exports.__wbindgen_externrefs;
      table.set(0, undefined);
      table.set(1024, undefined);
      table.set(1025, null);
      table.set(1026, true);
      table.set(1027, false);
    },
  };
  const imports = {};
  for (const { module: from, name } of WebAssembly.Module.imports(module)) {
    const use = Object.keys(by).find((key) => name.includes(key));
    if (use === undefined) throw new Error(`bench/parts.mjs: the wasm imports ${name}, which it does not know`);
    (imports[from] ??= {})[name] = by[use];
  }
  exports = new WebAssembly.Instance(module, imports).exports;
  exports.__wbindgen_start();
  edge.bindMemory(exports.memory);
  return { exports, kept };
}

/** Median ns per call of `run` (bench/lib/timing.mjs: runs of at least 50 ms). */
const time = (run) => measure(run, { runs, minRunMs: 50 }).medianNs;

console.log(`js/edge.js's two sides, median ns per call (${runs} runs); the wasm of ${args.pkg}`);
for (const path of edges) {
  const edge = await import(pathToFileURL(path).href);
  const { exports, kept } = instantiate(edge);
  const cells = [];
  for (const entry of entries.filter((e) => only.includes(e.key))) {
    // The entry's call once: its result tape stays in memory until the next call into the wasm.
    exports.validateTape(edge.readDraft(entry.draft, options, true));
    if (edge.takeResult()?.valid !== (entry.errors === 0)) throw new Error(`corpus ${entry.file}: not the expected report`);
    const tape = kept.tape;
    const build = time(() => {
      edge.buildResult(...tape);
      return edge.takeResult();
    });
    // The draft's ops and text copied into memory past the heap, where no call writes.
    const scratch = exports.memory.grow(0) * 65536;
    exports.memory.grow(Math.ceil((entry.text.length * 3 + 65536) / 65536) * 2);
    edge.bindMemory(exports.memory);
    const read = time(() => {
      const count = edge.readDraft(entry.draft, options, true);
      edge.takeDraft(scratch, count, 0, 0);
      return edge.takeDraft(0, 0, scratch + 8 * count, entry.text.length * 3);
    });
    cells.push(`${entry.key} read ${read.toFixed(0)}, build ${build.toFixed(0)}`);
  }
  console.log(`${path === packaged ? 'the package' : path}: ${cells.join(' | ')}`);
}
