// The public types of the credit-rules package. The body, issue and option types are
// generated from the field table into ./types.d.ts.
import type { CreditCreateParams, Issue, Rule, ValidateOptions, ValidationReport } from './types';
export type * from './types';

export type { InitInput, InitOutput, SyncInitInput } from './credit_rules';
export { default, initSync } from './credit_rules';

/** Validates and normalizes a draft given as any JS value. Never throws (after init). */
export function validateCredit(draft: unknown, options?: ValidateOptions): ValidationReport;
/** Validates a draft given as JSON text; anything but a string is `invalid_type` at "". */
export function validateCreditJson(json: string, options?: ValidateOptions): ValidationReport;
/** The normalized body; throws CreditValidationError when the draft has errors. */
export function normalizeCredit(draft: unknown, options?: ValidateOptions): CreditCreateParams;
/** What a form shows under one input: errors, then warnings, at or below `pointer` (or related to it). */
export function validateField(draft: unknown, pointer: string, options?: ValidateOptions): Issue[];
/** JSON Schema 2020-12 of the normalized body (without the cross-field rules). */
export function creditJsonSchema(): Record<string, unknown>;
/** One English sentence about a credit. */
export function describeCredit(value: CreditCreateParams): string;
/** Every rule: code, severity, default message. */
export function ruleCatalog(): Rule[];

/** Thrown by normalizeCredit. */
export class CreditValidationError extends Error {
  constructor(issues: Issue[], warnings: Issue[]);
  /** The errors. */
  issues: Issue[];
  /** The warnings. */
  warnings: Issue[];
}

/** The Standard Schema v1 interface (standardschema.dev), inlined to need no dependency. */
export interface StandardSchemaV1<Input = unknown, Output = Input> {
  readonly '~standard': {
    readonly version: 1;
    readonly vendor: string;
    readonly validate: (value: unknown) => StandardSchemaV1.Result<Output> | Promise<StandardSchemaV1.Result<Output>>;
    readonly types?: { readonly input: Input; readonly output: Output } | undefined;
  };
}
export declare namespace StandardSchemaV1 {
  type Result<Output> = { readonly value: Output; readonly issues?: undefined } | { readonly issues: ReadonlyArray<Issue> };
  interface Issue {
    readonly message: string;
    readonly path?: ReadonlyArray<PropertyKey | { readonly key: PropertyKey }> | undefined;
  }
}

/** The credit rules as a Standard Schema, for form libraries. */
export const creditSchema: StandardSchemaV1<unknown, CreditCreateParams>;
