// Makes pkg/package.json the manifest of the published package: metadata from Cargo.toml,
// the hand-written entry (js/index.js) that wraps the generated module, the subpath exports,
// and a `files` list holding exactly what a user needs (check: `npm pack --dry-run --json`).
import { readFileSync, writeFileSync } from 'node:fs';

const root = new URL('../', import.meta.url);
const path = new URL('pkg/package.json', root);
const generated = JSON.parse(readFileSync(path, 'utf8'));

/** The `key = "value"` of the [package] table of Cargo.toml. */
function cargo(key) {
  const text = readFileSync(new URL('Cargo.toml', root), 'utf8');
  const table = text.split(/^\[/m).find((part) => part.startsWith('package]')) ?? '';
  const match = table.match(new RegExp(`^${key}\\s*=\\s*"([^"]*)"`, 'm'));
  if (!match) throw new Error(`Cargo.toml: no package.${key}`);
  return match[1];
}

// The glue's default module is the lite one (js/init.js says why); json.js names the whole one.
const gluePath = new URL('pkg/credit_rules.js', root);
const wholeUrl = "new URL('credit_rules_bg.wasm', import.meta.url)";
const liteUrl = "new URL('credit_rules_lite_bg.wasm', import.meta.url)";
const glueText = readFileSync(gluePath, 'utf8');
/** `piece`, which must be in the glue exactly once: the patches below replace it. */
function once(piece) {
  if (glueText.indexOf(piece) < 0 || glueText.indexOf(piece) !== glueText.lastIndexOf(piece)) {
    throw new Error(`pkg/credit_rules.js: expected one ${piece.trim()} (did wasm-bindgen change its glue?)`);
  }
  return piece;
}
// init() given bytes or a compiled module instantiates them synchronously: for a module this
// small, V8's async compile and instantiate spend more on their task hops than on the work
// (Node 20, the same module: about 2.5 ms against 1.7 ms; README "Size and speed"). A
// Response (the default fetch) still streams. Given as `{ module_or_path }` they take the
// shortcut below; this serves the glue's deprecated form, `init(bytes)`.
const indent = '        ';
const asyncInstantiate = once(`${indent}const instance = await WebAssembly.instantiate(module, imports);\n`);
const syncInstantiate =
  `${indent}if (module instanceof ArrayBuffer || ArrayBuffer.isView(module)) module = new WebAssembly.Module(module);\n` +
  `${indent}if (module instanceof WebAssembly.Module) return { instance: new WebAssembly.Instance(module, imports), module };\n` +
  asyncInstantiate;
// And init() given them as `{ module_or_path }` goes straight to initSync, which does the same
// with neither the two async functions between (`__wbg_init_once`, `__wbg_load`) nor their
// awaits: a page compiles each on its first call (Chromium: instantiating through init() 0.38
// → 0.29 ms; Node init() 0.72 → 0.68 ms). A URL, a Request or a Response still goes the
// glue's way.
const initStart = once('async function __wbg_init(module_or_path) {\n    if (wasm !== undefined) return wasm;\n');
const initShortcut =
  initStart +
  '    const given = module_or_path?.module_or_path;\n' +
  '    if (given instanceof WebAssembly.Module || given instanceof ArrayBuffer || ArrayBuffer.isView(given)) return initSync({ module: given });\n';
const patchedGlue = glueText
  .replace(once(wholeUrl), liteUrl)
  .replace(asyncInstantiate, syncInstantiate)
  .replace(initStart, initShortcut);
writeFileSync(gluePath, patchedGlue);

// The snippets the glue imports (wasm-pack leaves stale ones from earlier builds in pkg/). A
// snippet may be imported twice (named imports and a namespace), so each is listed once.
const snippets = [...new Set([...patchedGlue.matchAll(/^import\s[^'"]*['"]\.\/(snippets\/[^'"]+)['"]/gm)].map((match) => match[1]))];

// index.js, json.js and init.js import from js/edge.js (readDraft, ruleCatalog, bindMemory):
// the copy the glue imports, whose folder wasm-bindgen names after the crate's hash.
const edge = snippets.filter((snippet) => snippet.endsWith('/js/edge.js'));
if (edge.length !== 1) throw new Error(`pkg/credit_rules.js: expected one edge.js snippet, found ${edge.length}`);
const edgeImport = "from './edge.js';";
for (const [file, imports] of [['index.js', 2], ['json.js', 1], ['init.js', 1]]) {
  const filePath = new URL(`pkg/${file}`, root);
  const text = readFileSync(filePath, 'utf8');
  if (text.split(edgeImport).length !== imports + 1) throw new Error(`pkg/${file}: expected ${imports} ${edgeImport}`);
  writeFileSync(filePath, text.split(edgeImport).join(`from './${edge[0]}';`));
}

const pkg = {
  name: 'credit-rules',
  version: cargo('version'),
  description: cargo('description'),
  license: cargo('license'),
  repository: { type: 'git', url: cargo('repository') },
  keywords: ['metronome', 'billing', 'credits', 'validation', 'form', 'webassembly', 'wasm', 'standard-schema', 'json-schema'],
  type: 'module',
  main: './index.js',
  module: './index.js',
  types: './index.d.ts',
  exports: {
    '.': { types: './index.d.ts', default: './index.js' },
    './messages/de': { types: './messages/de.d.ts', default: './messages/de.js' },
    './credit_rules_bg.wasm': './credit_rules_bg.wasm',
    './credit_rules_lite_bg.wasm': './credit_rules_lite_bg.wasm',
    './package.json': './package.json',
  },
  // The hand-written entry and types, the generated glue, the wasm, the snippets the glue
  // imports, the catalogs. Not shipped: credit_rules.d.ts and credit_rules_bg.wasm.d.ts (raw
  // wasm exports typed `any`, which the public index.d.ts replaces). npm adds package.json,
  // README.md and a LICENSE on its own.
  files: ['index.js', 'index.d.ts', 'types.d.ts', 'init.js', 'json.js', 'describe.js', 'fix.js', 'json-schema.js', 'fields.js', 'credit_rules.js', 'credit_rules_bg.wasm', 'credit_rules_lite_bg.wasm', ...snippets, 'messages/'],
  // Nothing runs on import but json.js's naming of the whole module, which matters only
  // where its export is used (and so kept); the wasm-bindgen snippets are kept whole all the same, as
  // wasm-pack does (`**`: they sit in nested folders, which `*` does not match).
  sideEffects: ['./snippets/**'],
};
for (const [key, value] of Object.entries(generated)) {
  if (!(key in pkg)) pkg[key] = value;
}
writeFileSync(path, JSON.stringify(pkg, null, 2) + '\n');
