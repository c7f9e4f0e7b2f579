// The public entry of the credit-rules package: the wasm-bindgen module plus what
// wasm-bindgen cannot export (an Error subclass, the Standard Schema object) and what is
// plain JS outside the wasm: the sentence of describeCredit, the JSON Schema, the field
// descriptor and the message catalogs. Each lives in its own module, so a bundler leaves out what an app does not use.
import { validateTape } from './credit_rules.js';
// js/edge.js, the JS half of the wasm edge: scripts/patch-pkg.mjs points these imports at
// the snippet wasm-bindgen copies it to.
import { readDraft, takeResult } from './edge.js';
import { describeBody, errorsToFix } from './describe.js';

export { default, initSync } from './init.js';
// Plain JS: no wasm, and no init(), needed.
export { ruleCatalog } from './edge.js';
export { validateCreditJson } from './json.js';
export { creditJsonSchema } from './json-schema.js';
export { creditFields } from './fields.js';
export { messagesDe } from './messages/de.js';
export { applyFix } from './fix.js';

/**
 * Validates and normalizes a draft given as a JS value. Never throws (once init() is done).
 * The draft is read into a tape here, in JS, before the call enters the wasm: the module then
 * imports no function that takes a JS value, a wrapper less to compile at startup.
 */
export function validateCredit(draft, options) {
  validateTape(readDraft(draft, options, true));
  return takeResult();
}

/**
 * The issues a form shows under the input at `pointer`: errors, then warnings, whose pointer
 * or one of whose related pointers is `pointer` or below it, computed on the whole draft. A
 * pointer that is not a string filters nothing (as `""`). Plain JS over validateCredit's
 * report (issuesFor), the same filter as the Rust API's `Report::issues_at`.
 */
export function validateField(draft, pointer, options) {
  return issuesFor(validateCredit(draft, options), pointer);
}

/**
 * What validateField gives for the draft `report` was computed on, from the report alone, in
 * plain JS with no call into wasm: validate once per keystroke, then place the issues under
 * each input. A report that cannot be read (not one, a throwing getter) gives no issues.
 */
export function issuesFor(report, pointer) {
  const under = typeof pointer === 'string' ? pointer : '';
  const concerns = (own) =>
    under === '' || own === under || (typeof own === 'string' && own.startsWith(under) && own.charCodeAt(under.length) === 47);
  const related = (issue) => Array.isArray(issue.related) && issue.related.some(concerns);
  const list = (issues) => (Array.isArray(issues) ? issues : []);
  try {
    return list(report?.errors)
      .concat(list(report?.warnings))
      .filter((issue) => issue != null && (concerns(issue.pointer) || related(issue)));
  } catch {
    return [];
  }
}

/** One English sentence about a credit draft: what it grants, or how many errors it has. */
export function describeCredit(draft) {
  const report = validateCredit(draft);
  return report.valid ? describeBody(report.value) : errorsToFix(report.errors.length);
}

/** Thrown by normalizeCredit: `issues` holds the errors, `warnings` the warnings. */
export class CreditValidationError extends Error {
  constructor(issues, warnings) {
    const first = issues[0];
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
    super(first ? `Invalid credit: ${first.pointer || '(body)'}: ${first.message}${more}` : 'Invalid credit');
    this.name = 'CreditValidationError';
    this.issues = issues;
    this.warnings = warnings;
  }
}

/** The normalized body, or a CreditValidationError. */
export function normalizeCredit(draft, options) {
  const report = validateCredit(draft, options);
  if (report.valid) return report.value;
  throw new CreditValidationError(report.errors, report.warnings);
}

/**
 * The credit rules as a Standard Schema (standardschema.dev, v1) for form libraries, with
 * fixed options (`messages`, `allowUnknownFields`, `now`). A caller's
 * `libraryOptions` (the spec's vendor options) are read as ValidateOptions over these.
 */
export function createCreditSchema(options) {
  const fixed = options;
  return Object.freeze({
    '~standard': Object.freeze({
      version: 1,
      vendor: 'credit-rules',
      validate(value, standardOptions) {
        const report = validateCredit(value, merged(fixed, standardOptions));
        if (report.valid) return { value: report.value };
        return { issues: report.errors };
      },
    }),
  });
}

/** `fixed` with the Standard Schema `libraryOptions` over it; unreadable options are ignored. */
function merged(fixed, standardOptions) {
  try {
    const extra = standardOptions?.libraryOptions;
    return extra && typeof extra === 'object' ? { ...fixed, ...extra } : fixed;
  } catch {
    return fixed;
  }
}

/** The credit rules as a Standard Schema (standardschema.dev, v1), with default options. */
export const creditSchema = /* @__PURE__ */ createCreditSchema();
