// Speed at the JS boundary, run by hand (never by the tests): node bench/bench.mjs
// Needs pkg/ (bash scripts/build-pkg). The peer, Ajv compiled from creditJsonSchema(), only
// checks shapes (no normalization, no cross-field rules); install it with `npm install` here.
import { readFileSync } from 'node:fs';
import * as api from '../pkg/index.js';

api.initSync({ module: readFileSync(new URL('../pkg/credit_rules_bg.wasm', import.meta.url)) });
const fixtures = JSON.parse(readFileSync(new URL('../tests/fixtures/conformance.json', import.meta.url)));
const byName = (name) => fixtures.find((c) => c.name === name);
const minimal = byName('minimal valid body');
const formShaped = byName('form-shaped body is normalized');

function time(label, fn, iterations = 20000) {
  for (let i = 0; i < 2000; i += 1) fn();
  const runs = [];
  for (let r = 0; r < 5; r += 1) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < iterations; i += 1) fn();
    runs.push(Number(process.hrtime.bigint() - start) / iterations / 1000);
  }
  runs.sort((a, b) => a - b);
  console.log(`${label.padEnd(52)} median ${runs[2].toFixed(2)} µs/call  (best ${runs[0].toFixed(2)})`);
}

const minimalText = JSON.stringify(minimal.input);
time('validateCredit, minimal fixture', () => api.validateCredit(minimal.input, minimal.options));
time('validateCreditJson, minimal fixture', () => api.validateCreditJson(minimalText, minimal.options));
time('validateCredit, form-shaped fixture', () => api.validateCredit(formShaped.input, formShaped.options));
time('validateField, form-shaped fixture', () => api.validateField(formShaped.input, '/customer_id', formShaped.options));
time('validateCredit, invalid body (4 errors)', () => api.validateCredit({}, minimal.options));
const tags = { ...minimal.input, applicable_product_tags: Array.from({ length: 10000 }, (_, i) => `tag-${i}`) };
time('validateCredit, 10,000 tags', () => api.validateCredit(tags, minimal.options), 20);
const item = (hour) => ({ amount: 1, starting_at: new Date(Date.UTC(2026, 0, 1, hour)), ending_before: new Date(Date.UTC(2026, 0, 1, hour + 1)) });
const schedule = { ...minimal.input, access_schedule: { schedule_items: Array.from({ length: 10000 }, (_, hour) => item(hour)) } };
time('validateCredit, 10,000 disjoint schedule items', () => api.validateCredit(schedule, minimal.options), 10);

try {
  const { default: Ajv } = await import('ajv/dist/2020.js');
  const { default: addFormats } = await import('ajv-formats');
  const ajv = new Ajv({ allErrors: true });
  addFormats(ajv);
  const check = ajv.compile(api.creditJsonSchema());
  if (!check(minimal.expect.value)) throw new Error('Ajv refuses the minimal value');
  time('peer: Ajv (JSON Schema only), minimal value', () => check(minimal.expect.value));
} catch (error) {
  console.log(`peer: Ajv not run (${error.code ?? error.message}); cd bench && npm install`);
}
