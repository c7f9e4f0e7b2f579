import { readFile } from 'node:fs/promises';
import { initSync, validateCredit, normalizeCredit, CreditValidationError, messagesDe } from 'credit-rules';

initSync({ module: await readFile(new URL(import.meta.resolve('credit-rules/credit_rules_bg.wasm'))) });

const draft = {
  customer_id: ' 13117714-3F05-48E5-A6E9-A66093F13B4D ',
  product_id: 'f14d6729-6a44-4b13-9908-9387f1918790',
  priority: '100',
  access_schedule: {
    schedule_items: [{ amount: 1000, starting_at: '2026-01-01', ending_before: '2026-02-01T01:00:00+01:00' }],
  },
};
const report = validateCredit(draft, { now: '2025-12-01T00:00:00Z' });
console.log(JSON.stringify(report.value));

try {
  normalizeCredit({ ...draft, priority: 'hoch' }, { messages: messagesDe });
} catch (error) {
  if (!(error instanceof CreditValidationError)) throw error;
  console.log(error.issues.map((issue) => `${issue.pointer}: ${issue.message}`).join('\n'));
}
