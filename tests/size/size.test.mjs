// The size budget of issue 10 on the built pkg/: what a page downloads for
//   import init, { validateCredit } from 'credit-rules'
// once esbuild has bundled it (minified, tree-shaken, ESM, browser): the bundled JS and the wasm
// at most SHIPPED_BUDGET bytes gzip -9 (bench/lib/bundle.mjs says why it is what it is), read
// both ways: each file gzipped alone (as a server sends them) and added up, and the two gzipped
// together in one stream (neither is always the larger). That import ships the lite wasm
// module; an app that imports validateCreditJson ships the whole one, within JSON_BUDGET. The bundling and counting are bench/lib/bundle.mjs, which the bench prints from too
// (it needs only the root's esbuild). No timing here: sizes only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { JSON_BUDGET, JSON_ENTRY, SHIPPED_BUDGET, ZOD_SIZE, describeShipped, shippedSize } from '../../bench/lib/bundle.mjs';

const pkgDir = fileURLToPath(new URL('../../pkg/', import.meta.url));
const shipped = await shippedSize(pkgDir);
const withJson = await shippedSize(pkgDir, JSON_ENTRY);

test(`the wasm and the bundled JS of one import, each gzip -9 alone, add up to at most ${SHIPPED_BUDGET} bytes`, (t) => {
  for (const line of describeShipped(shipped)) t.diagnostic(line);
  const left = ZOD_SIZE - shipped.total.larger;
  t.diagnostic(`the larger reading against Zod 4's ${ZOD_SIZE}: ${left >= 0 ? `${left} bytes to spare` : `${-left} bytes over`} (esbuild ${shipped.esbuild})`);
  assert.ok(
    shipped.total.separately <= SHIPPED_BUDGET,
    `shipped ${shipped.total.separately} bytes (JS ${shipped.js.gzip} + wasm ${shipped.wasm.gzip} gzip -9), ` +
      `${shipped.total.separately - SHIPPED_BUDGET} over the budget of ${SHIPPED_BUDGET}`,
  );
});

test(`the wasm and the bundled JS of one import, gzip -9 together, are at most ${SHIPPED_BUDGET} bytes`, () => {
  assert.ok(
    shipped.total.together <= SHIPPED_BUDGET,
    `shipped ${shipped.total.together} bytes gzipped together, ${shipped.total.together - SHIPPED_BUDGET} over the budget of ${SHIPPED_BUDGET}`,
  );
});

test('the bundle holds neither the German catalog, the JSON Schema nor the field descriptor, which the import does not use', (t) => {
  t.diagnostic(`package files in the bundle: ${shipped.files.map((f) => f.file).join(', ')}`);
  assert.equal(shipped.germanCatalog, false, 'messages/de.js is in the bundle');
  assert.ok(!shipped.files.some((f) => f.file === 'fields.js'), 'fields.js (creditFields) is in the bundle');
  assert.deepEqual(shipped.jsonSchema.files, [], 'a JSON file or JSON Schema module is in the bundle');
  assert.equal(shipped.jsonSchema.inJs, false, 'the bundled JS holds a JSON Schema ($schema URL)');
});

test('the wasm, which counts toward the budget, does not hold the JSON Schema', () => {
  assert.equal(shipped.jsonSchema.inWasm, false, 'credit_rules_bg.wasm holds a JSON Schema ($schema URL)');
});

test('the bundle still finds the wasm: the glue keeps new URL(wasm, import.meta.url)', (t) => {
  for (const warning of shipped.warnings) t.diagnostic(`esbuild warning: ${warning}`);
  assert.ok(shipped.wasmUrlKept, 'the bundled glue no longer has new URL("credit_rules_bg.wasm", import.meta.url)');
});

test('the import ships the lite module, which has no JSON text reader', () => {
  assert.equal(shipped.wasm.file, 'credit_rules_lite_bg.wasm');
  assert.ok(!shipped.files.some((f) => f.file === 'json.js'), 'json.js (validateCreditJson) is in the bundle');
});

test(`an app that imports validateCreditJson ships the whole module, and at most ${JSON_BUDGET} bytes`, (t) => {
  for (const line of describeShipped(withJson)) t.diagnostic(line);
  assert.equal(withJson.wasm.file, 'credit_rules_bg.wasm');
  assert.ok(withJson.files.some((f) => f.file === 'json.js'), 'json.js is not in the bundle');
  assert.ok(withJson.total.larger <= JSON_BUDGET, `shipped ${withJson.total.larger} bytes, ${withJson.total.larger - JSON_BUDGET} over ${JSON_BUDGET}`);
});
