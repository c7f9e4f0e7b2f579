// Compiled with `tsc --strict --noEmit` (tests/npm/types/tsconfig.json): the normalized body is
// the official Metronome SDK's CreditCreateParams, proven by the compiler in both directions.
//
// Both directions hold: every field has the same name, optionality and type on both sides
// (rate_type is the same two literals, the string maps are the same index signatures, our
// Specifier is the SDK's CommitSpecifierInput), and the key sets are equal at every level, so
// no optional field exists on one side only (assignability alone would not show that), but for
// the two account-feature fields of SPEC section 2, which Metronome's API reference has and
// the SDK's type does not: access_schedule.access_type and specifiers[].exclude. Both are
// optional on our side, so a body of ours is still an SDK body and the other way round.
// What the types cannot say, and why the direction SDK -> credit-rules still needs
// validateCredit at run time: UUIDs, hour-aligned UTC timestamps, amount > 0, lengths and the
// cross-field rules are checked by the rules, not by the type system.
import Metronome from '@metronome/sdk';
import type { CreditCreateParams as SdkCreditCreateParams } from '@metronome/sdk/resources/v1/customers/credits';
import type { CommitSpecifierInput } from '@metronome/sdk/resources/shared';
import {
  describeCredit,
  normalizeCredit,
  validateCredit,
  type AccessSchedule,
  type CreditCreateParams,
  type ExcludeEntry,
  type ScheduleItem,
  type Specifier,
} from 'credit-rules';

/** `true` exactly when A and B are the same type (the compiler's own identity check). */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Expect<T extends true> = T;
type SdkAccessSchedule = SdkCreditCreateParams.AccessSchedule;
type SdkScheduleItem = SdkCreditCreateParams.AccessSchedule.ScheduleItem;

// The same keys at every level: nothing only on one side.
export type SameBodyKeys = Expect<Equal<keyof CreditCreateParams, keyof SdkCreditCreateParams>>;
/** The account-feature fields: ours only (SPEC section 2). */
type AccountFeatureScheduleKey = 'access_type';
type AccountFeatureSpecifierKey = 'exclude';
export type SameScheduleKeys = Expect<Equal<Exclude<keyof AccessSchedule, AccountFeatureScheduleKey>, keyof SdkAccessSchedule>>;
export type SameItemKeys = Expect<Equal<keyof ScheduleItem, keyof SdkScheduleItem>>;
export type SameSpecifierKeys = Expect<Equal<Exclude<keyof Specifier, AccountFeatureSpecifierKey>, keyof CommitSpecifierInput>>;
// The account-feature fields are optional, so the SDK's bodies (which never have them) are ours.
export type OptionalAccessType = Expect<Equal<Pick<AccessSchedule, AccountFeatureScheduleKey>, { access_type?: 'SPEND' | 'QUANTITY' }>>;
export type OptionalExclude = Expect<Equal<Pick<Specifier, AccountFeatureSpecifierKey>, { exclude?: ExcludeEntry[] }>>;
// The same type of each field (optional fields compared with their `undefined`).
export type SameFields = Expect<
  Equal<
    { [K in keyof CreditCreateParams]-?: Exclude<CreditCreateParams[K], undefined> extends object ? 'object' : CreditCreateParams[K] },
    { [K in keyof SdkCreditCreateParams]-?: Exclude<SdkCreditCreateParams[K], undefined> extends object ? 'object' : SdkCreditCreateParams[K] }
  >
>;
export type SameRateType = Expect<Equal<CreditCreateParams['rate_type'], SdkCreditCreateParams['rate_type']>>;
export type SameCustomFields = Expect<Equal<CreditCreateParams['custom_fields'], SdkCreditCreateParams['custom_fields']>>;
export type SameItems = Expect<Equal<ScheduleItem, SdkScheduleItem>>;
export type SameSpecifiers = Expect<Equal<Omit<Specifier, AccountFeatureSpecifierKey>, CommitSpecifierInput>>;

/** Marks values as read (the checks above are the point, not the values). */
function used(...values: unknown[]): number {
  return values.length;
}

/** credit-rules -> SDK: the value of a valid report is the SDK's request body. */
export function toSdk(draft: unknown): SdkCreditCreateParams | undefined {
  const report = validateCredit(draft);
  if (report.valid && report.value) {
    const body: SdkCreditCreateParams = report.value;
    const schedule: SdkAccessSchedule = report.value.access_schedule;
    const item: SdkScheduleItem | undefined = report.value.access_schedule.schedule_items[0];
    const specifiers: CommitSpecifierInput[] | undefined = report.value.specifiers;
    used(schedule, item, specifiers);
    return body;
  }
  // @ts-expect-error without the check, value may be undefined (it is absent when invalid)
  const unchecked: SdkCreditCreateParams = report.value;
  return unchecked;
}

/** SDK -> credit-rules: a body typed by the SDK is accepted where ours is expected. */
export function fromSdk(body: SdkCreditCreateParams): string {
  const ours: CreditCreateParams = body;
  const schedule: AccessSchedule = body.access_schedule;
  const items: ScheduleItem[] = body.access_schedule.schedule_items;
  const specifiers: Specifier[] | undefined = body.specifiers;
  used(schedule, items, specifiers);
  return describeCredit(ours);
}

/** The real use: validate the form's draft, then post it with the SDK client, no cast. */
export async function post(client: Metronome, draft: unknown): Promise<string> {
  const body: CreditCreateParams = normalizeCredit(draft);
  const response = await client.v1.customers.credits.create(body);
  // And the round trip: what the SDK accepts, validated again, is still one body type.
  const again: CreditCreateParams = normalizeCredit(toSdk(body));
  return `${response.data.id} ${fromSdk(again)}`;
}

export function client(): Metronome {
  return new Metronome({ bearerToken: 'token' });
}
