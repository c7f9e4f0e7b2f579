// Generated from the field table (src/schema.rs) by credit_rules::typescript::declarations.
// Do not edit: run `UPDATE_TYPES=1 cargo test --test typescript` after changing the table.

/** The normalized body of POST /v1/contracts/customerCredits/create. */
export interface CreditCreateParams {
  /** The customer to credit (UUID). */
  customer_id: string;
  /** The fixed product used to invoice the credit (UUID). */
  product_id: string;
  /** Lower priorities are consumed first. */
  priority: number;
  /** When and how much credit is available. */
  access_schedule: AccessSchedule;
  /** Displayed on invoices. */
  name?: string;
  /** Shown in the UI and API only. */
  description?: string;
  /** Contracts the credit applies to; absent: all of the customer's contracts. */
  applicable_contract_ids?: string[];
  /** Products the credit applies to (UUIDs); absent together with tags: all products. */
  applicable_product_ids?: string[];
  /** Product tags the credit applies to. */
  applicable_product_tags?: string[];
  /** Finer targeting; not together with applicable_product_ids or applicable_product_tags. */
  specifiers?: Specifier[];
  /** Custom fields: keys at most 100 characters, values at most 200. */
  custom_fields?: Record<string, string>;
  /** COMMIT_RATE or LIST_RATE. */
  rate_type?: "COMMIT_RATE" | "LIST_RATE";
  /** 1 to 128 characters; reusing one gives 409 upstream. */
  uniqueness_key?: string;
  /** The NetSuite sales order id. */
  netsuite_sales_order_id?: string;
  /** The Salesforce opportunity id. */
  salesforce_opportunity_id?: string;
}

/** When and how much credit is available. */
export interface AccessSchedule {
  /** The credit type (UUID); absent means USD (cents). */
  credit_type_id?: string;
  /** At least one item. */
  schedule_items: ScheduleItem[];
}

/** At least one item. */
export interface ScheduleItem {
  /** Greater than 0, in the credit type's unit (USD: cents). */
  amount: number;
  /** Inclusive start, on an hour boundary (UTC). */
  starting_at: string;
  /** Exclusive end, on an hour boundary, later than starting_at. */
  ending_before: string;
}

/** Finer targeting; not together with applicable_product_ids or applicable_product_tags. */
export interface Specifier {
  /** A product (UUID). */
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
