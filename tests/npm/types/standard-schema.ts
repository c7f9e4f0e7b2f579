// Compiled with `tsc --strict --noEmit` (tests/npm/types/tsconfig.json): creditSchema is a
// Standard Schema v1 as the official `@standard-schema/spec` types define it, and it types a
// real consumer (react-hook-form with the standard-schema resolver of @hookform/resolvers).
import type { StandardSchemaV1 } from '@standard-schema/spec';
import { standardSchemaResolver } from '@hookform/resolvers/standard-schema';
import { useForm, type Resolver } from 'react-hook-form';
import { createCreditSchema, creditSchema, type CreditCreateParams, type Issue } from 'credit-rules';
import { messagesDe } from 'credit-rules/messages/de';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Expect<T extends true> = T;

// The exact type the SPEC names, from the spec's own package.
export const asSpec: StandardSchemaV1<unknown, CreditCreateParams> = creditSchema;
export type Output = Expect<Equal<StandardSchemaV1.InferOutput<typeof creditSchema>, CreditCreateParams>>;
export type Input = Expect<Equal<StandardSchemaV1.InferInput<typeof creditSchema>, unknown>>;

/** What a library does with any Standard Schema: validate, await if needed, read the issues. */
export async function parse<S extends StandardSchemaV1>(schema: S, input: unknown): Promise<StandardSchemaV1.InferOutput<S>> {
  let result = schema['~standard'].validate(input);
  if (result instanceof Promise) result = await result;
  if (result.issues) throw new Error(result.issues.map((issue) => issue.message).join('\n'));
  return result.value;
}
export const parsed: Promise<CreditCreateParams> = parse(creditSchema, {});

// Beyond the spec: our validate is synchronous and its issues are the package's own.
export function codes(input: unknown): string[] {
  const result = creditSchema['~standard'].validate(input, { libraryOptions: { allowUnknownFields: true } });
  const issues: readonly Issue[] = result.issues ?? [];
  return issues.map((issue) => `${issue.code}@${issue.pointer}`);
}

/** A form's values, as inputs hold them (numbers as text). */
export type FormValues = {
  customer_id: string;
  product_id: string;
  priority: string;
  access_schedule: { schedule_items: { amount: string; starting_at: string; ending_before: string }[] };
};

// react-hook-form types the input as an object: name the form's type (a type only; the schema
// accepts any value). The submit handler then receives the normalized body.
export const resolver: Resolver<FormValues, unknown, CreditCreateParams> = standardSchemaResolver(
  createCreditSchema<FormValues>({ messages: messagesDe }),
);
// @ts-expect-error creditSchema's input is `unknown`, which the resolver does not accept as form values
export const untyped = standardSchemaResolver(creditSchema);

export function useCreditForm(post: (body: CreditCreateParams) => Promise<void>) {
  const form = useForm<FormValues, unknown, CreditCreateParams>({ resolver });
  const onSubmit = form.handleSubmit((body) => post(body));
  return { form, onSubmit };
}
