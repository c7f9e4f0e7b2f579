// The shared JS suite in Node, over the built package (pkg/, loaded with initSync).
import { test } from 'node:test';
import { readFileSync } from 'node:fs';
import * as api from '../../pkg/index.js';
import { tests } from './suite.mjs';

const read = (path) => readFileSync(new URL(path, import.meta.url));
api.initSync({ module: read('../../pkg/credit_rules_bg.wasm') });
const tables = {
  conformance: JSON.parse(read('../fixtures/conformance.json')),
  cases: JSON.parse(read('../fixtures/cases.json')),
};

for (const { name, run } of tests(tables)) {
  test(name, () => run(api));
}
