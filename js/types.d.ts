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
}

/** Codes that block a draft. */
export type ErrorCode = "invalid_json" | "invalid_type" | "required" | "unknown_field" | "invalid_uuid" | "invalid_timestamp" | "not_hour_aligned" | "invalid_range" | "not_finite" | "not_positive" | "empty" | "too_long" | "too_many" | "invalid_enum" | "conflict";

/** Codes that only ask the user to look. */
export type WarningCode = "ends_in_past" | "overlapping_schedule" | "fractional_cents" | "negative_priority" | "not_uuid" | "duplicate_removed";

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
}

/** How to validate. */
export interface ValidateOptions {
  /** The instant `ends_in_past` compares against; default: the current time. */
  now?: string | Date;
  /** Unknown keys become warnings and are dropped from the value, instead of errors. */
  allowUnknownFields?: boolean;
  /** Message templates per code, with {param} placeholders. */
  messages?: Partial<Record<ErrorCode | WarningCode, string>>;
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
