// The shared JS suite in Node, over the built package (pkg/, loaded with initSync).
import { test } from 'node:test';
import { readFileSync, readdirSync } from 'node:fs';
import assert from 'node:assert/strict';
import * as api from '../../pkg/index.js';
import { tests } from './suite.mjs';

const read = (path) => readFileSync(new URL(path, import.meta.url));
const wasm = api.initSync({ module: read('../../pkg/credit_rules_bg.wasm') });
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

test('a call gives back all it allocated: memory stays put over repeated calls, and the reports stay the same', () => {
  // The module's allocator (wasm/src/allocator.rs) takes back a call's arena when the call
  // returns; a call that kept anything would grow memory call after call, or see it overwritten.
  const uuid = (n) => `${String(n).padStart(8, '0')}-3f05-48e5-a6e9-a66093f13b4d`;
  const draft = {
    customer_id: uuid(1).toUpperCase(),
    product_id: 'nope',
    priority: '7',
    access_schedule: {
      schedule_items: Array.from({ length: 300 }, (_, at) => ({
        amount: at % 7 === 0 ? '12.345' : 100 + at,
        starting_at: new Date(Date.UTC(2026, 6, 1 + at, 0, at % 11 === 0 ? 30 : 0)).toISOString(),
        ending_before: new Date(Date.UTC(2026, 6, 2 + at)).toISOString(),
      })),
    },
    applicable_product_ids: Array.from({ length: 2000 }, (_, at) => uuid(at % 1500)),
    custom_fields: Object.fromEntries(Array.from({ length: 200 }, (_, at) => [` key ${at} `, `value ${at}`])),
    nmae: 'typo',
  };
  const options = { now: '2026-06-01T00:00:00Z' };
  const text = JSON.stringify(draft);
  const first = [api.validateCredit(draft, options), api.validateCreditJson(text, options)];
  const bytes = wasm.memory.buffer.byteLength;
  for (let round = 0; round < 30; round += 1) {
    api.validateCredit(draft, options);
    api.validateCreditJson(text, options);
  }
  assert.equal(wasm.memory.buffer.byteLength, bytes);
  assert.deepEqual([api.validateCredit(draft, options), api.validateCreditJson(text, options)], first);
  assert.ok(first[0].errors.length > 20 && first[0].warnings.length > 20, 'errors (with fixes) and warnings to report');
});
