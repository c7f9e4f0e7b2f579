// The shared JS suite in Node, over the built package (pkg/, loaded with initSync).
import { test } from 'node:test';
import { readFileSync, readdirSync } from 'node:fs';
import assert from 'node:assert/strict';
import * as api from '../../pkg/index.js';
import { tests } from './suite.mjs';

const read = (path) => readFileSync(new URL(path, import.meta.url));
api.initSync({ module: read('../../pkg/credit_rules_bg.wasm') });
const tables = {
  conformance: JSON.parse(read('../fixtures/conformance.json')),
  'account-features': JSON.parse(read('../fixtures/account-features.json')),
  cases: JSON.parse(read('../fixtures/cases.json')),
};

test('every case table of tests/fixtures is run (describe.json holds sentences, not cases)', () => {
  const files = readdirSync(new URL('../fixtures/', import.meta.url)).filter((file) => file.endsWith('.json'));
  assert.deepEqual(files.sort(), [...Object.keys(tables).map((table) => `${table}.json`), 'describe.json'].sort());
});

for (const { name, run } of tests(tables)) {
  test(name, () => run(api));
}
