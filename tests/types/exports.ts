// Compiled with `tsc --noEmit --strict` (tests/types/tsconfig.json): every export of the
// package is used here, and the compiler proves that no `any` reaches the consumer through
// any of them (parameters, results, members, the init functions included).
import * as api from '../../pkg/index.js';
import init, {
  initSync,
  validateCredit,
  validateCreditJson,
  normalizeCredit,
  validateField,
  issuesFor,
  applyFix,
  creditJsonSchema,
  creditFields,
  describeCredit,
  ruleCatalog,
  creditSchema,
  createCreditSchema,
  messagesDe,
  CreditValidationError,
  type CreditCreateParams,
  type CreditFields,
  type FieldDescriptor,
  type CreditSchema,
  type CreditSchemaResult,
  type ErrorCode,
  type Fix,
  type FixKind,
  type JsonPatchOperation,
  type WarningCode,
  type InitOutput,
  type Issue,
  type MessageCatalog,
  type Rule,
  type ValidateOptions,
  type ValidationReport,
} from '../../pkg/index.js';
import { messagesDe as messagesDeSubpath } from '../../pkg/messages/de.js';
import type { InitOutput as RawInitOutput } from '../../pkg/credit_rules.js';

/** `true` exactly when T is `any`. */
type IsAny<T> = 0 extends 1 & T ? true : false;
/** Platform types the package passes through (their members are the platform's business; WebAssembly.Module is an empty interface, so every object would match it). */
type Platform = Request | Response | URL | ArrayBuffer | ArrayBufferView | WebAssembly.Memory | Date;
/** `true` somewhere in the union when `any` occurs in T: members, elements, parameters, results. */
type AnyIn<T, Depth extends 0[] = []> =
  IsAny<T> extends true
    ? true
    : Depth['length'] extends 6
      ? false
      : T extends Platform
        ? false
        : T extends PromiseLike<infer P>
          ? AnyIn<P, [...Depth, 0]>
          : T extends readonly (infer E)[]
            ? AnyIn<E, [...Depth, 0]>
            : T extends (...args: infer A) => infer R
              ? AnyIn<R, [...Depth, 0]> | { [K in keyof A]: AnyIn<A[K], [...Depth, 0]> }[number]
              : T extends object
                ? { [K in keyof T]-?: AnyIn<T[K], [...Depth, 0]> }[keyof T]
                : false;
/** `true` exactly when `any` occurs anywhere in T. */
type HasAny<T> = true extends AnyIn<T> ? true : false;
type Expect<T extends false> = T;

/** `true` exactly when A and B are the same type. */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
// The exports this file uses are all there are: a new export fails here until it is used below.
export type EveryExportUsed = Equal<
  keyof typeof api,
  | 'default'
  | 'initSync'
  | 'validateCredit'
  | 'validateCreditJson'
  | 'normalizeCredit'
  | 'validateField'
  | 'issuesFor'
  | 'applyFix'
  | 'creditJsonSchema'
  | 'creditFields'
  | 'describeCredit'
  | 'ruleCatalog'
  | 'creditSchema'
  | 'createCreditSchema'
  | 'messagesDe'
  | 'CreditValidationError'
> extends true ? true : never;
export const everyExportUsed: EveryExportUsed = true;

// The whole module namespace: every export, its parameters and results, the members of the
// types they reach (classes, reports, issues, options, the Standard Schema object).
export type NoAnyAnywhere = Expect<HasAny<typeof api>>;
export type NoAnyInit = Expect<HasAny<InitOutput>>;
export type NoAnyInitResult = Expect<HasAny<typeof init>>;
export type NoAnyReport = Expect<HasAny<ValidationReport>>;
export type NoAnyIssue = Expect<HasAny<Issue>>;
export type NoAnyBody = Expect<HasAny<CreditCreateParams>>;
export type NoAnyOptions = Expect<HasAny<ValidateOptions>>;
export type NoAnyRule = Expect<HasAny<Rule>>;
export type NoAnySchema = Expect<HasAny<CreditSchema>>;
export type NoAnySchemaResult = Expect<HasAny<CreditSchemaResult>>;
export type NoAnyError = Expect<HasAny<CreditValidationError>>;
export type NoAnyCatalog = Expect<HasAny<MessageCatalog>>;
export type NoAnyFields = Expect<HasAny<CreditFields>>;
export type NoAnyFix = Expect<HasAny<Fix>>;
export type NoAnyPatch = Expect<HasAny<JsonPatchOperation>>;
// The checker does see an `any`: in wasm-bindgen's own InitOutput (raw wasm exports), which
// the package's declarations replace, and in a deeply nested member.
// @ts-expect-error wasm-bindgen types the raw exports with any
export type RawInitHasAny = Expect<HasAny<RawInitOutput>>;
// @ts-expect-error an any three levels down
export type NestedHasAny = Expect<HasAny<{ a: { b: (x: { c: any[] }) => void } }>>;

export async function everyExport(wasm: BufferSource, url: URL): Promise<string[]> {
  const output: InitOutput = await init({ module_or_path: url });
  const pages: number = output.memory.buffer.byteLength;
  initSync({ module: wasm });

  // The German catalog: complete (every code), usable as the messages option, from the entry
  // or the subpath.
  const codes: (ErrorCode | WarningCode)[] = ruleCatalog().map((rule: Rule) => rule.code);
  const german: string[] = codes.map((code) => messagesDe[code]);
  const options: ValidateOptions = { messages: messagesDe, now: '2026-01-01', allowUnknownFields: false };
  const sameCatalog: MessageCatalog = messagesDeSubpath;
  // @ts-expect-error the catalog is read-only
  messagesDe.required = 'x';

  const report = validateCredit({}, options);
  const body: CreditCreateParams | undefined = report.valid ? report.value : undefined;
  const fromJson: ValidationReport = validateCreditJson('{}', options);
  const field: Issue[] = validateField({}, '/customer_id', options);
  const placed: Issue[] = issuesFor(report, '/customer_id');
  // @ts-expect-error a report, not a draft
  issuesFor({}, '/customer_id');
  // Fixes: typed kinds and patches, a fix message overridable per kind, applyFix keeps the
  // draft's type.
  const fixes: Fix[] = placed.flatMap((issue) => issue.fixes ?? []);
  const kinds: FixKind[] = fixes.map((fix) => fix.kind);
  const paths: string[] = fixes.flatMap((fix) => fix.patch.map((op: JsonPatchOperation) => (op.op === 'move' ? op.from : op.path)));
  const draft = { customer_id: '{13117714-3f05-48e5-a6e9-a66093f13b4d}' };
  const fixed: { customer_id: string } = fixes[0] ? applyFix(draft, fixes[0]) : draft;
  const fixOptions: ValidateOptions = { messages: { 'fix.round_down': 'Down to {value}', required: 'x' } };
  // @ts-expect-error not a fix kind
  const badOptions: ValidateOptions = { messages: { 'fix.nope': 'x' } };
  const schema: Record<string, unknown> = creditJsonSchema();
  // The descriptor: each pointer typed with its kind's entry, enum values as their literals.
  const fields: CreditFields = creditFields();
  const keyLimit: number | null = fields['/uniqueness_key'].maxLength;
  const step: number = fields['/access_schedule/schedule_items/*/starting_at'].alignSeconds;
  const rateTypes: ('COMMIT_RATE' | 'LIST_RATE')[] = fields['/rate_type'].values;
  const accessType: 'SPEND' | 'QUANTITY' | null = fields['/access_schedule/access_type'].default;
  const entries: FieldDescriptor[] = Object.values(fields);
  const docs: string[] = entries.map((entry) => (entry.kind === 'map' ? `${entry.keyMaxLength}` : entry.description));
  // @ts-expect-error a text field has no enum values
  fields['/uniqueness_key'].values;
  const sentence: string = body ? describeCredit(body) : '';

  // Standard Schema: synchronous, and the issues are the package's own.
  const result: CreditSchemaResult = creditSchema['~standard'].validate({});
  const issueCodes: string[] = result.issues ? result.issues.map((issue: Issue) => issue.code) : [];
  const value: CreditCreateParams | undefined = result.issues ? undefined : result.value;
  const german2: CreditSchema<{ customer_id: string }> = createCreditSchema<{ customer_id: string }>({ messages: messagesDe });
  const typed: { customer_id: string } | undefined = german2['~standard'].types?.input;

  let thrown: Issue[] = [];
  try {
    normalizeCredit({}, options);
  } catch (error) {
    if (error instanceof CreditValidationError) thrown = [...error.issues, ...error.warnings];
  }
  return [
    String(pages),
    ...german,
    String(Object.keys(sameCatalog).length),
    String(body?.priority),
    String(fromJson.valid),
    String(field.length),
    String(placed.length),
    ...kinds,
    ...paths,
    fixed.customer_id,
    String(fixOptions.messages?.required),
    String(badOptions.now),
    String(schema.$schema),
    String(keyLimit),
    String(step),
    ...rateTypes,
    String(accessType),
    ...docs,
    sentence,
    ...issueCodes,
    String(value?.customer_id),
    String(typed?.customer_id),
    String(thrown.length),
  ];
}
