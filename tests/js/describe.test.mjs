// The JS port of the sentence (js/describe.js) says what the Rust code says: every entry of
// tests/fixtures/describe.json, written by `BLESS=1 cargo test --test describe`. No wasm needed.
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describeBody, errorsToFix } from '../../js/describe.js';

const entries = JSON.parse(readFileSync(new URL('../fixtures/describe.json', import.meta.url)));

test('describe.json has entries, each with a value or an error count', () => {
  assert.ok(entries.length > 200, `only ${entries.length} entries`);
  for (const entry of entries) {
    assert.equal(typeof entry.sentence, 'string', entry.name);
    assert.ok(('value' in entry) !== ('errors' in entry), entry.name);
  }
});

for (const { name, value, errors, sentence } of entries) {
  test(name, () => {
    assert.equal(value === undefined ? errorsToFix(errors) : describeBody(value), sentence);
  });
}

test('odd bodies give a sentence, never a throw', () => {
  const odd = [
    undefined,
    null,
    0,
    'text',
    [],
    {},
    { priority: 1 },
    { access_schedule: null },
    { access_schedule: 'x' },
    { access_schedule: { schedule_items: null } },
    { access_schedule: { schedule_items: [null, undefined, 1, [], { amount: NaN }] } },
    { access_schedule: { schedule_items: [{ amount: Infinity, starting_at: 5, ending_before: {} }] } },
    { specifiers: null, applicable_product_ids: null, applicable_contract_ids: 'c' },
    Object.create(null),
  ];
  odd.forEach((body, index) => {
    assert.equal(typeof describeBody(body), 'string', `odd body ${index}`);
  });
  assert.equal(describeBody({}), ', for all products on all contracts.');
  assert.equal(
    describeBody({ priority: 1 }),
    ', priority 1, for all products on all contracts.',
  );
});

test('an error count of 0 or many', () => {
  assert.equal(errorsToFix(0), 'This credit draft has 0 errors to fix.');
  assert.equal(errorsToFix(12), 'This credit draft has 12 errors to fix.');
});
