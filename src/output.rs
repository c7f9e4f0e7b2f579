//! Building the output of the Rust API: the [`Report`], with the normalized body as a
//! `serde_json::Value` (the wasm edge writes the same tree to its result tape instead).

use crate::checked::{Checked, Norm, Outcome};
use crate::issue::json_number;
use crate::options::Options;
use crate::report::Report;
use crate::walk::Validated;
use serde_json::{Map, Value};

/// The report of a checked draft, its messages from the catalog or `options`.
pub(crate) fn report(validated: Validated<'_>, options: &Options) -> Report {
    let valid = validated.valid();
    let value = validated
        .value()
        .map(|body| Value::Object(object_value(body)));
    let (errors, warnings) = validated.issues.into_issues(options);
    Report {
        valid,
        value,
        errors,
        warnings,
    }
}

fn object_value(checked: &Checked<'_>) -> Map<String, Value> {
    let mut object = Map::new();
    for (field, slot) in checked.fields.iter().zip(&checked.slots) {
        if let Outcome::Valid(norm) = &slot.outcome {
            object.insert(field.name.to_owned(), norm_value(norm));
        }
    }
    object
}

fn norm_value(norm: &Norm<'_>) -> Value {
    match norm {
        Norm::Text(text) => Value::String(text.to_string()),
        Norm::Number(number) => json_number(*number),
        Norm::Time(instant) => Value::String(instant.to_iso()),
        Norm::Strings(entries) => Value::Array(
            entries
                .iter()
                .map(|entry| Value::String(entry.to_string()))
                .collect(),
        ),
        Norm::Map(entries) => Value::Object(
            entries
                .iter()
                .map(|(key, value)| ((*key).to_owned(), Value::String((*value).to_owned())))
                .collect(),
        ),
        Norm::Object(checked) => Value::Object(object_value(checked)),
        Norm::Objects(entries) => Value::Array(
            entries
                .iter()
                .map(|(_, checked)| Value::Object(object_value(checked)))
                .collect(),
        ),
    }
}
