//! Arbitrary bytes through the JSON text entry point (`validate_json`).
//!
//! Invariants checked on every input, beyond "no panic":
//! - the report is consistent: `valid` exactly when there are no errors, a value exactly when
//!   valid, every issue's severity is its code's, and the report serializes;
//! - the text and the value entry points agree: when the text parses, `validate(&parsed)`
//!   gives the same report as `validate_json(text)`;
//! - the two JSON text readers agree: the wasm's own (`validate_json_compact`) gives the same
//!   report as serde_json's, `invalid_json` detail included;
//! - the normalized value is a fixed point: its JSON text validates again with no errors, the
//!   same value, the same JSON text, and the warnings that describe the value (SPEC section 4:
//!   not `duplicate_removed` nor allowed `unknown_field`; `not_uuid` on the value's entries).
#![no_main]

use chrono::{TimeZone, Utc};
use credit_rules::{
    validate, validate_json, validate_json_compact, Code, Options, Report, Severity,
};
use libfuzzer_sys::fuzz_target;

#[path = "../../tests/support/fixed_point.rs"]
mod fixed_point;

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
    assert_eq!(
        report,
        validate_json_compact(text, options),
        "the wasm's JSON text reader and serde_json's disagree"
    );
    if let Ok(parsed) = serde_json::from_str::<serde_json::Value>(text) {
        let from_value = validate(&parsed, options);
        assert_eq!(report, from_value, "text and value entry points disagree");
    } else {
        assert_eq!(report.errors.len(), 1);
        assert_eq!(report.errors[0].code, Code::InvalidJson);
    }
    if let Err(problem) = fixed_point::fixed_point(&report, options) {
        panic!("{problem}");
    }
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
