//! The fixed point of SPEC section 4, checked the same way by the property tests
//! (`tests/properties.rs`) and the fuzz target (`fuzz/fuzz_targets/json_text.rs`), which
//! include this file with `#[path]`.

use credit_rules::{validate, validate_json, Code, Issue, Options, Report};
use serde_json::Value;

/// `8-4-4-4-12` hexadecimal digits, any letter case.
pub fn uuid_shaped(text: &str) -> bool {
    text.len() == 36
        && text.bytes().enumerate().all(|(index, byte)| match index {
            8 | 13 | 18 | 23 => byte == b'-',
            _ => byte.is_ascii_hexdigit(),
        })
}

/// The value of a valid report validates again with no errors, the same value and the same
/// JSON text, and with the warnings that describe the value itself (`duplicate_removed` and
/// allowed `unknown_field` do not come back; `not_uuid` sits on contract id entries, which
/// normalization may drop or remove, so it comes back once per entry of the value that is not
/// UUID-shaped). Through its JSON text too: what a server receives when the browser posts it.
/// `Err` says what broke.
pub fn fixed_point(report: &Report, options: &Options) -> Result<(), String> {
    let Some(value) = &report.value else {
        return Ok(());
    };
    let again = validate(value, options);
    let keys = |issues: &[Issue]| issues.iter().map(Issue::key).collect::<Vec<_>>();
    if !again.errors.is_empty() {
        return Err(format!(
            "not a fixed point: {:?}\nvalue {value}",
            keys(&again.errors)
        ));
    }
    if again.value.as_ref() != Some(value) {
        return Err(format!("the value changed: {value}"));
    }
    let text = serde_json::to_string(value).unwrap_or_default();
    if serde_json::to_string(&again.value).ok() != Some(text.clone()) {
        return Err(format!("the JSON text changed: {text}"));
    }
    let others = |issues: &[Issue]| -> Vec<Issue> {
        issues
            .iter()
            .filter(|w| {
                !matches!(
                    w.code,
                    Code::DuplicateRemoved | Code::UnknownField | Code::NotUuid
                )
            })
            .cloned()
            .collect()
    };
    if others(&again.warnings) != others(&report.warnings) {
        return Err(format!(
            "the warnings changed: {:?} then {:?}\nvalue {value}",
            keys(&report.warnings),
            keys(&again.warnings)
        ));
    }
    let not_uuid: Vec<String> = again
        .warnings
        .iter()
        .filter(|w| w.code == Code::NotUuid)
        .map(|w| w.pointer.clone())
        .collect();
    let expected: Vec<String> = value
        .get("applicable_contract_ids")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .enumerate()
        .filter(|(_, id)| !id.as_str().is_some_and(uuid_shaped))
        .map(|(index, _)| format!("/applicable_contract_ids/{index}"))
        .collect();
    if not_uuid != expected {
        return Err(format!(
            "not_uuid of the value: {not_uuid:?}, expected {expected:?}\nvalue {value}"
        ));
    }
    let through_text = validate_json(&text, options);
    if through_text != again {
        return Err(format!(
            "the value's JSON text gives another report: {text}"
        ));
    }
    Ok(())
}
