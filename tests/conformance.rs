//! The case tables, natively: the shared fixtures (`fixtures/conformance.json` and
//! `fixtures/account-features.json`, copies of ../shared) and our own table
//! (`fixtures/cases.json`), one loop for all, plus the fixed point of every valid case.
#![cfg(not(target_arch = "wasm32"))]

use credit_rules::{validate, validate_json, validate_json_compact, Code, Issue, Options, Report};
use serde_json::Value;
use std::collections::BTreeSet;

const CONFORMANCE: &str = include_str!("fixtures/conformance.json");
const ACCOUNT_FEATURES: &str = include_str!("fixtures/account-features.json");
const CASES: &str = include_str!("fixtures/cases.json");

fn table(text: &str) -> Vec<Value> {
    match serde_json::from_str(text) {
        Ok(Value::Array(cases)) => cases,
        other => panic!("a case table is not an array of cases: {other:?}"),
    }
}

fn all_cases() -> Vec<Value> {
    table(CONFORMANCE)
        .into_iter()
        .chain(table(ACCOUNT_FEATURES))
        .chain(table(CASES))
        .collect()
}

fn run(case: &Value) -> Report {
    let options = Options::read(&case["options"]);
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
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same(x, y))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .zip(y)
                    .all(|((kx, vx), (ky, vy))| kx == ky && same(vx, vy))
        }
        _ => a == b,
    }
}

fn keys(issues: &[Issue]) -> BTreeSet<String> {
    issues.iter().map(Issue::key).collect()
}

fn strings(value: &Value) -> Vec<String> {
    value
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .map(str::to_owned)
        .collect()
}

/// What is wrong with `report` for `case`; empty when the case passes.
fn problems(case: &Value, report: &Report) -> Vec<String> {
    let expect = &case["expect"];
    let mut problems = Vec::new();
    if Some(report.valid) != expect["valid"].as_bool() {
        problems.push(format!(
            "valid {} expected {}",
            report.valid, expect["valid"]
        ));
    }
    let wanted_errors: BTreeSet<String> = strings(&expect["errors"]).into_iter().collect();
    if keys(&report.errors) != wanted_errors {
        problems.push(format!(
            "errors {:?} expected {wanted_errors:?}",
            keys(&report.errors)
        ));
    }
    let warnings = keys(&report.warnings);
    let wanted: BTreeSet<String> = strings(&expect["warnings"]).into_iter().collect();
    let exact = expect["exact_warnings"] == Value::Bool(true);
    if !(if exact {
        warnings == wanted
    } else {
        wanted.is_subset(&warnings)
    }) {
        problems.push(format!("warnings {warnings:?} expected {wanted:?}"));
    }
    if let Some(value) = expect.get("value") {
        if !report.value.as_ref().is_some_and(|got| same(got, value)) {
            problems.push(format!(
                "value {:?}\n   expected {value}",
                report.value.as_ref().map(Value::to_string)
            ));
        }
    }
    let all: Vec<&Issue> = report.errors.iter().chain(&report.warnings).collect();
    let find = |key: &str| all.iter().find(|issue| issue.key() == key);
    for (key, params) in expect["params"].as_object().into_iter().flatten() {
        let got = find(key).map(|issue| serde_json::to_value(&issue.params).unwrap_or_default());
        let ok = match (&got, params.as_object()) {
            (Some(Value::Object(got)), Some(wanted)) if wanted.is_empty() => got.is_empty(),
            (Some(Value::Object(got)), Some(wanted)) => {
                wanted.iter().all(|(k, v)| got.get(k) == Some(v))
            }
            _ => false,
        };
        if !ok {
            problems.push(format!("params of {key}: {got:?} expected {params}"));
        }
    }
    for (key, related) in expect["related"].as_object().into_iter().flatten() {
        let got = find(key).map(|issue| issue.related.clone());
        if got.as_ref() != Some(&strings(related)) {
            problems.push(format!("related of {key}: {got:?} expected {related}"));
        }
    }
    // Fixes (SPEC section 8): per issue, exactly these kinds, params and patches in this
    // order (an empty list: none offered); every offered fix has a message.
    for (key, wanted) in expect["fixes"].as_object().into_iter().flatten() {
        let Some(issue) = find(key) else {
            problems.push(format!("fixes of {key}: no such issue"));
            continue;
        };
        let got: Vec<Value> = issue
            .fixes
            .iter()
            .map(|fix| {
                let mut json = serde_json::to_value(fix).unwrap_or_default();
                if let Some(object) = json.as_object_mut() {
                    let message = object.shift_remove("message");
                    if message
                        .as_ref()
                        .and_then(Value::as_str)
                        .is_none_or(str::is_empty)
                    {
                        object.insert("message_missing".into(), Value::Bool(true));
                    }
                }
                json
            })
            .collect();
        // Key order inside a fix is free (serde_json's map equality ignores it).
        if &Value::Array(got.clone()) != wanted {
            problems.push(format!(
                "fixes of {key}: {}\n   expected {wanted}",
                Value::Array(got)
            ));
        }
    }
    if let Some(order) = expect.get("order") {
        let got: Vec<String> = report.errors.iter().map(Issue::key).collect();
        if got != strings(order) {
            problems.push(format!("order {got:?} expected {order}"));
        }
    }
    problems
}

#[test]
fn every_case_passes() {
    let mut failures = Vec::new();
    for case in all_cases() {
        let problems = problems(&case, &run(&case));
        if !problems.is_empty() {
            failures.push(format!("{}: {}", case["name"], problems.join("; ")));
        }
    }
    assert!(
        failures.is_empty(),
        "{} failing cases:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn every_valid_case_is_a_fixed_point() {
    for case in all_cases() {
        let report = run(&case);
        let Some(value) = report.value else { continue };
        let options = Options::read(&case["options"]);
        let again = validate(&value, &options);
        let name = &case["name"];
        assert!(again.errors.is_empty(), "{name}: {:?}", again.errors);
        assert_eq!(again.value.as_ref(), Some(&value), "{name}");
        // The warnings that describe the value come back; their places and counts may
        // differ once blank and repeated entries are gone (`[" ", "x", "x"]` warns not_uuid at
        // 1 and 2; the value `["x"]` warns once, at 0).
        let codes = |warnings: &[Issue]| -> BTreeSet<&'static str> {
            warnings
                .iter()
                .filter(|w| !matches!(w.code, Code::DuplicateRemoved | Code::UnknownField))
                .map(|w| w.code.as_str())
                .collect()
        };
        assert_eq!(codes(&again.warnings), codes(&report.warnings), "{name}");
        assert_eq!(
            serde_json::to_string(&value).ok(),
            serde_json::to_string(&again.value).ok(),
            "{name}: JSON text"
        );
    }
}

#[test]
fn every_code_has_a_case() {
    let used: BTreeSet<String> = all_cases()
        .iter()
        .flat_map(|case| {
            strings(&case["expect"]["errors"])
                .into_iter()
                .chain(strings(&case["expect"]["warnings"]))
        })
        .filter_map(|key| key.split('@').next().map(str::to_owned))
        .collect();
    let missing: Vec<&str> = Code::ALL
        .iter()
        .map(|code| code.as_str())
        .filter(|code| !used.contains(*code))
        .collect();
    assert!(missing.is_empty(), "codes without a case: {missing:?}");
}

#[test]
fn the_copies_equal_the_shared_fixtures_when_present() {
    for (file, copy) in [
        ("conformance.json", CONFORMANCE),
        ("account-features.json", ACCOUNT_FEATURES),
    ] {
        let shared = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../shared/fixtures")
            .join(file);
        if let Ok(original) = std::fs::read_to_string(&shared) {
            assert!(
                original == copy,
                "tests/fixtures/{file} differs from {}: copy it again",
                shared.display()
            );
        }
    }
}

/// The wasm reads JSON text with its own reader (src/json_text.rs): for every case, as given
/// and as the JSON text of its draft, it gives the report serde_json's gives, to the
/// `invalid_json` detail.
#[test]
fn the_wasm_json_reader_gives_serde_json_reports() {
    for case in all_cases() {
        let options = Options::read(&case["options"]);
        let texts = match case.get("json").and_then(Value::as_str) {
            Some(text) => vec![text.to_owned()],
            None => vec![case["input"].to_string(), format!(" {:#} ", case["input"])],
        };
        for text in texts {
            assert_eq!(
                validate_json(&text, &options),
                validate_json_compact(&text, &options),
                "{}: {text}",
                case["name"]
            );
        }
    }
}
