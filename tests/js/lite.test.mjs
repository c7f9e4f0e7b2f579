// The lite module (pkg/credit_rules_lite_bg.wasm: the whole one without validateCreditJson's
// JSON text reader) and init()'s choice between the two (js/init.js). This file loads the
// lite module, so it runs the shared suite over it: every table case but the JSON-text ones,
// every test but those of validateCreditJson.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tests } from './suite.mjs';

const read = (path) => readFileSync(new URL(path, import.meta.url));
const pkg = new URL('../../pkg/', import.meta.url);

/** Serves init()'s fetch from pkg/ and records the URLs it asks for. */
function recordFetches() {
  const fetched = [];
  globalThis.fetch = async (url) => {
    fetched.push(String(url));
    return new Response(readFileSync(fileURLToPath(url)), { headers: { 'content-type': 'application/wasm' } });
  };
  return fetched;
}

// As a bundled app that does not import validateCreditJson: init.js and the glue, no json.js.
const fetched = recordFetches();
const { default: init } = await import(new URL('init.js', pkg));
const glue = await import(new URL('credit_rules.js', pkg));
const wasm = await init();
const api = await import(new URL('index.js', pkg));
// The JS half of the edge, where the glue imports it (a folder named after the crate's hash).
const edgePath = readFileSync(new URL('index.js', pkg), 'utf8').match(/from '\.\/(snippets\/[^']+\/js\/edge\.js)'/)[1];
const { readDraft, bindMemory, takeResult } = await import(new URL(edgePath, pkg));

test('init() given nothing fetches the lite module when json.js was not evaluated', () => {
  assert.deepEqual(fetched.map((url) => url.slice(url.lastIndexOf('/') + 1)), ['credit_rules_lite_bg.wasm']);
});

test('init() fetches the whole module once json.js (validateCreditJson) is in the app', () => {
  const script = `
    import { readFileSync } from 'node:fs';
    import { fileURLToPath } from 'node:url';
    const fetched = [];
    globalThis.fetch = async (url) => {
      fetched.push(String(url));
      return new Response(readFileSync(fileURLToPath(url)), { headers: { 'content-type': 'application/wasm' } });
    };
    const { default: init, validateCreditJson } = await import(${JSON.stringify(new URL('index.js', pkg).href)});
    await init();
    console.log(JSON.stringify({ fetched, valid: validateCreditJson('{}').valid }));`;
  const out = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }));
  assert.deepEqual(out.fetched.map((url) => url.slice(url.lastIndexOf('/') + 1)), ['credit_rules_bg.wasm']);
  assert.equal(out.valid, false);
});

test('a call before init() throws an Error that says to call it', () => {
  const script = `
    const api = await import(${JSON.stringify(new URL('index.js', pkg).href)});
    for (const call of [() => api.validateCredit({}), () => api.validateCreditJson('{}')]) {
      try {
        call();
        console.log('no throw');
      } catch (error) {
        console.log(error.constructor.name + ': ' + error.message);
      }
    }`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  const expected = 'Error: credit-rules: call init() or initSync() before validating';
  assert.deepEqual(out.trim().split('\n'), [expected, expected]);
});

test('a module or path given to init() is used as given', () => {
  const script = `
    globalThis.fetch = async (url) => { console.log(String(url)); throw new Error('stop'); };
    const { default: init } = await import(${JSON.stringify(new URL('index.js', pkg).href)});
    await init({ module_or_path: 'https://example.invalid/mine.wasm' }).catch(() => {});`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  assert.equal(out.trim(), 'https://example.invalid/mine.wasm');
});

test('init() given bytes or a compiled module instantiates them; bad bytes reject and init() can be called again', async () => {
  const bytes = read('../../pkg/credit_rules_lite_bg.wasm');
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length);
  const givens = {
    Uint8Array: new Uint8Array(bytes),
    ArrayBuffer: buffer,
    'WebAssembly.Module': new WebAssembly.Module(bytes),
  };
  // A fresh copy of the glue each time: its own (uninitialized) wasm slot.
  for (const [kind, given] of Object.entries(givens)) {
    const fresh = await import(new URL(`credit_rules.js?given=${encodeURIComponent(kind)}`, pkg));
    const exports = await fresh.default({ module_or_path: given });
    assert.equal(typeof exports.validateTape, 'function', kind);
    // The glue's own init, not the package's: js/edge.js is given this instance's memory here.
    bindMemory(exports.memory);
    fresh.validateTape(readDraft({}, undefined, true));
    const report = takeResult();
    assert.equal(report.valid, false, kind);
    assert.equal(report.errors.length, 4, kind);
  }
  const fresh = await import(new URL('credit_rules.js?given=bad', pkg));
  const bad = fresh.default({ module_or_path: new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1]) });
  assert.ok(bad instanceof Promise, 'init() returns a promise, also when the bytes are bad');
  await assert.rejects(bad, WebAssembly.CompileError);
  bindMemory((await fresh.default({ module_or_path: bytes })).memory);
  fresh.validateTape(readDraft({}, undefined, true));
  assert.equal(takeResult().valid, false, 'init() after a rejection');
  bindMemory(wasm.memory);
});

test('validateTape given fewer ops than the tape kept copies what fits and answers a report', () => {
  readDraft({ customer_id: 'x'.repeat(50), product_id: 'y', priority: 1, description: 'z' }, undefined, true);
  glue.validateTape(3);
  const report = takeResult();
  assert.equal(report.valid, false);
  assert.equal(api.validateCredit({}).errors.length, 4, 'the module keeps answering');
});

test('validateCreditJson on the lite module throws an Error that names the module to load', () => {
  assert.equal(glue.validateJsonTape(readDraft('{}', undefined, false)), false, 'the lite export answers false');
  assert.equal(takeResult(), null, 'and leaves no report');
  assert.throws(() => api.validateCreditJson('{}'), {
    name: 'Error',
    message: /validateCreditJson needs the whole wasm module \(credit_rules_bg\.wasm\).*credit_rules_lite_bg\.wasm/,
  });
});

test('the lite module exports what the whole one does (the two share one glue)', async () => {
  const exports = (bytes) => WebAssembly.Module.exports(new WebAssembly.Module(bytes)).map((e) => e.name).sort();
  assert.deepEqual(exports(read('../../pkg/credit_rules_lite_bg.wasm')), exports(read('../../pkg/credit_rules_bg.wasm')));
  assert.ok(read('../../pkg/credit_rules_lite_bg.wasm').length < read('../../pkg/credit_rules_bg.wasm').length);
});

// The shared suite over the lite module, without JSON text.
const withoutJson = (cases) => cases.filter((c) => c.json === undefined);
const tables = {
  conformance: withoutJson(JSON.parse(read('../fixtures/conformance.json'))),
  'account-features': withoutJson(JSON.parse(read('../fixtures/account-features.json'))),
  cases: withoutJson(JSON.parse(read('../fixtures/cases.json'))),
};
for (const { name, run } of tests(tables)) {
  if (/validateCreditJson|every export survives/.test(name)) continue;
  test(`lite: ${name}`, () => run(api));
}
