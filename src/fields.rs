//! The field descriptor of the package's `creditFields()`: what a form needs of each field (is it
//! required, its limits, bounds, alignment, allowed values, default and doc line), read off the
//! field table.
//!
//! One entry per field of every table, in the key order of the body (depth first), keyed by
//! its JSON pointer with every array index written `*`:
//! `"/access_schedule/schedule_items/*/amount"`. Absent parameters are `null`, so that every
//! entry of a kind has the same keys. `js/types.d.ts` types each pointer's entry
//! (`CreditFields`, from [`pointers`]).

use crate::json_schema::json_module;
use crate::schema::{Bounds, Entry, Field, Kind, BODY, MAX_ENTRIES};
use serde_json::{json, Map, Value};

/// Every field of the body with its pointer (array indexes written `*`), in key order.
pub fn pointers() -> Vec<(String, &'static Field)> {
    let mut out = Vec::new();
    walk(&mut out, "", BODY);
    out
}

fn walk(out: &mut Vec<(String, &'static Field)>, base: &str, fields: &'static [Field]) {
    for field in fields {
        // No key of the table needs RFC 6901 escaping (`~`, `/`).
        let pointer = format!("{base}/{}", field.name);
        out.push((pointer.clone(), field));
        match &field.kind {
            Kind::Object(inner) => walk(out, &pointer, inner),
            Kind::Objects(inner) => walk(out, &format!("{pointer}/*"), inner),
            _ => {}
        }
    }
}

/// The name of a kind in the descriptor (`kind`).
pub fn kind_name(kind: &Kind) -> &'static str {
    match kind {
        Kind::Uuid { .. } => "uuid",
        Kind::Text { .. } => "text",
        Kind::Number(_) => "number",
        Kind::Timestamp { .. } => "timestamp",
        Kind::Enum { .. } => "enum",
        Kind::Object(_) => "object",
        Kind::Objects(_) => "objects",
        Kind::Strings(_) => "strings",
        Kind::Map { .. } => "map",
    }
}

/// The descriptor: pointer → what a form needs of that field.
pub fn credit_fields() -> Value {
    Value::Object(
        pointers()
            .into_iter()
            .map(|(pointer, field)| (pointer, descriptor(field)))
            .collect(),
    )
}

fn descriptor(field: &Field) -> Value {
    let mut entry = Map::new();
    entry.insert("name".into(), json!(field.name));
    entry.insert("kind".into(), json!(kind_name(&field.kind)));
    entry.insert("required".into(), json!(field.required));
    entry.insert("description".into(), json!(field.describe()));
    let number = |value: Option<f64>| value.map_or(Value::Null, crate::issue::json_number);
    let parameters = match &field.kind {
        Kind::Uuid { default } => json!({"default": default}),
        Kind::Text { max } => json!({"maxLength": max}),
        Kind::Number(Bounds { above, warn_below }) => json!({
            "exclusiveMinimum": number(*above),
            "warnBelow": number(*warn_below),
        }),
        Kind::Timestamp { align } => json!({"alignSeconds": align.seconds()}),
        Kind::Enum { values, default } => json!({"values": values, "default": default}),
        Kind::Object(_) => json!({}),
        Kind::Objects(_) => json!({"maxItems": MAX_ENTRIES}),
        Kind::Strings(entry) => json!({
            "entry": match entry {
                Entry::Uuid => "uuid",
                Entry::ContractId => "contract_id",
                Entry::Tag => "tag",
            },
            "maxItems": MAX_ENTRIES,
        }),
        Kind::Map { key_max, value_max } => json!({
            "keyMaxLength": key_max,
            "valueMaxLength": value_max,
            "maxProperties": MAX_ENTRIES,
        }),
    };
    if let Value::Object(parameters) = parameters {
        entry.extend(parameters);
    }
    Value::Object(entry)
}

/// The contents of `fields.js`: `creditFields()` over the descriptor's JSON text.
pub fn js_module() -> String {
    json_module(
        "What a form needs of each field, keyed by JSON pointer (array indexes written *).",
        "FIELDS",
        "creditFields",
        "Every field's rules for a form, keyed by JSON pointer: a fresh object on every call.",
        &credit_fields(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_has_one_entry_keyed_by_its_pointer() {
        let fields = credit_fields();
        assert_eq!(fields["/uniqueness_key"]["maxLength"], json!(128));
        assert_eq!(fields["/custom_fields"]["keyMaxLength"], json!(100));
        assert_eq!(
            fields["/access_schedule/schedule_items/*/starting_at"]["alignSeconds"],
            json!(3600)
        );
        assert_eq!(
            fields["/access_schedule/schedule_items/*/amount"]["exclusiveMinimum"],
            json!(0)
        );
        assert_eq!(fields["/specifiers/*/product_id"]["required"], json!(false));
        let count = |fields: &[Field]| fields.len();
        assert_eq!(
            fields.as_object().map(Map::len),
            Some(
                count(BODY)
                    + count(crate::schema::ACCESS_SCHEDULE)
                    + count(crate::schema::SCHEDULE_ITEM)
                    + count(crate::schema::SPECIFIER)
                    + count(crate::schema::EXCLUSION)
            )
        );
    }
}
