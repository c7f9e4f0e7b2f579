// Writes the bench corpus (bench/corpus/*.json), deterministically: same bytes on every run.
// The files are committed; run this only to change them: node bench/corpus/make.mjs
// Then check them with the bench itself (it refuses a corpus whose verdicts are not these):
// (a), (b) and (d) valid; (c) exactly five errors.
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';

const here = (name) => new URL(name, import.meta.url);

/** A UUID derived from a label (SHA-256, version 4 and variant bits set): stable across runs. */
function uuidOf(label) {
  const hex = createHash('sha256').update(label).digest('hex');
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const CUSTOMER = '13117714-3f05-48e5-a6e9-a66093f13b4d';
const PRODUCT = 'f14d6729-6a44-4b13-9908-9387f1918790';
const USD = '2714e483-4ff1-48e4-9e25-ac732e8f24f2';
const hourIso = (ms) => new Date(ms).toISOString().replace('.000Z', 'Z');
const JULY = Date.UTC(2026, 6, 1);
const DAY = 86_400_000;

// Every timestamp is after `now` (options.json): no `ends_in_past`, stable results.
const options = { now: '2026-06-01T00:00:00Z' };

/** (a) The minimal valid body: the four required fields, one schedule item. */
const minimal = {
  customer_id: CUSTOMER,
  product_id: PRODUCT,
  priority: 100,
  access_schedule: {
    schedule_items: [{ amount: 1000, starting_at: '2026-07-01T00:00:00Z', ending_before: '2026-08-01T00:00:00Z' }],
  },
};

/**
 * (b) A full form-shaped body: every field of SPEC section 2 present, as a form gives it
 * (number strings, padded and uppercase text, date-only and offset timestamps, a blank
 * optional field, untouched multi-selects as empty arrays). `applicable_product_ids` and
 * `applicable_product_tags` are empty because a non-empty one conflicts with `specifiers`.
 */
const form = {
  customer_id: ` ${CUSTOMER.toUpperCase()} `,
  product_id: PRODUCT.toUpperCase(),
  priority: '50',
  access_schedule: {
    credit_type_id: USD.toUpperCase(),
    schedule_items: [
      { amount: '2500', starting_at: '2026-07-01', ending_before: '2026-08-01T02:00:00+02:00' },
      { amount: '1e3', starting_at: '2026-08-01T00:00:00Z', ending_before: '2026-09-01 00:00:00Z' },
      { amount: 750, starting_at: '2026-09-01T05:30:00+05:30', ending_before: '2026-10-01T00:00:00.000Z' },
    ],
  },
  name: ' Onboarding credit ',
  description: ' Welcome credit for the 2026 onboarding of Acme ',
  applicable_contract_ids: [` ${uuidOf('contract-1').toUpperCase()}`, uuidOf('contract-2'), ''],
  applicable_product_ids: [],
  applicable_product_tags: [],
  specifiers: [
    {
      product_id: uuidOf('specifier-product'),
      product_tags: ['compute', ' storage ', 'compute'],
      pricing_group_values: { region: 'us-east-1', tier: ' gold ' },
      presentation_group_values: { team: 'platform' },
    },
    { product_tags: ['support'] },
  ],
  custom_fields: { ' cost_center ': 'R&D-42', approved_by: 'Jane Doe', ticket: 'FIN-1234', note: ' ' },
  rate_type: 'list_rate',
  uniqueness_key: '  onboarding-2026-acme  ',
  netsuite_sales_order_id: ' SO-20431 ',
  salesforce_opportunity_id: '006Dn000004KxYzIAK',
};

/**
 * (c) The form-shaped body with five errors: invalid_uuid (customer_id), invalid_type
 * (priority), not_positive (an amount), not_hour_aligned (a start), unknown_field (a typo).
 */
const invalid = structuredClone(form);
invalid.customer_id = 'cust_123';
invalid.priority = 'high';
invalid.access_schedule.schedule_items[0].amount = '0';
invalid.access_schedule.schedule_items[1].starting_at = '2026-08-01T00:30:00Z';
const { name, ...rest } = invalid;
const invalidWithTypo = { ...rest, nmae: name };

/** (d) A large body: 200 disjoint schedule items, 500 product ids, 50 custom fields. */
const large = {
  customer_id: CUSTOMER,
  product_id: PRODUCT,
  priority: 10,
  access_schedule: {
    schedule_items: Array.from({ length: 200 }, (_, i) => ({
      amount: 100 + i,
      starting_at: hourIso(JULY + i * DAY),
      ending_before: hourIso(JULY + (i + 1) * DAY),
    })),
  },
  name: 'Large credit',
  applicable_product_ids: Array.from({ length: 500 }, (_, i) => uuidOf(`product-${i}`)),
  custom_fields: Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`field_${String(i).padStart(2, '0')}`, `value ${i}`])),
};

const write = (file, value) => writeFileSync(here(file), `${JSON.stringify(value, null, 2)}\n`);
write('options.json', options);
write('a-minimal.json', minimal);
write('b-form.json', form);
write('c-invalid.json', invalidWithTypo);
write('d-large.json', large);
console.log('bench/corpus: options.json, a-minimal.json, b-form.json, c-invalid.json, d-large.json written');
