// The rules of SPEC sections 2 to 4 written in Valibot 1, validating AND normalizing like the
// Zod peer (see zod.mjs). Warnings are not computed: Valibot has no non-blocking issue.
import * as v from 'valibot';
import * as rules from '../lib/rules.mjs';

const notBlank = v.transform((value) => (rules.isBlank(value) ? undefined : value));
/** Required: absent, null and blank strings are "required" (an absent key is a missing key). */
const required = (schema) => v.pipe(v.unknown(), notBlank, schema);
/** Optional: absent, null and blank strings (whatever the field's type) are absent. */
const optional = (schema) => v.optional(v.pipe(v.unknown(), notBlank, v.optional(schema)));

const trimmed = v.transform(rules.trim);
const text = v.pipe(v.string(), trimmed);
const uuid = v.pipe(v.string(), trimmed, v.regex(rules.UUID), v.toLowerCase());
const limited = (max) =>
  v.pipe(
    v.string(),
    trimmed,
    v.check((value) => rules.withinCodePoints(value, max), `at most ${max} characters`),
  );

// Number inputs give strings; "-0" and -0 become 0. v.number() refuses NaN only: v.finite().
const numberInput = v.union([v.number(), v.pipe(v.string(), trimmed, v.regex(rules.NUMBER_INPUT), v.transform(Number))]);
const zeroed = v.transform((n) => n + 0);
const priority = v.pipe(numberInput, v.finite(), zeroed);
const amount = v.pipe(numberInput, v.finite(), v.gtValue(0), zeroed);

const timestamp = v.pipe(
  v.union([v.date(), v.string()]),
  v.rawTransform(({ dataset, addIssue, NEVER }) => {
    const ms = rules.alignedInstant(dataset.value);
    if (Number.isNaN(ms)) {
      addIssue({ message: 'Not an RFC 3339 timestamp on an hour boundary' });
      return NEVER;
    }
    return new Date(ms).toISOString();
  }),
);

const rateType = v.pipe(v.string(), trimmed, v.regex(rules.RATE_TYPE), v.toUpperCase());
const accessType = v.pipe(v.string(), trimmed, v.regex(rules.ACCESS_TYPE), v.toUpperCase());

const array = (entry) => v.pipe(v.array(entry), v.maxLength(rules.MAX_ENTRIES));
const blankOr = (pattern) => (value) => {
  const text = rules.trim(value);
  return text === '' || pattern.test(text);
};
const tags = v.pipe(array(v.string()), v.transform((entries) => rules.normalizeStrings(entries, false)));
/** A required tag list: at least one tag after normalization. */
const someTags = v.pipe(
  array(v.string()),
  v.rawTransform(({ dataset, addIssue, NEVER }) => {
    const kept = rules.normalizeStrings(dataset.value, false);
    if (kept === undefined) {
      addIssue({ message: 'At least one tag' });
      return NEVER;
    }
    return kept;
  }),
);
const productIds = v.pipe(
  array(v.pipe(v.string(), v.check(blankOr(rules.UUID), 'Not a UUID'))),
  v.transform((entries) => rules.normalizeStrings(entries, true)),
);
const contractIds = v.pipe(array(v.string()), v.transform(rules.normalizeContractIds));

// v.record takes any object, an array included: the plain-object check comes first.
const map = (keyMax, valueMax) =>
  v.pipe(
    v.custom(rules.isPlainObject, 'Expected a plain object'),
    v.record(v.string(), v.nullable(v.string())),
    v.check((value) => Object.keys(value).length <= rules.MAX_ENTRIES, 'too many entries'),
    v.rawTransform(({ dataset, addIssue, NEVER }) => {
      const normalized = rules.normalizeMap(dataset.value, keyMax, valueMax);
      if (normalized.problem !== undefined) {
        addIssue({ message: normalized.problem });
        return NEVER;
      }
      return normalized.value;
    }),
  );

/** The schema; `allowUnknownFields` strips unknown keys instead of refusing them. */
export function make({ allowUnknownFields = false } = {}) {
  const object = allowUnknownFields ? v.object : v.strictObject;

  const scheduleItem = v.pipe(
    object({
      amount: required(amount),
      starting_at: required(timestamp),
      ending_before: required(timestamp),
    }),
    v.forward(
      v.check((item) => item.ending_before > item.starting_at, 'ending_before must be later than starting_at'),
      ['ending_before'],
    ),
  );

  const exclusion = object({ product_tags: required(someTags) });

  const specifier = v.pipe(
    object({
      product_id: optional(uuid),
      product_tags: optional(tags),
      pricing_group_values: optional(map()),
      presentation_group_values: optional(map()),
      exclude: optional(v.pipe(array(exclusion), v.transform((list) => (list.length === 0 ? undefined : list)))),
    }),
    v.check((s) => Object.values(s).some((value) => value !== undefined), 'A specifier needs at least one field'),
  );

  const body = v.pipe(
    object({
      customer_id: required(uuid),
      product_id: required(uuid),
      priority: required(priority),
      access_schedule: required(
        object({
          credit_type_id: optional(uuid),
          schedule_items: required(v.pipe(array(scheduleItem), v.minLength(1))),
          access_type: optional(accessType),
        }),
      ),
      name: optional(text),
      description: optional(text),
      applicable_contract_ids: optional(contractIds),
      applicable_product_ids: optional(productIds),
      applicable_product_tags: optional(tags),
      specifiers: optional(v.pipe(array(specifier), v.transform((list) => (list.length === 0 ? undefined : list)))),
      custom_fields: optional(map(rules.LIMITS.customFieldKey, rules.LIMITS.customFieldValue)),
      rate_type: optional(rateType),
      uniqueness_key: optional(limited(rules.LIMITS.uniquenessKey)),
      netsuite_sales_order_id: optional(text),
      salesforce_opportunity_id: optional(text),
    }),
    v.forward(
      v.check(
        (draft) =>
          draft.specifiers === undefined ||
          (draft.applicable_product_ids === undefined && draft.applicable_product_tags === undefined),
        'specifiers conflict with applicable_product_*',
      ),
      ['specifiers'],
    ),
  );

  return {
    /** What the bench times: one call, as a Valibot user writes it. */
    run: (draft) => v.safeParse(body, draft),
    validate(draft) {
      const result = v.safeParse(body, draft);
      return result.success ? { valid: true, value: result.output } : { valid: false, issues: result.issues };
    },
  };
}
