// The rules of SPEC sections 2 to 4 written in Zod 4, validating AND normalizing (trimmed
// strings, lowercased UUIDs, number strings, timestamps in UTC, deduplicated arrays, sorted
// maps), so that it does the work validateCredit does. Warnings are not computed: Zod has no
// non-blocking issue. The leaf rules no library has built in come from ../lib/rules.mjs.
import { z } from 'zod';
import * as rules from '../lib/rules.mjs';

const notBlank = (value) => (rules.isBlank(value) ? undefined : value);
/** Required: absent, null and blank strings are "required". */
const required = (schema) => z.preprocess(notBlank, schema);
/** Optional: absent, null and blank strings (whatever the field's type) are absent. */
const optional = (schema) => z.preprocess(notBlank, schema.optional());

const text = () => z.string().overwrite(rules.trim);
const uuid = text().regex(rules.UUID).overwrite((id) => id.toLowerCase());
const limited = (max) => text().refine((value) => rules.withinCodePoints(value, max), `at most ${max} characters`);

// Number inputs give strings; "-0" and -0 become 0. z.number() refuses NaN and ±Infinity.
const numberInput = z.union([z.number(), text().regex(rules.NUMBER_INPUT).transform(Number)]);
const priority = numberInput.pipe(z.number()).transform((n) => n + 0);
const amount = numberInput.pipe(z.number().gt(0)).transform((n) => n + 0);

const timestamp = z.union([z.date(), z.string()]).transform((value, ctx) => {
  const ms = rules.alignedInstant(value);
  if (Number.isNaN(ms)) {
    ctx.addIssue({ code: 'custom', message: 'Not an RFC 3339 timestamp on an hour boundary' });
    return z.NEVER;
  }
  return new Date(ms).toISOString();
});

const rateType = text()
  .regex(rules.RATE_TYPE)
  .overwrite((value) => value.toUpperCase());
const accessType = text()
  .regex(rules.ACCESS_TYPE)
  .overwrite((value) => value.toUpperCase());

const array = (entry) => z.array(entry).max(rules.MAX_ENTRIES);
const blankOr = (pattern) => (value) => {
  const trimmed = rules.trim(value);
  return trimmed === '' || pattern.test(trimmed);
};
const tags = array(z.string()).transform((entries) => rules.normalizeStrings(entries, false));
/** A required tag list: at least one tag after normalization. */
const someTags = array(z.string()).transform((entries, ctx) => {
  const kept = rules.normalizeStrings(entries, false);
  if (kept === undefined) {
    ctx.addIssue({ code: 'custom', message: 'At least one tag' });
    return z.NEVER;
  }
  return kept;
});
const productIds = array(z.string().refine(blankOr(rules.UUID), 'Not a UUID')).transform((entries) =>
  rules.normalizeStrings(entries, true),
);
const contractIds = array(z.string()).transform(rules.normalizeContractIds);

const map = (keyMax, valueMax) =>
  z
    .record(z.string(), z.string().nullable())
    .refine((value) => Object.keys(value).length <= rules.MAX_ENTRIES, 'too many entries')
    .transform((value, ctx) => {
      const normalized = rules.normalizeMap(value, keyMax, valueMax);
      if (normalized.problem !== undefined) {
        ctx.addIssue({ code: 'custom', message: normalized.problem });
        return z.NEVER;
      }
      return normalized.value;
    });

/** The schema; `allowUnknownFields` strips unknown keys instead of refusing them. */
export function make({ allowUnknownFields = false } = {}) {
  const object = allowUnknownFields ? z.object : z.strictObject;

  const scheduleItem = object({
    amount: required(amount),
    starting_at: required(timestamp),
    ending_before: required(timestamp),
  }).refine((item) => item.ending_before > item.starting_at, {
    path: ['ending_before'],
    message: 'ending_before must be later than starting_at',
  });

  const exclusion = object({ product_tags: required(someTags) });

  const specifier = object({
    product_id: optional(uuid),
    product_tags: optional(tags),
    pricing_group_values: optional(map()),
    presentation_group_values: optional(map()),
    exclude: optional(array(exclusion).transform((list) => (list.length === 0 ? undefined : list))),
  }).refine((s) => Object.values(s).some((v) => v !== undefined), 'A specifier needs at least one field');

  const body = object({
    customer_id: required(uuid),
    product_id: required(uuid),
    priority: required(priority),
    access_schedule: required(
      object({
        credit_type_id: optional(uuid),
        schedule_items: required(array(scheduleItem).min(1)),
        access_type: optional(accessType),
      }),
    ),
    name: optional(text()),
    description: optional(text()),
    applicable_contract_ids: optional(contractIds),
    applicable_product_ids: optional(productIds),
    applicable_product_tags: optional(tags),
    specifiers: optional(array(specifier).transform((list) => (list.length === 0 ? undefined : list))),
    custom_fields: optional(map(rules.LIMITS.customFieldKey, rules.LIMITS.customFieldValue)),
    rate_type: optional(rateType),
    uniqueness_key: optional(limited(rules.LIMITS.uniquenessKey)),
    netsuite_sales_order_id: optional(text()),
    salesforce_opportunity_id: optional(text()),
  }).superRefine((draft, ctx) => {
    if (draft.specifiers !== undefined && (draft.applicable_product_ids !== undefined || draft.applicable_product_tags !== undefined)) {
      ctx.addIssue({ code: 'custom', path: ['specifiers'], message: 'specifiers conflict with applicable_product_*' });
    }
  });

  return {
    /** What the bench times: one call, as a Zod user writes it. */
    run: (draft) => body.safeParse(draft),
    validate(draft) {
      const result = body.safeParse(draft);
      return result.success ? { valid: true, value: result.data } : { valid: false, issues: result.error.issues };
    },
  };
}
