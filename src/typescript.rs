//! The TypeScript declarations of the body, the issues and the options, read off the field
//! table and the code list. The package build writes them as `types.d.ts`; `js/types.d.ts` is
//! the committed copy, which a test keeps equal.

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
    out.push_str(STATIC_TYPES);
    out
}

fn type_name(field: &Field) -> String {
    let singular = match &field.kind {
        Kind::Objects(_) => field.name.strip_suffix('s').unwrap_or(field.name),
        _ => field.name,
    };
    singular
        .split('_')
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
            Kind::Enum(values) => values
                .iter()
                .map(|v| format!("\"{v}\""))
                .collect::<Vec<_>>()
                .join(" | "),
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
"#;
