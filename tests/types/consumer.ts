// Compiled with `tsc --noEmit --strict` by scripts/test: the package's declarations must type
// a real consumer without `any` leaking through.
import init, {
  initSync,
  validateCredit,
  validateCreditJson,
  normalizeCredit,
  validateField,
  creditJsonSchema,
  describeCredit,
  ruleCatalog,
  creditSchema,
  CreditValidationError,
  type CreditCreateParams,
  type Issue,
  type ValidationReport,
  type ValidateOptions,
} from '../../pkg/index.js';

export async function demo(bytes: BufferSource): Promise<string> {
  await init();
  initSync({ module: bytes });
  const options: ValidateOptions = { now: new Date(), allowUnknownFields: true, messages: { too_long: 'max {max}' } };
  const report: ValidationReport = validateCredit({ customer_id: 'x' }, options);
  const first: Issue | undefined = report.errors[0];
  const pointer: string = first?.pointer ?? '';
  const segments: (string | number)[] = first?.path ?? [];
  const value: CreditCreateParams | undefined = report.value;
  const amount: number | undefined = value?.access_schedule.schedule_items[0]?.amount;
  const rate: 'COMMIT_RATE' | 'LIST_RATE' | undefined = value?.rate_type;
  // `valid` narrows: the body needs no second check, and an invalid report has none.
  const body: CreditCreateParams | null = report.valid ? report.value : null;
  // @ts-expect-error an invalid report has no value to send
  const none: CreditCreateParams = !report.valid ? report.value : body!;
  const fromJson: boolean = validateCreditJson('{}').valid;
  const field: Issue[] = validateField({}, '/customer_id');
  const schema: Record<string, unknown> = creditJsonSchema();
  const codes: string[] = ruleCatalog().map((rule) => `${rule.code}:${rule.severity}`);
  try {
    const body: CreditCreateParams = normalizeCredit({});
    return describeCredit(body);
  } catch (error) {
    if (error instanceof CreditValidationError) {
      const issues: Issue[] = error.issues.concat(error.warnings);
      return `${issues.length} ${pointer} ${segments.length} ${amount} ${rate} ${fromJson} ${field.length} ${Object.keys(schema).length} ${codes.length}`;
    }
    throw error;
  }
}

export function standard(input: unknown): CreditCreateParams | readonly { message: string }[] {
  const result = creditSchema['~standard'].validate(input);
  if (result instanceof Promise) throw new Error('synchronous');
  return result.issues ?? result.value;
}
