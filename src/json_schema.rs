//! The JSON Schema (2020-12) of the normalized body, read off the field table, and the JS
//! modules the package build writes from the table (`json-schema.js`; `fields.js` in
//! [`fields`]).

use crate::schema::{Align, Bounds, Entry, Field, Kind, BODY, MAX_ENTRIES};
use serde_json::{json, Map, Value};

const UUID_PATTERN: &str = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$";
/// What `Align::Hour` leaves of the output form `YYYY-MM-DDTHH:MM:SS.000Z`.
const HOUR_PATTERN: &str = "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:00:00\\.000Z$";
/// Trimmed, non-blank text: no Unicode `White_Space` at either end (what `str::trim` removes,
/// spelled out because `\s` differs between regex dialects: ECMA-262's has U+FEFF and lacks
/// U+0085). Without it a blank map key (`"  "`, `required` for the rules) would pass.
const TEXT_PATTERN: &str = concat!(
    "^[^\\t\\n\\u000b\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]",
    "([\\s\\S]*[^\\t\\n\\u000b\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000])?$"
);

/// The schema of what `validate` outputs: trimmed, lowercased, UTC, on the hour.
pub fn credit_json_schema() -> Value {
    let mut schema = object_schema(BODY);
    if let Value::Object(map) = &mut schema {
        let mut head = Map::new();
        head.insert(
            "$schema".into(),
            json!("https://json-schema.org/draft/2020-12/schema"),
        );
        head.insert("title".into(), json!("CreditCreateParams"));
        head.insert(
            "description".into(),
            json!("The normalized body of POST /v1/contracts/customerCredits/create. This schema cannot express the cross-field rules: ending_before later than starting_at (invalid_range) and specifiers not together with applicable_product_ids or applicable_product_tags (conflict). A body it accepts may still have errors: validate with credit-rules."),
        );
        head.append(map);
        return Value::Object(head);
    }
    schema
}

/// The contents of `json-schema.js`: `creditJsonSchema()` over the schema's JSON text (no
/// JSON Schema builder is in the wasm).
pub fn js_module() -> String {
    json_module(
        "The JSON Schema (draft 2020-12) of the normalized body.",
        "SCHEMA",
        "creditJsonSchema",
        "JSON Schema 2020-12 of the normalized body: a fresh object on every call.",
        &credit_json_schema(),
    )
}

/// A generated module that holds `value` as JSON text in `constant` and exports `function`,
/// which parses it afresh on every call: a module of its own, so that a bundle that does not
/// call the function leaves the value out.
pub(crate) fn json_module(
    about: &str,
    constant: &str,
    function: &str,
    doc: &str,
    value: &Value,
) -> String {
    format!(
        "{GENERATED}\
         // {about}\n\
         // A module of its own, so that a bundle that does not call {function}() leaves it out.\n\
         const {constant} = {};\n\n\
         /** {doc} */\n\
         export function {function}() {{\n  return JSON.parse({constant});\n}}\n",
        Value::from(value.to_string())
    )
}

/// The first lines of every module generated from the table: where it comes from and how the
/// committed copy in `js/` is kept.
pub(crate) const GENERATED: &str = "// Generated from the field table (src/schema.rs) by `bash scripts/build-pkg`\n\
     // (examples/generate.rs); do not edit. The copy in js/ is kept current by tests/typescript.rs\n\
     // (`UPDATE_TYPES=1 cargo test --test typescript` rewrites it).\n";

fn object_schema(fields: &[Field]) -> Value {
    let properties: Map<String, Value> = fields
        .iter()
        .map(|field| (field.name.to_owned(), field_schema(field)))
        .collect();
    let required: Vec<&str> = fields
        .iter()
        .filter(|f| f.required)
        .map(|f| f.name)
        .collect();
    let mut schema = Map::new();
    schema.insert("type".into(), json!("object"));
    schema.insert("properties".into(), Value::Object(properties));
    schema.insert("additionalProperties".into(), json!(false));
    if required.is_empty() {
        schema.insert("minProperties".into(), json!(1));
    } else {
        schema.insert("required".into(), json!(required));
    }
    Value::Object(schema)
}

/// `schema` with one more keyword (schemas built here are always objects).
fn with(mut schema: Value, keyword: &str, value: Value) -> Value {
    if let Value::Object(map) = &mut schema {
        map.insert(keyword.to_owned(), value);
    }
    schema
}

fn field_schema(field: &Field) -> Value {
    with(
        kind_schema(&field.kind),
        "description",
        json!(field.describe()),
    )
}

fn text_schema(max: Option<usize>) -> Value {
    let schema = json!({"type": "string", "minLength": 1, "pattern": TEXT_PATTERN});
    match max {
        Some(max) => with(schema, "maxLength", json!(max)),
        None => schema,
    }
}

fn kind_schema(kind: &Kind) -> Value {
    match kind {
        Kind::Uuid { default: None } => json!({"type": "string", "pattern": UUID_PATTERN}),
        Kind::Uuid {
            default: Some(default),
        } => json!({"type": "string", "pattern": UUID_PATTERN, "default": default}),
        Kind::Text { max } => text_schema(*max),
        Kind::Number(Bounds { above, .. }) => match above {
            Some(above) => json!({"type": "number", "exclusiveMinimum": number(*above)}),
            None => json!({"type": "number"}),
        },
        Kind::Timestamp { align: Align::Hour } => {
            json!({"type": "string", "format": "date-time", "pattern": HOUR_PATTERN})
        }
        Kind::Enum {
            values,
            default: None,
        } => json!({"type": "string", "enum": values}),
        Kind::Enum {
            values,
            default: Some(default),
        } => json!({"type": "string", "enum": values, "default": default}),
        Kind::Object(fields) => object_schema(fields),
        Kind::Objects(fields) => {
            json!({"type": "array", "items": object_schema(fields), "minItems": 1, "maxItems": MAX_ENTRIES})
        }
        Kind::Strings(entry) => {
            let items = match entry {
                Entry::Uuid => json!({"type": "string", "pattern": UUID_PATTERN}),
                Entry::ContractId | Entry::Tag => text_schema(None),
            };
            json!({"type": "array", "items": items, "minItems": 1, "maxItems": MAX_ENTRIES, "uniqueItems": true})
        }
        Kind::Map { key_max, value_max } => json!({
            "type": "object",
            "propertyNames": text_schema(*key_max),
            "additionalProperties": text_schema(*value_max),
            "minProperties": 1,
            "maxProperties": MAX_ENTRIES,
        }),
    }
}

/// A bound as JSON: whole numbers as integers (`0`, not `0.0`).
fn number(value: f64) -> Value {
    crate::issue::json_number(value)
}
