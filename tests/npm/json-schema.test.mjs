// creditJsonSchema() under a real JSON Schema 2020-12 validator (Ajv, strict mode, with formats):
// every normalized value of both case tables passes it, and every draft the rules reject for
// a structural reason (type, required, unknown key, enum, length, pattern, bound) fails it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { api, cases, reportOf, NOW } from './load.mjs';

const require = createRequire(import.meta.url);
const Ajv2020 = require('ajv/dist/2020').default;
const addFormats = require('ajv-formats').default;

const ajv = new Ajv2020({ strict: true, allErrors: true });
addFormats(ajv);
const schema = api.creditJsonSchema();
const validate = ajv.compile(schema);
const problems = () => ajv.errorsText(validate.errors);

/**
 * Codes the schema expresses (a body with one of them fails it). Not here: invalid_json (no
 * body), invalid_range and conflict (cross-field: the schema's description says so),
 * not_finite (JSON has no NaN or Infinity, and the overflowing number string is a string).
 */
const STRUCTURAL = new Set([
  'invalid_type', 'required', 'unknown_field', 'invalid_uuid', 'invalid_timestamp', 'not_hour_aligned',
  'not_positive', 'empty', 'too_long', 'too_many', 'invalid_enum',
]);

test('Ajv compiles creditJsonSchema() as draft 2020-12 in strict mode', () => {
  assert.equal(schema.$schema, 'https://json-schema.org/draft/2020-12/schema');
  assert.equal(typeof validate, 'function');
  assert.match(String(schema.description), /cross-field/);
});

test('every normalized value of the case tables validates', () => {
  let values = 0;
  for (const c of cases) {
    const report = reportOf(c);
    if (!report.valid) continue;
    assert.ok(validate(report.value), `${c.table}: ${c.name}: ${problems()}`);
    if (c.expect.value !== undefined) {
      assert.ok(validate(c.expect.value), `${c.table}: ${c.name} (expected value): ${problems()}`);
    }
    values += 1;
  }
  assert.ok(values >= 40, `${values} values`);
});

test('every structurally invalid draft of the case tables fails', () => {
  const failed = new Map();
  for (const c of cases) {
    if (c.json !== undefined && c.expect.errors.some((key) => key.startsWith('invalid_json@'))) continue;
    const structural = c.expect.errors.filter((key) => STRUCTURAL.has(key.split('@')[0]));
    if (structural.length === 0) continue;
    const draft = c.json !== undefined ? JSON.parse(c.json) : c.input;
    assert.equal(validate(draft), false, `${c.table}: ${c.name} (${structural.join(', ')}) passed the schema`);
    for (const key of structural) failed.set(key.split('@')[0], (failed.get(key.split('@')[0]) ?? 0) + 1);
  }
  assert.deepEqual([...failed.keys()].sort(), [...STRUCTURAL].sort(), 'every structural code is exercised');
});

test('each kind of structural fault fails on its own, at its field', () => {
  const valid = () => structuredClone(cases.find((c) => c.name === 'minimal valid body').expect.value);
  const faults = {
    'type of priority': (body) => (body.priority = '100'),
    'required product_id': (body) => delete body.product_id,
    'required schedule_items': (body) => delete body.access_schedule.schedule_items,
    'unknown key': (body) => (body.custmer_id = 'x'),
    'unknown key in an item': (body) => (body.access_schedule.schedule_items[0].note = 'x'),
    'enum rate_type': (body) => (body.rate_type = 'WEEKLY'),
    'lowercase enum is not normalized': (body) => (body.rate_type = 'list_rate'),
    'uuid customer_id': (body) => (body.customer_id = 'cust_1'),
    'uppercase uuid is not normalized': (body) => (body.product_id = body.product_id.toUpperCase()),
    'timestamp not on the hour': (body) => (body.access_schedule.schedule_items[0].starting_at = '2026-01-01T00:30:00.000Z'),
    'timestamp with an offset': (body) => (body.access_schedule.schedule_items[0].starting_at = '2026-01-01T01:00:00.000+01:00'),
    'impossible date': (body) => (body.access_schedule.schedule_items[0].ending_before = '2026-02-30T00:00:00.000Z'),
    'amount zero': (body) => (body.access_schedule.schedule_items[0].amount = 0),
    'no schedule item': (body) => (body.access_schedule.schedule_items = []),
    'empty specifier': (body) => (body.specifiers = [{}]),
    'empty name': (body) => (body.name = ''),
    'uniqueness_key of 129': (body) => (body.uniqueness_key = 'k'.repeat(129)),
    'custom field key of 101': (body) => (body.custom_fields = { ['k'.repeat(101)]: 'v' }),
    'custom field value of 201': (body) => (body.custom_fields = { k: 'v'.repeat(201) }),
    'empty custom_fields': (body) => (body.custom_fields = {}),
    'repeated product tag': (body) => (body.applicable_product_tags = ['a', 'a']),
    'too many contract ids': (body) => (body.applicable_contract_ids = Array.from({ length: 10001 }, (_, i) => `c${i}`)),
  };
  for (const [name, fault] of Object.entries(faults)) {
    const body = valid();
    fault(body);
    assert.equal(validate(body), false, `${name} passed the schema`);
    // And the rules agree: they reject it, or normalize it into something else.
    const report = api.validateCredit(body, NOW);
    assert.ok(!report.valid || JSON.stringify(report.value) !== JSON.stringify(body), `${name}: the rules keep it as is`);
  }
  // The boundaries themselves pass: 128 and 100/200 code points (an astral character is one).
  const body = valid();
  body.uniqueness_key = '😀'.repeat(128);
  body.custom_fields = { ['k'.repeat(99) + '😀']: 'v'.repeat(199) + '😀' };
  assert.ok(validate(body), problems());
  assert.equal(api.validateCredit(body).valid, true);
});

test('the schema calls text trimmed exactly when the rules would not trim it', () => {
  const valid = cases.find((c) => c.name === 'minimal valid body').expect.value;
  // Every White_Space character (what the rules trim), and U+FEFF and U+200B (which they keep).
  const spaces = [...'\t\n\v\f\r \u0085\u00a0\u1680\u2028\u2029\u202f\u205f\u3000'];
  for (let c = 0x2000; c <= 0x200a; c += 1) spaces.push(String.fromCodePoint(c));
  for (const ch of [...spaces, '\ufeff', '\u200b']) {
    for (const name of [`${ch}x`, `x${ch}`, `x${ch}y`, ch]) {
      const body = { ...structuredClone(valid), name };
      const report = api.validateCredit(body, NOW);
      const unchanged = report.valid && report.value.name === name;
      const label = `name ${JSON.stringify(name)}`;
      assert.equal(validate(body), unchanged, `${label}: schema ${validate(body)}, rules keep it ${unchanged}`);
    }
  }
});
