// Type-checked against the installed tarball by tests/npm/packed.test.mjs, with
// `--moduleResolution nodenext` and `bundler`: the published package.json (exports, types)
// leads the compiler to every declaration, the subpath included.
import init, {
  initSync,
  validateCredit,
  normalizeCredit,
  describeCredit,
  creditSchema,
  createCreditSchema,
  messagesDe,
  CreditValidationError,
  type CreditCreateParams,
  type Issue,
  type ValidationReport,
} from 'credit-rules';
import { messagesDe as fromSubpath } from 'credit-rules/messages/de';

export async function load(url: URL, bytes: BufferSource): Promise<void> {
  await init({ module_or_path: url });
  initSync({ module: bytes });
}

export function check(draft: unknown): string {
  const report: ValidationReport = validateCredit(draft, { messages: fromSubpath });
  const body: CreditCreateParams | undefined = report.valid ? report.value : undefined;
  const issues: readonly Issue[] = creditSchema['~standard'].validate(draft).issues ?? [];
  const german = createCreditSchema({ messages: messagesDe });
  try {
    return describeCredit(normalizeCredit(draft)) + String(body?.priority) + issues.length + german['~standard'].vendor;
  } catch (error) {
    return error instanceof CreditValidationError ? error.issues[0]?.message ?? '' : '';
  }
}
