// The shared JS suite in headless Chromium: a loopback static server with a strict CSP
// (script-src 'self' 'wasm-unsafe-eval'), the page tests/js/browser.html, one node:test per case.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runPage } from './chromium.mjs';

const { results, pageErrors } = await runPage('browser.html', 'suiteResults', 120000);

test('the page loads the package under a strict CSP without errors', () => {
  assert.deepEqual(pageErrors, []);
  assert.ok(results.length > 100, `only ${results.length} results`);
});
for (const { name, ok, error } of results) {
  test(`chromium: ${name}`, () => assert.ok(ok, error));
}
