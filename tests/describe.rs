//! The sentences of `credit_rules::describe`, written down for the JS port (`js/describe.js`,
//! checked by tests/js/describe.test.mjs): `tests/fixtures/describe.json` holds, for every case
//! of the case tables, the bench corpus and the bodies below, `{name, value, sentence}` for a
//! valid draft (`value` is the normalized body) or `{name, errors, sentence}` for an invalid one
//! (`errors` is the error count). This test fails when the file is stale;
//! `BLESS=1 cargo test --test describe` rewrites it.
#![cfg(not(target_arch = "wasm32"))]

use credit_rules::describe::{describe, describe_report};
use credit_rules::schema::USD_CENTS_CREDIT_TYPE_ID as USD;
use credit_rules::{validate, validate_json, Options};
use serde_json::{json, Map, Value};
use std::path::Path;

const FIXTURE: &str = "tests/fixtures/describe.json";
const GPU_HOURS: &str = "5ae401dc-a648-4b49-9ac3-391bb5bc4d7b";
const PRODUCTS: [&str; 4] = [
    "f14d6729-6a44-4b13-9908-9387f1918790",
    "0b5a0b8c-4a53-4bd8-8d37-0a4d2e8c7a11",
    "8e3c1e47-2f0b-4d35-9d7e-5b1a6f0c2d93",
    "c4f9a2d1-7e6b-4c58-a0d3-9b2e1f7a6c45",
];
const CONTRACTS: [&str; 4] = [
    "d1e2f3a4-b5c6-4d7e-8f90-a1b2c3d4e5f6",
    "contract-42",
    "e7f8a9b0-c1d2-4e3f-9a4b-5c6d7e8f9a0b",
    "legacy-7",
];

fn read(path: &str) -> String {
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    std::fs::read_to_string(&file)
        .unwrap_or_else(|error| panic!("cannot read {}: {error}", file.display()))
}

fn json_file(path: &str) -> Value {
    serde_json::from_str(&read(path)).unwrap_or_else(|error| panic!("{path}: {error}"))
}

/// The entry of a validated draft: the normalized value or the error count, and the sentence.
fn entry(name: &str, report: &credit_rules::Report) -> Value {
    let mut entry = Map::new();
    entry.insert("name".into(), json!(name));
    match &report.value {
        Some(value) => entry.insert("value".into(), value.clone()),
        None => entry.insert("errors".into(), json!(report.errors.len())),
    };
    entry.insert("sentence".into(), json!(describe_report(report)));
    Value::Object(entry)
}

/// Every case of the two case tables, validated as tests/conformance.rs does.
fn table_entries(path: &str) -> Vec<Value> {
    let Value::Array(cases) = json_file(path) else {
        panic!("{path} is not an array of cases");
    };
    cases
        .iter()
        .map(|case| {
            let options = Options::read(&case["options"]);
            let report = match case.get("json").and_then(Value::as_str) {
                Some(text) => validate_json(text, &options),
                None => validate(&case["input"], &options),
            };
            entry(case["name"].as_str().unwrap_or_default(), &report)
        })
        .collect()
}

/// The bench corpus that is valid or large enough to matter, with its `now`.
fn corpus_entries() -> Vec<Value> {
    let options = Options::read(&json_file("bench/corpus/options.json"));
    ["a-minimal", "b-form", "d-large"]
        .iter()
        .map(|file| {
            let path = format!("bench/corpus/{file}.json");
            entry(&path, &validate_json(&read(&path), &options))
        })
        .collect()
}

/// A valid draft with `changes` applied to the top level and `item` to its one schedule item.
fn draft(changes: Value, item: Value) -> Value {
    let mut schedule_item = json!({
        "amount": 1000,
        "starting_at": "2026-01-01T00:00:00.000Z",
        "ending_before": "2026-02-01T00:00:00.000Z"
    });
    merge(&mut schedule_item, item);
    let mut draft = json!({
        "customer_id": "13117714-3f05-48e5-a6e9-a66093f13b4d",
        "product_id": PRODUCTS[0],
        "priority": 100,
        "access_schedule": {"schedule_items": [schedule_item]}
    });
    merge(&mut draft, changes);
    draft
}

fn merge(target: &mut Value, changes: Value) {
    if let (Some(target), Value::Object(changes)) = (target.as_object_mut(), changes) {
        target.extend(changes);
    }
}

fn amount(amount: Value) -> Value {
    draft(json!({}), json!({ "amount": amount }))
}

fn units(amount: Value) -> Value {
    let mut body = draft(json!({}), json!({ "amount": amount }));
    body["access_schedule"]["credit_type_id"] = json!(GPU_HOURS);
    body
}

fn items(credit_type_id: Option<&str>, amounts: &[Value]) -> Value {
    let months = ["01", "02", "03", "04", "05"];
    let schedule_items: Vec<Value> = amounts
        .iter()
        .zip(months.iter().zip(months.iter().skip(1)))
        .map(|(amount, (start, end))| {
            json!({
                "amount": amount,
                "starting_at": format!("2026-{start}-01T00:00:00.000Z"),
                "ending_before": format!("2026-{end}-01T00:00:00.000Z")
            })
        })
        .collect();
    let mut schedule = json!({ "schedule_items": schedule_items });
    if let Some(id) = credit_type_id {
        schedule["credit_type_id"] = json!(id);
    }
    draft(json!({ "access_schedule": schedule }), json!({}))
}

/// Drafts written to reach every branch of src/describe.rs through `validate`.
fn hand_written() -> Vec<(&'static str, Value)> {
    vec![
        // Amounts in USD cents: padding, fractions, grouping, the shortest digits of a double.
        ("USD: 1 cent", amount(json!(1))),
        ("USD: 5 cents", amount(json!(5))),
        ("USD: 99 cents", amount(json!(99))),
        ("USD: 100 cents", amount(json!(100))),
        ("USD: 0.5 cents", amount(json!(0.5))),
        ("USD: 12.5 cents", amount(json!(12.5))),
        ("USD: 1999.99 cents", amount(json!(1999.99))),
        ("USD: 0.1 + 0.2 cents", amount(json!(0.1 + 0.2))),
        ("USD: 123456789 cents", amount(json!(123_456_789))),
        ("USD: 123456789.5 cents", amount(json!(123_456_789.5))),
        ("USD: 100000000 cents", amount(json!(100_000_000))),
        (
            "USD: 2^53 + 2 cents",
            amount(json!(9_007_199_254_740_994_u64)),
        ),
        ("USD: 1e20 cents", amount(json!(1e20))),
        ("USD: 1e21 cents", amount(json!(1e21))),
        ("USD: 1.2345e22 cents", amount(json!(1.2345e22))),
        ("USD: the largest double", amount(json!(f64::MAX))),
        ("USD: 1e-6 cents", amount(json!(1e-6))),
        ("USD: 1e-7 cents", amount(json!(1e-7))),
        ("USD: 1.5e-7 cents", amount(json!(1.5e-7))),
        ("USD: the smallest double", amount(json!(5e-324))),
        ("USD: amount given as text", amount(json!(" 2500.75 "))),
        // Amounts in another credit type's units.
        ("units: 1", units(json!(1))),
        ("units: 999", units(json!(999))),
        ("units: 1000", units(json!(1000))),
        ("units: 1500", units(json!(1500))),
        ("units: 2.5", units(json!(2.5))),
        ("units: 1234567.891", units(json!(1_234_567.891))),
        ("units: 123456789.5", units(json!(123_456_789.5))),
        ("units: 1e21", units(json!(1e21))),
        ("units: 1e-7", units(json!(1e-7))),
        ("units: 0.5", units(json!(0.5))),
        (
            "units: credit type given in upper case",
            draft(
                json!({"access_schedule": {"credit_type_id": GPU_HOURS.to_uppercase(), "schedule_items": [
                    {"amount": 10, "starting_at": "2026-01-01T00:00:00Z", "ending_before": "2026-02-01T00:00:00Z"}
                ]}}),
                json!({}),
            ),
        ),
        (
            "USD: credit type given explicitly",
            items(Some(&USD.to_uppercase()), &[json!(250)]),
        ),
        // Priority: zero, fractions, negative (a warning), huge, tiny, text.
        ("priority 0", draft(json!({"priority": 0}), json!({}))),
        ("priority 2.5", draft(json!({"priority": 2.5}), json!({}))),
        ("priority -5", draft(json!({"priority": -5}), json!({}))),
        (
            "priority -0.25",
            draft(json!({"priority": -0.25}), json!({})),
        ),
        ("priority -0", draft(json!({"priority": -0.0}), json!({}))),
        ("priority 1e21", draft(json!({"priority": 1e21}), json!({}))),
        (
            "priority -1e21",
            draft(json!({"priority": -1e21}), json!({})),
        ),
        ("priority 1e-7", draft(json!({"priority": 1e-7}), json!({}))),
        (
            "priority 1234567",
            draft(json!({"priority": 1_234_567}), json!({})),
        ),
        (
            "priority as text",
            draft(json!({"priority": " 7 "}), json!({})),
        ),
        // Products: ids (1, 2, 3, more than 3), tags only, ids and tags, specifiers.
        (
            "1 product id",
            draft(json!({"applicable_product_ids": &PRODUCTS[..1]}), json!({})),
        ),
        (
            "2 product ids",
            draft(json!({"applicable_product_ids": &PRODUCTS[..2]}), json!({})),
        ),
        (
            "3 product ids",
            draft(json!({"applicable_product_ids": &PRODUCTS[..3]}), json!({})),
        ),
        (
            "4 product ids",
            draft(json!({"applicable_product_ids": PRODUCTS}), json!({})),
        ),
        (
            "product ids in upper case, repeated",
            draft(
                json!({"applicable_product_ids": [PRODUCTS[1].to_uppercase(), PRODUCTS[1]]}),
                json!({}),
            ),
        ),
        (
            "1 tag",
            draft(json!({"applicable_product_tags": ["compute"]}), json!({})),
        ),
        (
            "2 tags",
            draft(
                json!({"applicable_product_tags": ["compute", "storage"]}),
                json!({}),
            ),
        ),
        (
            "4 tags",
            draft(
                json!({"applicable_product_tags": [" compute ", "storage", "network", "support"]}),
                json!({}),
            ),
        ),
        (
            "1 product id and 1 tag",
            draft(
                json!({"applicable_product_ids": &PRODUCTS[..1], "applicable_product_tags": ["compute"]}),
                json!({}),
            ),
        ),
        (
            "3 product ids and 2 tags",
            draft(
                json!({"applicable_product_ids": &PRODUCTS[..3], "applicable_product_tags": ["compute", "storage"]}),
                json!({}),
            ),
        ),
        (
            "4 product ids and 3 tags",
            draft(
                json!({"applicable_product_ids": PRODUCTS, "applicable_product_tags": ["a", "b", "c"]}),
                json!({}),
            ),
        ),
        (
            "1 specifier",
            draft(
                json!({"specifiers": [{"product_id": PRODUCTS[1]}]}),
                json!({}),
            ),
        ),
        (
            "2 specifiers",
            draft(
                json!({"specifiers": [{"product_id": PRODUCTS[1]}, {"product_tags": ["compute"]}]}),
                json!({}),
            ),
        ),
        // Contracts: 1, 2, 3, more than 3; UUIDs and other ids (a warning).
        (
            "1 contract",
            draft(
                json!({"applicable_contract_ids": &CONTRACTS[..1]}),
                json!({}),
            ),
        ),
        (
            "2 contracts",
            draft(
                json!({"applicable_contract_ids": &CONTRACTS[..2]}),
                json!({}),
            ),
        ),
        (
            "3 contracts",
            draft(
                json!({"applicable_contract_ids": &CONTRACTS[..3]}),
                json!({}),
            ),
        ),
        (
            "4 contracts",
            draft(json!({"applicable_contract_ids": CONTRACTS}), json!({})),
        ),
        // Names.
        (
            "a name",
            draft(json!({"name": " Onboarding credit "}), json!({})),
        ),
        (
            "a name with quotes",
            draft(
                json!({"name": "The \"big\" one, “really”: 'yes'"}),
                json!({}),
            ),
        ),
        (
            "a name beyond the BMP",
            draft(json!({"name": "Crédit 🚀 𝔘𝔫𝔦𝔠𝔬𝔡𝔢"}), json!({})),
        ),
        // Ranges: offsets and dates alone are normalized to UTC first.
        (
            "range with offsets",
            draft(
                json!({}),
                json!({"starting_at": "2026-01-01T05:00:00+05:00", "ending_before": "2026-03-31T23:00:00-01:00"}),
            ),
        ),
        (
            "range of dates alone",
            draft(
                json!({}),
                json!({"starting_at": "2026-02-28", "ending_before": "2028-02-29"}),
            ),
        ),
        (
            "range at the edges of the years",
            draft(
                json!({}),
                json!({"starting_at": "0000-01-01T00:00:00Z", "ending_before": "9999-12-31T23:00:00Z"}),
            ),
        ),
        // Several items, USD and units.
        ("2 items in USD", items(None, &[json!(1500), json!(2.5)])),
        (
            "3 items in USD",
            items(None, &[json!(100), json!(1e21), json!(0.5)]),
        ),
        (
            "4 items in units",
            items(
                Some(GPU_HOURS),
                &[json!(1), json!(1000), json!(1e-7), json!(123_456_789.5)],
            ),
        ),
        // Everything at once.
        (
            "name, several items, units, tags, contracts, negative priority",
            draft(
                json!({
                    "name": "Launch",
                    "priority": -1.5,
                    "access_schedule": {"credit_type_id": GPU_HOURS, "schedule_items": [
                        {"amount": 1500, "starting_at": "2026-01-01T00:00:00.000Z", "ending_before": "2026-02-01T00:00:00.000Z"},
                        {"amount": 2.5, "starting_at": "2026-02-01T00:00:00.000Z", "ending_before": "2026-03-01T00:00:00.000Z"}
                    ]},
                    "applicable_product_ids": &PRODUCTS[..2],
                    "applicable_product_tags": ["compute", "storage", "gpu"],
                    "applicable_contract_ids": &CONTRACTS[..3]
                }),
                json!({}),
            ),
        ),
        // Invalid drafts: 1 error and several.
        ("1 error", amount(json!(0))),
        (
            "3 errors",
            draft(
                json!({"priority": "high", "customer_id": "nope"}),
                json!({"amount": -1}),
            ),
        ),
    ]
}

/// JSON texts whose numbers a `Value` written in Rust would not hold as they read.
fn hand_written_json() -> Vec<(&'static str, String)> {
    let with_amount = |amount: &str| {
        format!(
            r#"{{"customer_id":"13117714-3f05-48e5-a6e9-a66093f13b4d","product_id":"{}","priority":100,"access_schedule":{{"schedule_items":[{{"amount":{amount},"starting_at":"2026-01-01T00:00:00Z","ending_before":"2026-02-01T00:00:00Z"}}]}}}}"#,
            PRODUCTS[0]
        )
    };
    vec![
        (
            "JSON text: 20-digit integer amount",
            with_amount("12345678901234567890"),
        ),
        (
            "JSON text: amount 1E3 with a capital exponent",
            with_amount("1E3"),
        ),
        (
            "JSON text: amount 985690694.6328695",
            with_amount("985690694.6328695"),
        ),
        ("JSON text: amount 0.1e-6", with_amount("0.1e-6")),
    ]
}

/// Bodies that no valid draft gives, described directly: the port must not throw on them and
/// must say what Rust says (the defensive reads of the `Body` trait).
fn direct() -> Vec<(&'static str, Value)> {
    let item = json!({"amount": 1000, "starting_at": "2026-01-01T00:00:00.000Z", "ending_before": "2026-02-01T00:00:00.000Z"});
    vec![
        ("direct: empty object", json!({})),
        (
            "direct: no access_schedule",
            json!({"priority": 1, "name": "x"}),
        ),
        (
            "direct: schedule_items not an array",
            json!({"access_schedule": {"schedule_items": {"amount": 1}}}),
        ),
        (
            "direct: items missing fields or not objects",
            json!({"access_schedule": {"schedule_items": [{}, null, 5, "x", {"amount": "10"}]}}),
        ),
        (
            "direct: non-string entries and fields of the wrong type",
            json!({"name": 5, "priority": "1", "applicable_product_ids": [1, null, "p"], "applicable_product_tags": "t", "applicable_contract_ids": [[], "c"], "access_schedule": {"credit_type_id": 7, "schedule_items": [item]}}),
        ),
        (
            "direct: specifiers not an array",
            json!({"specifiers": {}, "applicable_product_tags": ["t"]}),
        ),
        ("direct: 0 specifiers", json!({"specifiers": []})),
        (
            "direct: specifiers win over ids and tags",
            json!({"specifiers": [{}, {}, {}], "applicable_product_ids": ["p"], "applicable_product_tags": ["t"]}),
        ),
        (
            "direct: negative amounts",
            json!({"access_schedule": {"schedule_items": [
                {"amount": -1000, "starting_at": "2026-01-01T00:00:00.000Z", "ending_before": "2026-02-01T00:00:00.000Z"},
                {"amount": -0.5},
                {"amount": -123_456_789.5},
                {"amount": 0}
            ]}}),
        ),
        (
            "direct: negative amounts in units",
            json!({"access_schedule": {"credit_type_id": GPU_HOURS, "schedule_items": [
                {"amount": -123}, {"amount": -1234.5}, {"amount": -0.0}, {"amount": 0}
            ]}}),
        ),
        ("direct: priority -0", json!({"priority": -0.0})),
        (
            "direct: an invalid date in the normalized form",
            json!({"access_schedule": {"schedule_items": [{"amount": 1, "starting_at": "2026-02-30T00:00:00.000Z", "ending_before": "2026-13-01T00:00:00.000Z"}]}}),
        ),
        (
            "direct: minutes and milliseconds",
            json!({"access_schedule": {"schedule_items": [{"amount": 1, "starting_at": "2026-01-01T10:30:59.999Z", "ending_before": "1969-07-20T20:17:40.000Z"}]}}),
        ),
        (
            "direct: credit type in upper case is not USD",
            json!({"access_schedule": {"credit_type_id": USD.to_uppercase(), "schedule_items": [item]}}),
        ),
    ]
}

fn entries() -> Vec<Value> {
    let options = Options {
        now: chrono::DateTime::from_timestamp(1_764_547_200, 0),
        ..Options::default()
    };
    let mut entries = table_entries("tests/fixtures/conformance.json");
    entries.extend(table_entries("tests/fixtures/account-features.json"));
    entries.extend(table_entries("tests/fixtures/cases.json"));
    entries.extend(corpus_entries());
    for (name, draft) in hand_written() {
        entries.push(entry(name, &validate(&draft, &options)));
    }
    for (name, text) in hand_written_json() {
        entries.push(entry(name, &validate_json(&text, &options)));
    }
    for (name, body) in direct() {
        entries.push(json!({"name": name, "value": body, "sentence": describe(&body)}));
    }
    entries
}

/// The names of the entries that differ between two lists, to say what went stale.
fn differences(committed: &[Value], generated: &[Value]) -> Vec<String> {
    let name = |entry: &Value| entry["name"].as_str().unwrap_or_default().to_owned();
    let find = |list: &[Value], wanted: &str| list.iter().find(|e| name(e) == wanted).cloned();
    let mut differences: Vec<String> = generated
        .iter()
        .filter_map(|entry| match find(committed, &name(entry)) {
            None => Some(format!("new: {}", name(entry))),
            Some(old) if &old != entry => Some(format!(
                "changed: {}\n    committed {}\n    generated {}",
                name(entry),
                old["sentence"],
                entry["sentence"]
            )),
            Some(_) => None,
        })
        .collect();
    differences.extend(
        committed
            .iter()
            .filter(|entry| find(generated, &name(entry)).is_none())
            .map(|entry| format!("gone: {}", name(entry))),
    );
    differences
}

/// The port keeps its own copy of the USD credit type id (it ships without the wasm).
#[test]
fn the_port_holds_the_usd_credit_type_id() {
    let line = format!("const USD_CENTS_CREDIT_TYPE_ID = '{USD}';");
    assert!(
        read("js/describe.js").contains(&line),
        "js/describe.js must say {line}"
    );
}

#[test]
fn the_names_are_unique() {
    let entries = entries();
    let mut names: Vec<&str> = entries.iter().filter_map(|e| e["name"].as_str()).collect();
    names.sort_unstable();
    let repeated: Vec<&&str> = names
        .windows(2)
        .filter(|w| w[0] == w[1])
        .map(|w| &w[0])
        .collect();
    assert!(repeated.is_empty(), "names used twice: {repeated:?}");
}

/// As tests/typescript.rs keeps js/types.d.ts: the committed file is what the code generates,
/// and `BLESS` rewrites it first.
#[test]
fn the_sentences_for_js_are_current() {
    let entries = entries();
    let generated = serde_json::to_string_pretty(&entries).unwrap_or_default() + "\n";
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join(FIXTURE);
    if std::env::var_os("BLESS").is_some() {
        std::fs::write(&file, &generated).expect("write the generated file");
    }
    let committed = std::fs::read_to_string(&file).unwrap_or_default();
    if committed == generated {
        return;
    }
    let committed: Vec<Value> = match serde_json::from_str(&committed) {
        Ok(Value::Array(list)) => list,
        _ => Vec::new(),
    };
    let differences = differences(&committed, &entries);
    panic!(
        "{FIXTURE} is stale ({} differences{}); check the new sentences, then run \
         BLESS=1 cargo test --test describe and the JS port's test, \
         node --test tests/js/describe.test.mjs:\n{}",
        differences.len(),
        if differences.is_empty() {
            ", only in layout"
        } else {
            ""
        },
        differences.join("\n")
    );
}
