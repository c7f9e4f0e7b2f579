// Generated from the field table (src/schema.rs) by `bash scripts/build-pkg`
// (examples/generate.rs); do not edit. The copy in js/ is kept current by tests/typescript.rs
// (`UPDATE_TYPES=1 cargo test --test typescript` rewrites it).

/** The normalized body of POST /v1/contracts/customerCredits/create. */
export interface CreditCreateParams {
  /** The customer to credit. A UUID. */
  customer_id: string;
  /** The fixed product used to invoice the credit. A UUID. */
  product_id: string;
  /** Lower priorities are consumed first. Below 0 is a warning. */
  priority: number;
  /** When and how much credit is available. */
  access_schedule: AccessSchedule;
  /** Displayed on invoices. */
  name?: string;
  /** Shown in the UI and API only. */
  description?: string;
  /** Contracts the credit applies to; absent: all of the customer's contracts. */
  applicable_contract_ids?: string[];
  /** Products the credit applies to; absent together with tags: all products. UUIDs. */
  applicable_product_ids?: string[];
  /** Product tags the credit applies to. */
  applicable_product_tags?: string[];
  /** Finer targeting; not together with applicable_product_ids or applicable_product_tags. */
  specifiers?: Specifier[];
  /** Custom fields. Keys at most 100 characters, values at most 200 characters. */
  custom_fields?: Record<string, string>;
  /** The rate the credit applies at. COMMIT_RATE or LIST_RATE. */
  rate_type?: "COMMIT_RATE" | "LIST_RATE";
  /** Reusing one gives 409 upstream. 1 to 128 characters. */
  uniqueness_key?: string;
  /** The NetSuite sales order id. */
  netsuite_sales_order_id?: string;
  /** The Salesforce opportunity id. */
  salesforce_opportunity_id?: string;
}

/** When and how much credit is available. */
export interface AccessSchedule {
  /** The credit type. A UUID; absent means 2714e483-4ff1-48e4-9e25-ac732e8f24f2 (USD, in cents). */
  credit_type_id?: string;
  /** The amounts and when each is available. At least one. */
  schedule_items: ScheduleItem[];
  /** Whether the amounts are money or quantities (an account feature); with QUANTITY no fractional_cents, amounts are units. SPEND or QUANTITY. Absent means SPEND. */
  access_type?: "SPEND" | "QUANTITY";
}

/** The amounts and when each is available. At least one. */
export interface ScheduleItem {
  /** In the credit type's unit (USD: cents). Greater than 0. */
  amount: number;
  /** Inclusive start. RFC 3339, on an hour boundary, written in UTC. */
  starting_at: string;
  /** Exclusive end, later than starting_at. RFC 3339, on an hour boundary, written in UTC. */
  ending_before: string;
}

/** Finer targeting; not together with applicable_product_ids or applicable_product_tags. */
export interface Specifier {
  /** A product. A UUID. */
  product_id?: string;
  /** Product tags. */
  product_tags?: string[];
  /** Pricing group key → value. */
  pricing_group_values?: Record<string, string>;
  /** Presentation group key → value. */
  presentation_group_values?: Record<string, string>;
  /** Products whose usage never draws the credit down (an account feature). */
  exclude?: ExcludeEntry[];
}

/** Products whose usage never draws the credit down (an account feature). */
export interface ExcludeEntry {
  /** Tags: products with one of them are excluded. At least one. */
  product_tags: string[];
}

/** Codes that block a draft. */
export type ErrorCode = "invalid_json" | "invalid_type" | "required" | "unknown_field" | "invalid_uuid" | "invalid_timestamp" | "not_hour_aligned" | "invalid_range" | "not_finite" | "not_positive" | "empty" | "too_long" | "too_many" | "invalid_enum" | "conflict";

/** Codes that only ask the user to look. */
export type WarningCode = "ends_in_past" | "overlapping_schedule" | "fractional_cents" | "negative_priority" | "not_uuid" | "duplicate_removed";

/** What a fix does (SPEC section 8). */
export type FixKind = "round_down" | "round_up" | "assume_utc" | "rename" | "replace" | "round" | "start_after" | "swap";

/** One finding about a draft. */
export interface Issue {
  /** Stable code: API. */
  code: ErrorCode | WarningCode;
  severity: "error" | "warning";
  /** English by default; replace per code with `ValidateOptions.messages`. */
  message: string;
  /** Where, as keys and raw array indexes: ["access_schedule", "schedule_items", 0, "amount"]. */
  path: (string | number)[];
  /** RFC 6901 pointer of `path`: "/access_schedule/schedule_items/0/amount"; "" is the whole body. */
  pointer: string;
  /** The values the message was built from. */
  params?: Record<string, string | number>;
  /** Pointers of the other fields a cross-field rule involves. */
  related?: string[];
  /** Edits that resolve the issue, the recommended one first; absent when there is none. */
  fixes?: Fix[];
}

/** An edit that resolves an issue: show `message` on a button, apply with `applyFix`. */
export interface Fix {
  kind: FixKind;
  /** English by default; replace per kind with `ValidateOptions.messages["fix.<kind>"]`. */
  message: string;
  /** The values the message was built from (`value`, `to`). */
  params?: Record<string, string | number>;
  /** RFC 6902 operations on the draft as given (raw pointers). */
  patch: JsonPatchOperation[];
}

/** One RFC 6902 operation. Fixes use `replace` and `move`; `applyFix` applies all six. */
export type JsonPatchOperation =
  | { op: "add"; path: string; value: unknown }
  | { op: "remove"; path: string }
  | { op: "replace"; path: string; value: unknown }
  | { op: "move"; from: string; path: string }
  | { op: "copy"; from: string; path: string }
  | { op: "test"; path: string; value: unknown };

/** The key of a fix's message in `ValidateOptions.messages`. */
export type FixMessageKey = `fix.${FixKind}`;

/** How to validate. */
export interface ValidateOptions {
  /** The instant `ends_in_past` compares against; default: the current time. */
  now?: string | Date;
  /** Unknown keys become warnings and are dropped from the value, instead of errors. */
  allowUnknownFields?: boolean;
  /** Message templates per code and per fix (`fix.<kind>`), with {param} placeholders. */
  messages?: Partial<Record<ErrorCode | WarningCode | FixMessageKey, string>>;
}

/** The outcome of validating one draft. */
/**
 * The outcome of validating one draft. `valid` tells the two cases apart, so that
 * `if (report.valid)` gives `report.value` its type.
 */
export type ValidationReport = ValidReport | InvalidReport;

/** A draft with no errors (warnings allowed): `value` is the body to send. */
export interface ValidReport {
  valid: true;
  errors: Issue[];
  warnings: Issue[];
  /** The normalized body. */
  value: CreditCreateParams;
}

/** A draft with errors: there is no value to send. */
export interface InvalidReport {
  valid: false;
  errors: Issue[];
  warnings: Issue[];
  value?: undefined;
}

/** One rule of the catalog. */
export interface Rule {
  code: ErrorCode | WarningCode;
  severity: "error" | "warning";
  message: string;
}

/** What every entry of `creditFields()` has. */
export interface FieldDescriptorBase {
  /** The key, as the API spells it. */
  name: string;
  /** Whether the body (or its object) is incomplete without it. */
  required: boolean;
  /** What the field means, then its rule (the doc line of the declarations above). */
  description: string;
}
/** A UUID string. */
export interface UuidFieldDescriptor extends FieldDescriptorBase {
  kind: "uuid";
  /** What an absent value means (`access_schedule.credit_type_id`: the USD cents credit type). */
  default: string | null;
}
/** A trimmed, non-blank string. */
export interface TextFieldDescriptor extends FieldDescriptorBase {
  kind: "text";
  /** The length limit in code points (`too_long`), or null. */
  maxLength: number | null;
}
/** A finite number (a number-input string is read too). */
export interface NumberFieldDescriptor extends FieldDescriptorBase {
  kind: "number";
  /** The value must be greater than this (`not_positive`), or null. */
  exclusiveMinimum: number | null;
  /** A value below this is a warning (`negative_priority`), or null. */
  warnBelow: number | null;
}
/** An RFC 3339 instant. */
export interface TimestampFieldDescriptor extends FieldDescriptorBase {
  kind: "timestamp";
  /** The boundary it must fall on, in seconds (3600: the hour), e.g. a datetime-local `step`. */
  alignSeconds: number;
}
/** One of a few uppercase values. */
export interface EnumFieldDescriptor<Value extends string = string> extends FieldDescriptorBase {
  kind: "enum";
  /** The allowed values, in the table's order. */
  values: Value[];
  /** What an absent value means (`access_schedule.access_type`: SPEND), or null. */
  default: Value | null;
}
/** A nested object; its fields have entries of their own below its pointer. */
export interface ObjectFieldDescriptor extends FieldDescriptorBase {
  kind: "object";
}
/** An array of objects (required: at least one); their fields are below `<pointer>/*`. */
export interface ObjectsFieldDescriptor extends FieldDescriptorBase {
  kind: "objects";
  maxItems: number;
}
/** An array of strings. */
export interface StringsFieldDescriptor extends FieldDescriptorBase {
  kind: "strings";
  /** What each entry must be: a UUID, a contract id (UUID-shaped ones lowercased), a tag. */
  entry: "uuid" | "contract_id" | "tag";
  maxItems: number;
}
/** An object string → string. */
export interface MapFieldDescriptor extends FieldDescriptorBase {
  kind: "map";
  /** The length limit of a key in code points (`too_long`, part "key"), or null. */
  keyMaxLength: number | null;
  /** The length limit of a value in code points (`too_long`, part "value"), or null. */
  valueMaxLength: number | null;
  maxProperties: number;
}
/** One entry of `creditFields()`. */
export type FieldDescriptor =
  | UuidFieldDescriptor
  | TextFieldDescriptor
  | NumberFieldDescriptor
  | TimestampFieldDescriptor
  | EnumFieldDescriptor
  | ObjectFieldDescriptor
  | ObjectsFieldDescriptor
  | StringsFieldDescriptor
  | MapFieldDescriptor;

/**
 * What `creditFields()` returns: every field of the body keyed by its JSON pointer, each
 * array index written as the token `*`, in key order.
 */
export interface CreditFields {
  "/customer_id": UuidFieldDescriptor;
  "/product_id": UuidFieldDescriptor;
  "/priority": NumberFieldDescriptor;
  "/access_schedule": ObjectFieldDescriptor;
  "/access_schedule/credit_type_id": UuidFieldDescriptor;
  "/access_schedule/schedule_items": ObjectsFieldDescriptor;
  "/access_schedule/schedule_items/*/amount": NumberFieldDescriptor;
  "/access_schedule/schedule_items/*/starting_at": TimestampFieldDescriptor;
  "/access_schedule/schedule_items/*/ending_before": TimestampFieldDescriptor;
  "/access_schedule/access_type": EnumFieldDescriptor<"SPEND" | "QUANTITY">;
  "/name": TextFieldDescriptor;
  "/description": TextFieldDescriptor;
  "/applicable_contract_ids": StringsFieldDescriptor;
  "/applicable_product_ids": StringsFieldDescriptor;
  "/applicable_product_tags": StringsFieldDescriptor;
  "/specifiers": ObjectsFieldDescriptor;
  "/specifiers/*/product_id": UuidFieldDescriptor;
  "/specifiers/*/product_tags": StringsFieldDescriptor;
  "/specifiers/*/pricing_group_values": MapFieldDescriptor;
  "/specifiers/*/presentation_group_values": MapFieldDescriptor;
  "/specifiers/*/exclude": ObjectsFieldDescriptor;
  "/specifiers/*/exclude/*/product_tags": StringsFieldDescriptor;
  "/custom_fields": MapFieldDescriptor;
  "/rate_type": EnumFieldDescriptor<"COMMIT_RATE" | "LIST_RATE">;
  "/uniqueness_key": TextFieldDescriptor;
  "/netsuite_sales_order_id": TextFieldDescriptor;
  "/salesforce_opportunity_id": TextFieldDescriptor;
}
