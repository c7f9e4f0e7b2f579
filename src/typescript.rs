//! The TypeScript declarations of the body, the issues, the options and the field descriptor,
//! read off the field table and the code list. The package build writes them as `types.d.ts`;
//! `js/types.d.ts` is the committed copy, which a test keeps equal.

use crate::fields;
use crate::fix::FixKind;
use crate::issue::{Code, Severity};
use crate::json_schema::GENERATED;
use crate::schema::{Field, Kind, BODY};

/// The contents of `types.d.ts`.
pub fn declarations() -> String {
    let mut out = format!("{GENERATED}\n");
    interface(
        &mut out,
        "CreditCreateParams",
        "The normalized body of POST /v1/contracts/customerCredits/create.",
        BODY,
    );
    let codes = |severity| {
        Code::ALL
            .iter()
            .filter(|code| code.severity() == severity)
            .map(|code| format!("\"{}\"", code.as_str()))
            .collect::<Vec<_>>()
            .join(" | ")
    };
    out.push_str(&format!(
        "/** Codes that block a draft. */\nexport type ErrorCode = {};\n\n",
        codes(Severity::Error)
    ));
    out.push_str(&format!(
        "/** Codes that only ask the user to look. */\nexport type WarningCode = {};\n\n",
        codes(Severity::Warning)
    ));
    let kinds: Vec<String> = FixKind::ALL
        .iter()
        .map(|kind| format!("\"{}\"", kind.as_str()))
        .collect();
    out.push_str(&format!(
        "/** What a fix does (SPEC section 8). */\nexport type FixKind = {};\n\n",
        kinds.join(" | ")
    ));
    out.push_str(STATIC_TYPES);
    field_descriptors(&mut out);
    out
}

/// `CreditFields`: the type of `creditFields()`, each pointer with its kind's descriptor type.
fn field_descriptors(out: &mut String) {
    out.push_str(DESCRIPTOR_TYPES);
    out.push_str(
        // No `*/` in the comment: the pointers themselves would end it.
        "/**\n * What `creditFields()` returns: every field of the body keyed by its JSON pointer, each\n \
         * array index written as the token `*`, in key order.\n \
         */\nexport interface CreditFields {\n",
    );
    for (pointer, field) in fields::pointers() {
        let ty = match &field.kind {
            Kind::Uuid { .. } => "UuidFieldDescriptor".to_owned(),
            Kind::Text { .. } => "TextFieldDescriptor".to_owned(),
            Kind::Number(_) => "NumberFieldDescriptor".to_owned(),
            Kind::Timestamp { .. } => "TimestampFieldDescriptor".to_owned(),
            Kind::Enum { values, .. } => format!("EnumFieldDescriptor<{}>", enum_type(values)),
            Kind::Object(_) => "ObjectFieldDescriptor".to_owned(),
            Kind::Objects(_) => "ObjectsFieldDescriptor".to_owned(),
            Kind::Strings(_) => "StringsFieldDescriptor".to_owned(),
            Kind::Map { .. } => "MapFieldDescriptor".to_owned(),
        };
        out.push_str(&format!("  \"{pointer}\": {ty};\n"));
    }
    out.push_str("}\n");
}

/// `"A" | "B"`.
fn enum_type(values: &[&str]) -> String {
    values
        .iter()
        .map(|v| format!("\"{v}\""))
        .collect::<Vec<_>>()
        .join(" | ")
}

/// An object's type is named after its field; an array's entry after the singular of its
/// field (`schedule_items`: `ScheduleItem`), or with `Entry` added when the name is no plural
/// (`exclude`: `ExcludeEntry`, which also keeps clear of TypeScript's own `Exclude`).
fn type_name(field: &Field) -> String {
    let name = match &field.kind {
        Kind::Objects(_) => match field.name.strip_suffix('s') {
            Some(singular) => singular.to_owned(),
            None => format!("{}_entry", field.name),
        },
        _ => field.name.to_owned(),
    };
    name.split('_')
        .map(|word| {
            let mut chars = word.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_ascii_uppercase().to_string() + chars.as_str()
            })
        })
        .collect()
}

fn interface(out: &mut String, name: &str, doc: &str, fields: &[Field]) {
    let mut nested = Vec::new();
    out.push_str(&format!("/** {doc} */\nexport interface {name} {{\n"));
    for field in fields {
        let optional = if field.required { "" } else { "?" };
        let ty = match &field.kind {
            Kind::Uuid { .. } | Kind::Text { .. } | Kind::Timestamp { .. } => "string".to_owned(),
            Kind::Number(_) => "number".to_owned(),
            Kind::Enum { values, .. } => enum_type(values),
            Kind::Strings(_) => "string[]".to_owned(),
            Kind::Map { .. } => "Record<string, string>".to_owned(),
            Kind::Object(inner) => {
                nested.push((type_name(field), field.describe(), *inner));
                type_name(field)
            }
            Kind::Objects(inner) => {
                nested.push((type_name(field), field.describe(), *inner));
                format!("{}[]", type_name(field))
            }
        };
        out.push_str(&format!(
            "  /** {} */\n  {}{optional}: {ty};\n",
            field.describe(),
            field.name
        ));
    }
    out.push_str("}\n\n");
    for (name, doc, inner) in nested {
        interface(out, &name, &doc, inner);
    }
}

const STATIC_TYPES: &str = r#"/** One finding about a draft. */
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
"#;

/// The descriptor type of each kind; `kind` tells them apart (`fields::kind_name`).
const DESCRIPTOR_TYPES: &str = r#"
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

"#;
