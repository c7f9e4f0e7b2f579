// The rules of SPEC sections 2 and 3 as a JSON Schema compiled by Ajv 8 (allErrors, like our
// report), with the two cross-field rules (end after start, the specifiers conflict) in a few
// lines of JS. Ajv checks and does not normalize: it accepts what normalization would accept
// (surrounding white space, number strings, any letter case) through patterns, and returns a
// verdict and errors, no normalized value. Warnings are not computed.
//
// ajv-formats is registered (as issue 4 asks), but none of its formats matches SPEC: its
// `date-time` accepts `+0500` and any white space between date and time, and refuses the
// surrounding spaces that SPEC trims; its `uuid` accepts a `urn:uuid:` prefix. So UUIDs, enums
// and lengths are patterns, and timestamps and number strings are three custom formats.
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import * as rules from '../lib/rules.mjs';

const WS = rules.WS;
const trimmed = (core) => `^[${WS}]*(?:${core})[${WS}]*$`;
/** Matches a string whose trimmed length in code points is over `max`. */
const longerThan = (max) => `[^${WS}][\\s\\S]{${max - 1},}[^${WS}]`;
const caseless = (word) => [...word].map((c) => (/[A-Z]/.test(c) ? `[${c}${c.toLowerCase()}]` : c)).join('');

const BLANK_STRING = { type: 'string', pattern: `^[${WS}]*$` };
const BLANK = { anyOf: [{ type: 'null' }, BLANK_STRING] };
/** An optional field: its schema, or absent (null or a blank string, whatever the type). */
const optional = (schema) => ({ anyOf: [schema, BLANK] });

const uuid = { type: 'string', pattern: trimmed(rules.UUID_SOURCE) };
const text = { type: 'string' };
const limited = (max) => ({ type: 'string', pattern: `^[${WS}]*(?![${WS}])[\\s\\S]{1,${max}}(?<![${WS}])[${WS}]*$` });
const priority = { anyOf: [{ type: 'number' }, { type: 'string', format: 'credit-number' }] };
const amount = { anyOf: [{ type: 'number', exclusiveMinimum: 0 }, { type: 'string', format: 'credit-amount' }] };
const timestamp = { type: 'string', format: 'credit-timestamp' };
const rateType = { type: 'string', pattern: trimmed(rules.RATE_TYPES.map(caseless).join('|')) };
const accessType = { type: 'string', pattern: trimmed(rules.ACCESS_TYPES.map(caseless).join('|')) };

const array = (items) => ({ type: 'array', maxItems: rules.MAX_ENTRIES, items });
const tags = array({ type: 'string' });
/** A required tag list: at least one non-blank tag. */
const someTags = { ...tags, contains: { type: 'string', not: BLANK_STRING } };
const productIds = array({ type: 'string', pattern: `^[${WS}]*(?:${rules.UUID_SOURCE})?[${WS}]*$` });
const contractIds = array({ type: 'string' });

/** A string map: a blank or too-long key may only hold a null or blank value (then dropped). */
function map(keyMax, valueMax) {
  const dropped = { anyOf: [{ type: 'null' }, BLANK_STRING] };
  const patternProperties = { [`^[${WS}]*$`]: dropped };
  if (keyMax !== undefined) patternProperties[longerThan(keyMax)] = dropped;
  const value = valueMax === undefined ? { type: 'string' } : { type: 'string', not: { pattern: longerThan(valueMax) } };
  return {
    type: 'object',
    maxProperties: rules.MAX_ENTRIES,
    patternProperties,
    additionalProperties: { anyOf: [{ type: 'null' }, value] },
  };
}

function object(properties, required, allowUnknownFields) {
  const schema = { type: 'object', properties };
  if (required.length > 0) schema.required = required;
  if (!allowUnknownFields) schema.additionalProperties = false;
  return schema;
}

/** A specifier field is given unless absent or empty after normalization. */
const given = (name, empty) => ({ required: [name], properties: { [name]: { not: { anyOf: [BLANK, empty] } } } });

function schemaFor(allowUnknownFields) {
  const scheduleItem = object(
    { amount, starting_at: timestamp, ending_before: timestamp },
    ['amount', 'starting_at', 'ending_before'],
    allowUnknownFields,
  );
  const exclusion = object({ product_tags: someTags }, ['product_tags'], allowUnknownFields);
  const specifier = {
    ...object(
      {
        product_id: optional(uuid),
        product_tags: optional(tags),
        pricing_group_values: optional(map()),
        presentation_group_values: optional(map()),
        exclude: optional(array(exclusion)),
      },
      [],
      allowUnknownFields,
    ),
    anyOf: [
      given('product_id', { not: {} }),
      given('product_tags', { type: 'array', items: BLANK_STRING }),
      given('pricing_group_values', { type: 'object', additionalProperties: BLANK }),
      given('presentation_group_values', { type: 'object', additionalProperties: BLANK }),
      given('exclude', { type: 'array', maxItems: 0 }),
    ],
  };
  return object(
    {
      customer_id: uuid,
      product_id: uuid,
      priority,
      access_schedule: object(
        {
          credit_type_id: optional(uuid),
          schedule_items: { ...array(scheduleItem), minItems: 1 },
          access_type: optional(accessType),
        },
        ['schedule_items'],
        allowUnknownFields,
      ),
      name: optional(text),
      description: optional(text),
      applicable_contract_ids: optional(contractIds),
      applicable_product_ids: optional(productIds),
      applicable_product_tags: optional(tags),
      specifiers: optional(array(specifier)),
      custom_fields: optional(map(rules.LIMITS.customFieldKey, rules.LIMITS.customFieldValue)),
      rate_type: optional(rateType),
      uniqueness_key: optional(limited(rules.LIMITS.uniquenessKey)),
      netsuite_sales_order_id: optional(text),
      salesforce_opportunity_id: optional(text),
    },
    ['customer_id', 'product_id', 'priority', 'access_schedule'],
    allowUnknownFields,
  );
}

const numberString = (text) => {
  const trimmedText = rules.trim(text);
  return rules.NUMBER_INPUT.test(trimmedText) ? Number(trimmedText) : NaN;
};

/** The cross-field rules, on a draft the schema accepted (so its shape is known). */
function crossField(draft) {
  for (const item of draft.access_schedule.schedule_items) {
    if (!(rules.alignedInstant(item.ending_before) > rules.alignedInstant(item.starting_at))) return false;
  }
  const nonEmpty = (list) => Array.isArray(list) && list.some((entry) => rules.trim(entry) !== '');
  const specifiers = Array.isArray(draft.specifiers) && draft.specifiers.length > 0;
  return !(specifiers && (nonEmpty(draft.applicable_product_ids) || nonEmpty(draft.applicable_product_tags)));
}

/** The compiled validator; `allowUnknownFields` lets unknown keys through (Ajv does not strip). */
export function make({ allowUnknownFields = false } = {}) {
  const ajv = new Ajv({ allErrors: true });
  addFormats(ajv);
  ajv.addFormat('credit-timestamp', { type: 'string', validate: rules.isAlignedTimestamp });
  ajv.addFormat('credit-number', { type: 'string', validate: (s) => Number.isFinite(numberString(s)) });
  ajv.addFormat('credit-amount', {
    type: 'string',
    validate: (s) => {
      const n = numberString(s);
      return Number.isFinite(n) && n > 0;
    },
  });
  const check = ajv.compile(schemaFor(allowUnknownFields));
  return {
    /** What the bench times: the compiled schema, then the cross-field rules. */
    run: (draft) => check(draft) && crossField(draft),
    validate(draft) {
      if (!check(draft)) return { valid: false, issues: check.errors };
      if (!crossField(draft)) return { valid: false, issues: [{ message: 'cross-field rule' }] };
      return { valid: true };
    },
  };
}
