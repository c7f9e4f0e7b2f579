//! The case tables through the JS boundary with wasm-bindgen-test: each draft becomes a JS
//! value (`JSON.parse`), goes through the exported `validateCredit`, and the report comes back
//! as a JS value. Runs in Node by default and in Chromium with `WASM_BINDGEN_USE_BROWSER=1`.
#![cfg(target_arch = "wasm32")]

use credit_rules::wasm::validate_credit;
use js_sys::{Array, Reflect, JSON};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

const CONFORMANCE: &str = include_str!("fixtures/conformance.json");
const ACCOUNT_FEATURES: &str = include_str!("fixtures/account-features.json");
const CASES: &str = include_str!("fixtures/cases.json");

fn get(value: &JsValue, key: &str) -> JsValue {
    Reflect::get(value, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn stringify(value: &JsValue) -> String {
    JSON::stringify(value)
        .ok()
        .and_then(|text| text.as_string())
        .unwrap_or_default()
}

fn sorted_keys(issues: &JsValue) -> Vec<String> {
    let mut keys: Vec<String> = Array::from(issues)
        .iter()
        .map(|issue| {
            format!(
                "{}@{}",
                get(&issue, "code").as_string().unwrap_or_default(),
                get(&issue, "pointer").as_string().unwrap_or_default()
            )
        })
        .collect();
    keys.sort();
    keys
}

fn strings(value: &JsValue) -> Vec<String> {
    let mut list: Vec<String> = Array::from(value)
        .iter()
        .filter_map(|v| v.as_string())
        .collect();
    list.sort();
    list
}

fn run_table(text: &str) {
    let cases = JSON::parse(text).expect("a case table parses");
    let mut failures = Vec::new();
    for case in Array::from(&cases).iter() {
        let input = get(&case, "input");
        if input.is_undefined() {
            continue; // JSON-text cases belong to validateCreditJson, tested in tests/js.
        }
        let expect = get(&case, "expect");
        let report = validate_credit(input, get(&case, "options"));
        let name = get(&case, "name").as_string().unwrap_or_default();
        if get(&report, "valid") != get(&expect, "valid") {
            failures.push(format!("{name}: valid"));
        }
        if sorted_keys(&get(&report, "errors")) != strings(&get(&expect, "errors")) {
            failures.push(format!(
                "{name}: errors {:?}",
                sorted_keys(&get(&report, "errors"))
            ));
        }
        let warnings = sorted_keys(&get(&report, "warnings"));
        if !strings(&get(&expect, "warnings"))
            .iter()
            .all(|w| warnings.contains(w))
        {
            failures.push(format!("{name}: warnings {warnings:?}"));
        }
        let value = get(&expect, "value");
        if !value.is_undefined() && stringify(&get(&report, "value")) != stringify(&value) {
            failures.push(format!(
                "{name}: value {}",
                stringify(&get(&report, "value"))
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[wasm_bindgen_test]
fn conformance_fixtures_pass_as_js_values() {
    run_table(CONFORMANCE);
}

#[wasm_bindgen_test]
fn account_feature_fixtures_pass_as_js_values() {
    run_table(ACCOUNT_FEATURES);
}

#[wasm_bindgen_test]
fn own_cases_pass_as_js_values() {
    run_table(CASES);
}

#[wasm_bindgen_test]
fn a_proto_key_stays_an_own_property_of_the_output() {
    let draft = JSON::parse(
        r#"{"customer_id":"13117714-3f05-48e5-a6e9-a66093f13b4d","product_id":"f14d6729-6a44-4b13-9908-9387f1918790","priority":1,
            "access_schedule":{"schedule_items":[{"amount":1,"starting_at":"2026-01-01","ending_before":"2026-01-02"}]},
            "custom_fields":{"__proto__":"x"}}"#,
    )
    .expect("parses");
    let report = validate_credit(draft, JsValue::UNDEFINED);
    let fields = get(&get(&report, "value"), "custom_fields");
    let keys = js_sys::Object::keys(&fields.into());
    assert_eq!(keys.length(), 1);
    assert_eq!(keys.get(0).as_string().as_deref(), Some("__proto__"));
}
