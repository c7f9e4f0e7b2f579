//! Arbitrary bytes through the JSON text entry point (`validate_json`).
//!
//! Invariants checked on every input, beyond "no panic":
//! - the report is consistent: `valid` exactly when there are no errors, a value exactly when
//!   valid, every issue's severity is its code's, and the report serializes;
//! - the text and the value entry points agree: when the text parses, `validate(&parsed)`
//!   gives the same report as `validate_json(text)`;
//! - the normalized value is a fixed point: its JSON text validates again with no errors, the
//!   same value, the same JSON text, and the warnings that describe the value (SPEC section 4:
//!   not `duplicate_removed` nor allowed `unknown_field`; `not_uuid` on the value's entries).
#![no_main]

use chrono::{TimeZone, Utc};
use credit_rules::{validate, validate_json, Code, Issue, Options, Report, Severity};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let options = Options {
        now: Utc.with_ymd_and_hms(2025, 12, 1, 0, 0, 0).single(),
        // Both settings, chosen by a bit of the input that the JSON text does not fix.
        allow_unknown_fields: data.len() % 2 == 1,
        ..Options::default()
    };
    match std::str::from_utf8(data) {
        Ok(text) => check(text, &options),
        Err(_) => check(&String::from_utf8_lossy(data), &options),
    }
});

fn check(text: &str, options: &Options) {
    let report = validate_json(text, options);
    consistent(&report, options.allow_unknown_fields);
    if let Ok(parsed) = serde_json::from_str::<serde_json::Value>(text) {
        let from_value = validate(&parsed, options);
        assert_eq!(report, from_value, "text and value entry points disagree");
    } else {
        assert_eq!(report.errors.len(), 1);
        assert_eq!(report.errors[0].code, Code::InvalidJson);
    }
    if let Some(value) = &report.value {
        let value_text = serde_json::to_string(value).expect("a value serializes");
        let again = validate_json(&value_text, options);
        assert!(
            again.errors.is_empty(),
            "not a fixed point: {:?}",
            again.errors
        );
        assert_eq!(again.value.as_ref(), Some(value), "value changed");
        let again_text = serde_json::to_string(&again.value).expect("a value serializes");
        assert_eq!(value_text, again_text, "JSON text changed");
        // The warnings that describe the value come back; `duplicate_removed` and allowed
        // `unknown_field` do not (SPEC section 4). `not_uuid` sits on contract id entries, which
        // normalization may drop (blank) or remove (repeated): it comes back once per entry of
        // the value that is not UUID-shaped, at that entry.
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
        assert_eq!(
            others(&again.warnings),
            others(&report.warnings),
            "warnings changed"
        );
        let not_uuid: Vec<String> = again
            .warnings
            .iter()
            .filter(|w| w.code == Code::NotUuid)
            .map(|w| w.pointer.clone())
            .collect();
        let expected: Vec<String> = value
            .get("applicable_contract_ids")
            .and_then(|ids| ids.as_array())
            .into_iter()
            .flatten()
            .enumerate()
            .filter(|(_, id)| !id.as_str().is_some_and(is_uuid))
            .map(|(index, _)| format!("/applicable_contract_ids/{index}"))
            .collect();
        assert_eq!(not_uuid, expected, "not_uuid warnings of the value");
    }
}

/// `8-4-4-4-12` hexadecimal digits.
fn is_uuid(text: &str) -> bool {
    text.len() == 36
        && text.bytes().enumerate().all(|(index, byte)| match index {
            8 | 13 | 18 | 23 => byte == b'-',
            _ => byte.is_ascii_hexdigit(),
        })
}

fn consistent(report: &Report, allow_unknown_fields: bool) {
    assert_eq!(report.valid, report.errors.is_empty());
    assert_eq!(report.valid, report.value.is_some());
    for issue in &report.errors {
        assert_eq!(issue.code.severity(), Severity::Error);
        assert_eq!(issue.severity, Severity::Error);
    }
    for issue in &report.warnings {
        // With `allow_unknown_fields`, the error `unknown_field` is reported as a warning.
        if !(allow_unknown_fields && issue.code == Code::UnknownField) {
            assert_eq!(issue.code.severity(), Severity::Warning);
        }
        assert_eq!(issue.severity, Severity::Warning);
    }
    serde_json::to_string(report).expect("a report serializes");
}
