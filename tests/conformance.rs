//! The shared conformance fixtures, natively: every case, and the fixed point of every valid one.

use credit_rules::{validate, validate_json, Options, Report};
use serde_json::Value;
use std::collections::BTreeSet;

const FIXTURES: &str = include_str!("fixtures/conformance.json");

fn cases() -> Vec<Value> {
    match serde_json::from_str(FIXTURES) {
        Ok(Value::Array(cases)) => cases,
        other => panic!("tests/fixtures/conformance.json is not an array of cases: {other:?}"),
    }
}

fn run(case: &Value) -> Report {
    let options = Options::read(&&case["options"]);
    match case.get("json").and_then(Value::as_str) {
        Some(text) => validate_json(text, &options),
        None => validate(&case["input"], &options),
    }
}

/// Deep equality that also requires the same key order (SPEC section 4 rule 9) and compares
/// numbers by value.
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same(x, y)),
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|((kx, vx), (ky, vy))| kx == ky && same(vx, vy))
        }
        _ => a == b,
    }
}

fn keys(issues: &[credit_rules::Issue]) -> BTreeSet<String> {
    issues.iter().map(|issue| issue.key()).collect()
}

fn strings(value: &Value) -> BTreeSet<String> {
    value.as_array().into_iter().flatten().filter_map(Value::as_str).map(str::to_owned).collect()
}

#[test]
fn every_fixture_case_passes() {
    let mut failures = Vec::new();
    for case in cases() {
        let name = case["name"].as_str().unwrap_or("?");
        let expect = &case["expect"];
        let report = run(&case);
        let mut problems = Vec::new();
        if Some(report.valid) != expect["valid"].as_bool() {
            problems.push(format!("valid {} expected {}", report.valid, expect["valid"]));
        }
        let errors = keys(&report.errors);
        if errors != strings(&expect["errors"]) {
            problems.push(format!("errors {errors:?} expected {:?}", strings(&expect["errors"])));
        }
        let warnings = keys(&report.warnings);
        let wanted = strings(&expect["warnings"]);
        let warnings_ok = if expect["exact_warnings"] == Value::Bool(true) {
            warnings == wanted
        } else {
            wanted.is_subset(&warnings)
        };
        if !warnings_ok {
            problems.push(format!("warnings {warnings:?} expected {wanted:?}"));
        }
        if let Some(value) = expect.get("value") {
            if !report.value.as_ref().is_some_and(|got| same(got, value)) {
                problems.push(format!("value {:?}\n   expected {value}", report.value.as_ref().map(Value::to_string)));
            }
        }
        if !problems.is_empty() {
            failures.push(format!("{name}: {}", problems.join("; ")));
        }
    }
    assert!(failures.is_empty(), "{} failing cases:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn every_valid_case_is_a_fixed_point() {
    for case in cases() {
        let report = run(&case);
        let Some(value) = report.value else { continue };
        let options = Options::read(&&case["options"]);
        let again = validate(&value, &options);
        let name = &case["name"];
        assert!(again.errors.is_empty(), "{name}: {:?}", again.errors);
        assert_eq!(again.value.as_ref(), Some(&value), "{name}");
        assert!(
            again.warnings.iter().all(|w| w.code.as_str() != "duplicate_removed" && w.code.as_str() != "unknown_field"),
            "{name}: {:?}",
            again.warnings
        );
    }
}

#[test]
fn the_copy_equals_the_shared_fixtures_when_present() {
    let shared = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/fixtures/conformance.json");
    if let Ok(original) = std::fs::read_to_string(&shared) {
        assert!(original == FIXTURES, "tests/fixtures/conformance.json differs from {}: copy it again", shared.display());
    }
}
