// The JS edge tests (edge.mjs) in Node over pkg/ (initSync), then in headless Chromium over
// pkg/ (init) from a loopback static server with the strict CSP of the shared suite.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as api from '../../pkg/index.js';
import { edgeTests } from './edge.mjs';
import { runPage } from './chromium.mjs';

const wasm = api.initSync({ module: readFileSync(new URL('../../pkg/credit_rules_bg.wasm', import.meta.url)) });

for (const { name, run } of edgeTests()) {
  test(`node: ${name}`, () => {
    const note = run(api, wasm);
    if (note) console.log(`# node: ${name}: ${note}`);
  });
}

const { results, pageErrors } = await runPage('edge.html', 'edgeResults', 300000);
test('chromium: the page runs the edge tests under a strict CSP without errors', () => {
  assert.deepEqual(pageErrors, []);
  assert.equal(results.length, edgeTests().length);
});
for (const { name, ok, error, note } of results) {
  test(`chromium: ${name}`, () => {
    if (note) console.log(`# chromium: ${name}: ${note}`);
    assert.ok(ok, error);
  });
}
