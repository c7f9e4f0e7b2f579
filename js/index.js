// The public entry of the credit-rules package: the wasm-bindgen module plus what
// wasm-bindgen cannot export (an Error subclass and the Standard Schema object).
import { validateCredit } from './credit_rules.js';

export {
  default,
  initSync,
  validateCredit,
  validateCreditJson,
  validateField,
  creditJsonSchema,
  describeCredit,
  ruleCatalog,
} from './credit_rules.js';

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

/** The credit rules as a Standard Schema (standardschema.dev, v1) for form libraries. */
export const creditSchema = Object.freeze({
  '~standard': Object.freeze({
    version: 1,
    vendor: 'credit-rules',
    validate(value) {
      const report = validateCredit(value);
      if (report.valid) return { value: report.value };
      return { issues: report.errors };
    },
  }),
});
