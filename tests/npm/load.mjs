// Shared by the tests in this folder: the built package (pkg/), loaded with initSync, and the
// two case tables.
import { readFileSync } from 'node:fs';
import * as api from '../../pkg/index.js';

const read = (path) => readFileSync(new URL(path, import.meta.url));
api.initSync({ module: read('../../pkg/credit_rules_bg.wasm') });

export { api };
export const cases = [
  ...JSON.parse(read('../fixtures/conformance.json')).map((c) => ({ ...c, table: 'conformance' })),
  ...JSON.parse(read('../fixtures/cases.json')).map((c) => ({ ...c, table: 'cases' })),
];

/** The report of one table case. */
export function reportOf(c, options = c.options) {
  return c.json !== undefined ? api.validateCreditJson(c.json, options) : api.validateCredit(c.input, options);
}

/** A valid draft with a schedule item in 2026. */
export const MINIMAL = Object.freeze({
  customer_id: '13117714-3f05-48e5-a6e9-a66093f13b4d',
  product_id: 'f14d6729-6a44-4b13-9908-9387f1918790',
  priority: 100,
  access_schedule: {
    schedule_items: [{ amount: 1000, starting_at: '2026-01-01T00:00:00.000Z', ending_before: '2026-02-01T00:00:00.000Z' }],
  },
});
export const NOW = Object.freeze({ now: '2025-12-01T00:00:00.000Z' });
