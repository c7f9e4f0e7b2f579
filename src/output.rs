//! Building the output of the Rust API: the [`Report`], with the normalized body as a
//! `serde_json::Value` (the wasm edge writes the same tree to its result tape instead).

use crate::checked::{Checked, Norm, Outcome};
use crate::walk::Validated;
use crate::Report;
use serde_json::{Map, Value};

/// The report of a checked draft.
pub(crate) fn report(validated: Validated<'_>) -> Report {
    Report {
        valid: validated.valid(),
        value: validated
            .body
            .as_ref()
            .map(|body| Value::Object(object_value(body))),
        errors: validated.errors,
        warnings: validated.warnings,
    }
}

fn object_value(checked: &Checked<'_>) -> Map<String, Value> {
    let mut object = Map::new();
    for slot in &checked.slots {
        if let Outcome::Valid(norm) = &slot.outcome {
            object.insert(slot.name.to_owned(), norm_value(norm));
        }
    }
    object
}

fn norm_value(norm: &Norm<'_>) -> Value {
    match norm {
        Norm::Text(text) => Value::String(text.to_string()),
        Norm::Number(number) => number_value(*number),
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

/// A whole number is written without a fraction (`1000`, never `1000.0`).
pub(crate) fn number_value(number: f64) -> Value {
    const SAFE: f64 = 9_007_199_254_740_992.0;
    if number.fract() == 0.0 && number.abs() < SAFE {
        Value::from(number as i64)
    } else {
        serde_json::Number::from_f64(number).map_or(Value::Null, Value::Number)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_numbers_have_no_fraction_in_text() {
        assert_eq!(number_value(1000.0).to_string(), "1000");
        assert_eq!(number_value(12.5).to_string(), "12.5");
        assert_eq!(number_value(-0.0 + 0.0).to_string(), "0");
        assert_eq!(number_value(1e300).to_string(), "1e+300");
    }
}
