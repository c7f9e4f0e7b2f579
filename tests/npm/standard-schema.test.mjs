// creditSchema follows Standard Schema v1 (standardschema.dev), checked by the letter of the
// spec and by a real consumer: the standard-schema resolver of @hookform/resolvers, called as
// react-hook-form calls it on submit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { standardSchemaResolver } from '@hookform/resolvers/standard-schema';
import { api, MINIMAL, NOW } from './load.mjs';

const { creditSchema, createCreditSchema, messagesDe } = api;
/** What react-hook-form passes a resolver (no native validation, first error per field). */
const RESOLVER_OPTIONS = { fields: {}, shouldUseNativeValidation: false };
/** A draft as a form holds it: text everywhere, untrimmed, mixed case. */
const formDraft = () => ({
  customer_id: ' 13117714-3F05-48E5-A6E9-A66093F13B4D ',
  product_id: 'f14d6729-6a44-4b13-9908-9387f1918790',
  priority: '100',
  name: '',
  access_schedule: { schedule_items: [{ amount: '1000', starting_at: '2026-01-01', ending_before: '2026-02-01T00:00:00Z' }] },
});

test('the ~standard props: version 1, a vendor, a validate function, frozen', () => {
  const props = creditSchema['~standard'];
  assert.equal(props.version, 1);
  assert.equal(props.vendor, 'credit-rules');
  assert.equal(typeof props.validate, 'function');
  assert.ok(Object.isFrozen(creditSchema) && Object.isFrozen(props));
  assert.equal(props.types, undefined, 'types is for TypeScript only; absent at run time is allowed');
});

test('success: { value } with the normalized body and no issues, synchronously', () => {
  const result = creditSchema['~standard'].validate(formDraft());
  assert.ok(!(result instanceof Promise));
  assert.equal(result.issues, undefined);
  assert.deepEqual(result.value, MINIMAL);
});

test('failure: { issues } with a message and a path of property keys for each error', () => {
  const result = creditSchema['~standard'].validate({ ...formDraft(), priority: 'ten', rate_type: 'x' });
  assert.equal('value' in result, false);
  assert.ok(Array.isArray(result.issues) && result.issues.length === 2);
  for (const issue of result.issues) {
    assert.equal(typeof issue.message, 'string');
    assert.ok(issue.message.length > 0);
    assert.ok(Array.isArray(issue.path) && issue.path.every((key) => ['string', 'number', 'symbol'].includes(typeof key)));
  }
  assert.deepEqual(result.issues.map((issue) => issue.path), [['priority'], ['rate_type']]);
  // Warnings never fail a Standard Schema: a draft that can be sent is a success.
  const past = creditSchema['~standard'].validate({ ...formDraft(), priority: -1 });
  assert.equal(past.issues, undefined);
  // Anything at all can be validated; nothing throws.
  for (const value of [undefined, null, 1, 'x', [], new Map(), Symbol('s'), () => 1, 10n]) {
    assert.ok(creditSchema['~standard'].validate(value).issues.length > 0);
  }
});

test('options: createCreditSchema fixes them, libraryOptions (the spec\'s vendor options) override', () => {
  const extra = { ...formDraft(), note: 'ui-only' };
  assert.equal(creditSchema['~standard'].validate(extra).issues[0].code, 'unknown_field');
  const lenient = createCreditSchema({ allowUnknownFields: true, messages: messagesDe });
  assert.deepEqual(lenient['~standard'].validate(extra).value, MINIMAL);
  assert.equal(lenient['~standard'].validate({}).issues[0].message, 'Dieses Feld ist erforderlich.');
  const strict = lenient['~standard'].validate(extra, { libraryOptions: { allowUnknownFields: false } });
  assert.equal(strict.issues[0].message, 'Unbekanntes Feld.');
  const viaLibrary = creditSchema['~standard'].validate(extra, { libraryOptions: { ...NOW, allowUnknownFields: true } });
  assert.deepEqual(viaLibrary.value, MINIMAL);
  // Options that cannot be read are ignored, not thrown.
  const hostile = new Proxy({}, { ownKeys: () => { throw new Error('trap'); } });
  assert.deepEqual(creditSchema['~standard'].validate(formDraft(), { libraryOptions: hostile }).value, MINIMAL);
});

test('@hookform/resolvers standardSchemaResolver: a valid draft gives the normalized body as values', async () => {
  const resolver = standardSchemaResolver(creditSchema);
  const result = await resolver(formDraft(), undefined, RESOLVER_OPTIONS);
  assert.deepEqual(result.errors, {});
  assert.deepEqual(result.values, MINIMAL);
});

test('@hookform/resolvers standardSchemaResolver: an invalid draft gives nested field errors', async () => {
  const resolver = standardSchemaResolver(creditSchema);
  const draft = formDraft();
  draft.priority = 'ten';
  draft.access_schedule.schedule_items[0].amount = '-5';
  draft.access_schedule.schedule_items[0].ending_before = '2025-12-01';
  delete draft.product_id;
  const result = await resolver(draft, undefined, RESOLVER_OPTIONS);
  assert.deepEqual(result.values, {});
  const { errors } = result;
  assert.deepEqual(Object.keys(errors).sort(), ['access_schedule', 'priority', 'product_id']);
  assert.equal(errors.product_id.message, 'This field is required.');
  assert.equal(errors.priority.message, 'Enter a number, like 1000: digits with an optional decimal point, no commas or currency signs.');
  const item = errors.access_schedule.schedule_items[0];
  assert.equal(item.amount.message, 'Must be greater than 0.');
  assert.equal(item.ending_before.message, 'Must be later than the start.');
});

test('@hookform/resolvers standardSchemaResolver: criteriaMode all and German messages', async () => {
  const resolver = standardSchemaResolver(createCreditSchema({ messages: messagesDe }));
  const draft = { ...formDraft(), custom_fields: { ['k'.repeat(101)]: 'v'.repeat(201) } };
  const result = await resolver(draft, undefined, { ...RESOLVER_OPTIONS, criteriaMode: 'all' });
  // Both parts of one map entry share a pointer: one field, two messages in `types`.
  const entry = result.errors.custom_fields['k'.repeat(101)];
  assert.equal(entry.message, 'Darf höchstens 100 Zeichen lang sein.');
  assert.deepEqual(Object.values(entry.types), ['Darf höchstens 100 Zeichen lang sein.', 'Darf höchstens 200 Zeichen lang sein.']);
});

test('@hookform/resolvers standardSchemaResolver: a whole-body issue becomes the root error', async () => {
  const resolver = standardSchemaResolver(creditSchema);
  const result = await resolver('not an object', undefined, RESOLVER_OPTIONS);
  assert.equal(result.errors.root.message, 'Expected object, received string.');
});
