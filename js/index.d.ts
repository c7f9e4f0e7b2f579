// The public types of the credit-rules package. The body, issue and option types are
// generated from the field table into ./types.d.ts. No `any` reaches a consumer: the raw
// wasm exports that wasm-bindgen types with `any` (its InitOutput) are not part of this API.
import type { CreditCreateParams, CreditFields, ErrorCode, Fix, FixMessageKey, Issue, Rule, ValidateOptions, ValidationReport, WarningCode } from './types.js';
export type * from './types.js';

/** What `init` accepts: a URL or request for the .wasm file, its bytes, or a compiled module. */
export type InitInput = RequestInfo | URL | Response | BufferSource | WebAssembly.Module;
/** What `initSync` accepts: the .wasm bytes or a compiled module. */
export type SyncInitInput = BufferSource | WebAssembly.Module;
/** The instantiated module; only its memory is public. */
export interface InitOutput {
  readonly memory: WebAssembly.Memory;
}

/**
 * Loads the wasm; call it once before anything else. With no module or path it fetches the
 * module next to the package's files (what bundlers such as Vite and webpack 5 resolve):
 * `credit_rules_bg.wasm` where the app's code holds validateCreditJson (always, unbundled),
 * else `credit_rules_lite_bg.wasm`, the same module without the JSON text reader.
 */
export default function init(
  module_or_path?: { module_or_path: InitInput | Promise<InitInput> } | InitInput | Promise<InitInput>,
): Promise<InitOutput>;
/** Loads the wasm synchronously from its bytes or a compiled module (Node, workers, tests). */
export function initSync(module: { module: SyncInitInput } | SyncInitInput): InitOutput;

/** Validates and normalizes a draft given as any JS value. Never throws (after init). */
export function validateCredit(draft: unknown, options?: ValidateOptions): ValidationReport;
/**
 * Validates a draft given as JSON text; anything but a string is `invalid_type` at "". Never
 * throws after init, unless init was given the lite module (`credit_rules_lite_bg.wasm`),
 * which has no JSON text reader: then it throws an Error that says so.
 */
export function validateCreditJson(json: string, options?: ValidateOptions): ValidationReport;
/** The normalized body; throws CreditValidationError when the draft has errors. */
export function normalizeCredit(draft: unknown, options?: ValidateOptions): CreditCreateParams;
/** What a form shows under one input: errors, then warnings, at or below `pointer` (or related to it). */
export function validateField(draft: unknown, pointer: string, options?: ValidateOptions): Issue[];
/**
 * What `validateField(draft, pointer)` gives for the draft `report` was computed on, in plain JS
 * with no call into wasm: validate once per keystroke, then place the issues under each input.
 */
export function issuesFor(report: ValidationReport, pointer: string): Issue[];
/**
 * `draft` with `fix.patch` applied (RFC 6902): a new draft; the one passed in is not changed
 * (only the objects and arrays along the patched paths are copied). Never throws: when an
 * operation cannot be applied (its path is no longer in the draft), `draft` itself comes back.
 */
export function applyFix<Draft = unknown>(draft: Draft, fix: Pick<Fix, 'patch'>): Draft;
/** JSON Schema 2020-12 of the normalized body (without the cross-field rules). */
export function creditJsonSchema(): Record<string, unknown>;
/**
 * What a form needs of every field, read off the same table as the rules: required, length
 * limits (code points), number bounds, timestamp alignment, allowed values, defaults and the doc
 * line. Keyed by JSON pointer with array indexes written `*`; a fresh object on every call.
 */
export function creditFields(): CreditFields;
/** One English sentence about a credit. */
export function describeCredit(value: CreditCreateParams): string;
/** Every rule: code, severity, default (English) message template. */
export function ruleCatalog(): Rule[];

/** A complete message catalog: one template per code and per fix kind, with {param} placeholders. */
export type MessageCatalog = Readonly<Record<ErrorCode | WarningCode | FixMessageKey, string>>;
/** German templates for every code: `validateCredit(draft, { messages: messagesDe })`. */
export const messagesDe: MessageCatalog;

/** Thrown by normalizeCredit. */
export class CreditValidationError extends Error {
  constructor(issues: Issue[], warnings: Issue[]);
  /** The errors. */
  issues: Issue[];
  /** The warnings. */
  warnings: Issue[];
}

/**
 * The Standard Schema v1 interface (standardschema.dev), inlined to need no dependency; it is
 * structurally the type of the `@standard-schema/spec` package.
 */
export interface StandardSchemaV1<Input = unknown, Output = Input> {
  readonly '~standard': StandardSchemaV1.Props<Input, Output>;
}
export declare namespace StandardSchemaV1 {
  interface Props<Input = unknown, Output = Input> {
    readonly version: 1;
    readonly vendor: string;
    readonly validate: (value: unknown, options?: Options | undefined) => Result<Output> | Promise<Result<Output>>;
    readonly types?: Types<Input, Output> | undefined;
  }
  interface Options {
    /** For credit-rules: ValidateOptions, read over the schema's own. */
    readonly libraryOptions?: Record<string, unknown> | undefined;
  }
  type Result<Output> = SuccessResult<Output> | FailureResult;
  interface SuccessResult<Output> {
    readonly value: Output;
    readonly issues?: undefined;
  }
  interface FailureResult {
    readonly issues: ReadonlyArray<Issue>;
  }
  interface Issue {
    readonly message: string;
    readonly path?: ReadonlyArray<PropertyKey | PathSegment> | undefined;
  }
  interface PathSegment {
    readonly key: PropertyKey;
  }
  interface Types<Input = unknown, Output = Input> {
    readonly input: Input;
    readonly output: Output;
  }
}

/**
 * The type of `creditSchema`: a StandardSchemaV1<Input, CreditCreateParams> whose validate
 * answers synchronously and whose issues are the package's own (with `code`, `pointer`, ...).
 * `Input` is a type only: validate accepts any value (a draft as a form holds it).
 */
export interface CreditSchema<Input = unknown> extends StandardSchemaV1<Input, CreditCreateParams> {
  readonly '~standard': CreditSchemaProps<Input>;
}
/** The `~standard` properties of a CreditSchema. */
export interface CreditSchemaProps<Input = unknown> extends StandardSchemaV1.Props<Input, CreditCreateParams> {
  readonly vendor: 'credit-rules';
  readonly validate: (value: unknown, options?: StandardSchemaV1.Options | undefined) => CreditSchemaResult;
}
/** The outcome of `creditSchema['~standard'].validate`: the normalized body, or the errors. */
export type CreditSchemaResult =
  | { readonly value: CreditCreateParams; readonly issues?: undefined }
  | { readonly issues: readonly Issue[] };

/** The credit rules as a Standard Schema, for form libraries; failures carry the errors as issues. */
export const creditSchema: CreditSchema;
/**
 * A Standard Schema with fixed options, e.g. `createCreditSchema({ messages: messagesDe })`.
 * Name `Input` (your form's values type) for libraries that type the input, such as
 * react-hook-form's `standardSchemaResolver`, which needs an object type.
 */
export function createCreditSchema<Input = unknown>(options?: ValidateOptions): CreditSchema<Input>;
