//! The case tables through the JS boundary with wasm-bindgen-test: each draft becomes a JS
//! value (`JSON.parse`), goes through `wasm::validate_credit` (`readDraft` from Rust, then the
//! export behind `validateCredit`; a JSON-text case through `validate_credit_json`), and the
//! report comes back as a JS value, judged as the native runner
//! judges it: validity, errors, warnings, value, params, related pointers and fixes. Runs in
//! Node by default and in Chromium with `WASM_BINDGEN_USE_BROWSER=1`; cargo-mutants runs it
//! for the mutants of src/wasm.rs (README "Mutation testing").
#![cfg(target_arch = "wasm32")]

use credit_rules::wasm::{validate_credit, validate_credit_json};
use js_sys::{Array, Object, Reflect, JSON};
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

/// An issue's `code@pointer`, as the case tables name it.
fn key_of(issue: &JsValue) -> String {
    format!(
        "{}@{}",
        get(issue, "code").as_string().unwrap_or_default(),
        get(issue, "pointer").as_string().unwrap_or_default()
    )
}

fn sorted_keys(issues: &JsValue) -> Vec<String> {
    let mut keys: Vec<String> = Array::from(issues)
        .iter()
        .map(|issue| key_of(&issue))
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

/// JSON text with every object's keys sorted: equality that ignores key order.
fn canonical(value: &JsValue) -> String {
    if Array::is_array(value) {
        let entries: Vec<String> = Array::from(value).iter().map(|v| canonical(&v)).collect();
        format!("[{}]", entries.join(","))
    } else if value.is_object() {
        let mut keys: Vec<String> = Object::keys(&value.clone().into())
            .iter()
            .filter_map(|k| k.as_string())
            .collect();
        keys.sort();
        let entries: Vec<String> = keys
            .iter()
            .map(|k| {
                format!(
                    "{}:{}",
                    stringify(&JsValue::from_str(k)),
                    canonical(&get(value, k))
                )
            })
            .collect();
        format!("{{{}}}", entries.join(","))
    } else {
        stringify(value)
    }
}

/// The issue of `report` (errors, then warnings) whose `code@pointer` is `key`.
fn issue_at(report: &JsValue, key: &str) -> Option<JsValue> {
    ["errors", "warnings"].iter().find_map(|list| {
        Array::from(&get(report, list))
            .iter()
            .find(|issue| key_of(issue) == key)
    })
}

/// `expect[field]` (an object of issue keys) checked against each issue's `field`, read by
/// `read` and compared as canonical JSON.
fn check_by_issue(
    report: &JsValue,
    expect: &JsValue,
    field: &str,
    read: &dyn Fn(&JsValue) -> JsValue,
    failures: &mut Vec<String>,
    name: &str,
) {
    let wanted = get(expect, field);
    if wanted.is_undefined() {
        return;
    }
    for key in Object::keys(&wanted.clone().into()).iter() {
        let key = key.as_string().unwrap_or_default();
        let got = issue_at(report, &key).map(|issue| read(&issue));
        let want = get(&wanted, &key);
        match got {
            Some(got) if canonical(&got) == canonical(&want) => {}
            got => failures.push(format!(
                "{name}: {field} of {key}: {}",
                got.map(|g| canonical(&g)).unwrap_or_default()
            )),
        }
    }
}

fn run_table(text: &str) {
    let cases = JSON::parse(text).expect("a case table parses");
    let mut failures = Vec::new();
    for case in Array::from(&cases).iter() {
        let input = get(&case, "input");
        let expect = get(&case, "expect");
        let report = if input.is_undefined() {
            validate_credit_json(get(&case, "json"), get(&case, "options"))
        } else {
            validate_credit(input, get(&case, "options"))
        };
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
        let wanted = strings(&get(&expect, "warnings"));
        let exact = get(&expect, "exact_warnings").is_truthy();
        if (exact && warnings != wanted) || !wanted.iter().all(|w| warnings.contains(w)) {
            failures.push(format!("{name}: warnings {warnings:?}"));
        }
        // Params: `{}` means none (the report leaves `params` out); else each one named.
        let params = get(&expect, "params");
        if !params.is_undefined() {
            for key in Object::keys(&params.clone().into()).iter() {
                let key = key.as_string().unwrap_or_default();
                let want = get(&params, &key);
                let got = issue_at(&report, &key).map(|issue| get(&issue, "params"));
                let ok = match &got {
                    None => false,
                    Some(got) if Object::keys(&want.clone().into()).length() == 0 => {
                        got.is_undefined() || Object::keys(&got.clone().into()).length() == 0
                    }
                    Some(got) => Object::keys(&want.clone().into()).iter().all(|k| {
                        let k = k.as_string().unwrap_or_default();
                        stringify(&get(got, &k)) == stringify(&get(&want, &k))
                    }),
                };
                if !ok {
                    failures.push(format!(
                        "{name}: params of {key}: {}",
                        got.map(|g| stringify(&g)).unwrap_or_default()
                    ));
                }
            }
        }
        check_by_issue(
            &report,
            &expect,
            "related",
            &|issue| get(issue, "related"),
            &mut failures,
            &name,
        );
        // Fixes without their messages (the messages are the catalog's, checked in tests/js).
        check_by_issue(
            &report,
            &expect,
            "fixes",
            &|issue| {
                let fixes = Array::new();
                let given = get(issue, "fixes");
                if given.is_undefined() {
                    return fixes.into();
                }
                for fix in Array::from(&given).iter() {
                    let copy = Object::assign(&Object::new(), &fix.into());
                    let _ = Reflect::delete_property(&copy, &JsValue::from_str("message"));
                    fixes.push(&copy);
                }
                fixes.into()
            },
            &mut failures,
            &name,
        );
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

/// Without `now`, the wasm reads the browser's clock (`Date.now()`): an item that ended in
/// 2020 has ended.
#[wasm_bindgen_test]
fn without_now_the_clock_is_the_browsers() {
    let draft = JSON::parse(
        r#"{"customer_id":"13117714-3f05-48e5-a6e9-a66093f13b4d","product_id":"f14d6729-6a44-4b13-9908-9387f1918790","priority":1,
            "access_schedule":{"schedule_items":[{"amount":1,"starting_at":"2020-01-01","ending_before":"2020-02-01"}]}}"#,
    )
    .expect("parses");
    let report = validate_credit(draft, JsValue::UNDEFINED);
    assert_eq!(
        sorted_keys(&get(&report, "warnings")),
        ["ends_in_past@/access_schedule/schedule_items/0/ending_before"]
    );
}

fn set(target: &JsValue, key: &str, value: &JsValue) {
    Reflect::set(target, &JsValue::from_str(key), value).expect("a plain object takes a key");
}

fn minimal_draft() -> JsValue {
    JSON::parse(
        r#"{"customer_id":"13117714-3f05-48e5-a6e9-a66093f13b4d","product_id":"f14d6729-6a44-4b13-9908-9387f1918790","priority":1,
            "access_schedule":{"schedule_items":[{"amount":1,"starting_at":"2026-01-01","ending_before":"2026-01-02"}]}}"#,
    )
    .expect("parses")
}

/// What JSON cannot hold reaches the wasm too: `Date`s (in a field and as `now`), `false`,
/// and text of every UTF-8 width.
#[wasm_bindgen_test]
fn dates_false_and_wide_text_cross_the_boundary() {
    // A Date where a timestamp belongs is read as its time value.
    let draft = minimal_draft();
    let item = Reflect::get(
        &get(&get(&draft, "access_schedule"), "schedule_items"),
        &JsValue::from_f64(0.0),
    )
    .expect("an item");
    set(
        &item,
        "starting_at",
        &js_sys::Date::new(&JsValue::from_f64(1_767_225_600_000.0)).into(),
    );
    let options = Object::new();
    set(
        &options,
        "now",
        &js_sys::Date::new(&JsValue::from_f64(1_546_300_800_000.0)).into(),
    );
    let report = validate_credit(draft.clone(), options.clone().into());
    assert_eq!(
        get(&report, "valid"),
        JsValue::TRUE,
        "{}",
        stringify(&report)
    );
    let value = get(
        &get(&get(&report, "value"), "access_schedule"),
        "schedule_items",
    );
    assert_eq!(
        stringify(&get(
            &Reflect::get(&value, &JsValue::from_f64(0.0)).unwrap_or_default(),
            "starting_at"
        )),
        "\"2026-01-01T00:00:00.000Z\""
    );
    // `now` as a Date (2019): an item of 2020 has not ended yet.
    let item = Reflect::get(
        &get(&get(&draft, "access_schedule"), "schedule_items"),
        &JsValue::from_f64(0.0),
    )
    .expect("an item");
    set(&item, "starting_at", &JsValue::from_str("2020-01-01"));
    set(&item, "ending_before", &JsValue::from_str("2020-02-01"));
    let report = validate_credit(draft.clone(), options.into());
    assert_eq!(sorted_keys(&get(&report, "warnings")), Vec::<String>::new());
    // `false` is a boolean, not a missing value.
    let draft = minimal_draft();
    set(&draft, "priority", &JsValue::FALSE);
    let report = validate_credit(draft, JsValue::UNDEFINED);
    assert_eq!(
        sorted_keys(&get(&report, "errors")),
        ["invalid_type@/priority"]
    );
    // Text of one to four UTF-8 bytes a character, then a field after it, come back whole.
    let draft = minimal_draft();
    // Each text ends in a three-byte character: a wrong width there would shift the next.
    set(&draft, "name", &JsValue::from_str("aé𝄞 日"));
    set(&draft, "description", &JsValue::from_str("after €"));
    let report = validate_credit(draft, JsValue::UNDEFINED);
    let value = get(&report, "value");
    assert_eq!(get(&value, "name").as_string().as_deref(), Some("aé𝄞 日"));
    assert_eq!(
        get(&value, "description").as_string().as_deref(),
        Some("after €")
    );
}
