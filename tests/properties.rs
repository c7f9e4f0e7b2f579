//! Property tests: drafts generated near the schema never make validation panic, valid drafts
//! normalize to a fixed point, and the JSON text and JSON value entry points agree.
//!
//! Three generators: valid drafts built along the schema (UUIDs in any letter case, RFC 3339
//! timestamps on hour boundaries with various offsets and separators, dates alone, amounts as
//! numbers and number strings, whitespace around strings, blanks and duplicates in string
//! arrays, maps with keys equal after trimming, specifiers or product ids/tags), one-field
//! mutations of those (remove, replace, retype, blank or rename one field anywhere), and random
//! JSON whose keys are mostly the schema's. 256 cases per property by default; set
//! `PROPTEST_CASES` for more (`PROPTEST_CASES=10000 cargo test --test properties --release`).
#![cfg(not(target_arch = "wasm32"))]

use credit_rules::issue::pointer_of;
use credit_rules::{
    apply_fix, validate, validate_field, validate_json, Code, FixKind, Issue, Options,
    PatchOperation, Report, Severity,
};
use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::{FileFailurePersistence, RngSeed, TestCaseError, TestRng, TestRunner};
use serde_json::{Map, Number, Value};
use support::uuid_shaped;

#[path = "support/fixed_point.rs"]
mod support;

/// 2025-12-01T00:00:00Z: some generated items end before it (`ends_in_past`), most after.
const NOW: i64 = 1_764_547_200;
/// Generated schedules start between 2000-01-01 and 2100-01-01 (in hours since the epoch).
const FIRST_HOUR: i64 = 262_968;
const LAST_HOUR: i64 = 1_139_568;

fn options(allow_unknown_fields: bool) -> Options {
    Options {
        now: chrono::DateTime::from_timestamp(NOW, 0),
        allow_unknown_fields,
        ..Options::default()
    }
}

/// 256 cases per property (`PROPTEST_CASES` overrides), from a fixed seed so that every run
/// checks the same drafts (`PROPTEST_RNG_SEED` chooses another). No regression files are
/// written into the source tree: a failure prints its minimal input, which becomes a case of
/// tests/fixtures/cases.json.
fn config() -> ProptestConfig {
    let base = ProptestConfig::default();
    let rng_seed = match std::env::var_os("PROPTEST_RNG_SEED") {
        Some(_) => base.rng_seed,
        None => RngSeed::Fixed(SEED),
    };
    ProptestConfig {
        failure_persistence: Some(Box::new(FileFailurePersistence::Off)),
        rng_seed,
        ..base
    }
}

const SEED: u64 = 20_260_101;
const UUID: &str = "13117714-3f05-48e5-a6e9-a66093f13b4d";

// ---------------------------------------------------------------- valid drafts

/// Unicode White_Space around strings: trimmed away by normalization.
fn space() -> impl Strategy<Value = &'static str> {
    prop_oneof![
        6 => Just(""),
        1 => Just(" "),
        1 => Just("\t\n "),
        1 => Just("\u{a0}"),
        1 => Just("\u{3000}"),
        1 => Just("\u{2028}"),
    ]
}

fn padded<S: Strategy<Value = String>>(inner: S) -> impl Strategy<Value = String> {
    (space(), inner, space()).prop_map(|(before, text, after)| format!("{before}{text}{after}"))
}

fn uuid() -> BoxedStrategy<String> {
    (prop::array::uniform32(0u8..16), any::<bool>(), any::<u32>())
        .prop_map(|(digits, upper, mixed)| {
            let mut text = String::new();
            for (index, digit) in digits.iter().enumerate() {
                if matches!(index, 8 | 12 | 16 | 20) {
                    text.push('-');
                }
                let c = char::from_digit(u32::from(*digit), 16).unwrap_or('0');
                let flip = upper || (mixed >> (index % 32)) & 1 == 1 && index % 3 == 0;
                text.push(if flip { c.to_ascii_uppercase() } else { c });
            }
            text
        })
        .boxed()
}

/// Non-blank text without surrounding whitespace (padding is added separately), with markup
/// and quote characters that must come through untouched.
fn words() -> impl Strategy<Value = String> {
    "[A-Za-z0-9éß漢<>&'\"_./\\\\-]{1,10}( [A-Za-z0-9🙂]{1,6}){0,2}"
}

fn text_value() -> BoxedStrategy<Value> {
    padded(words()).prop_map(Value::String).boxed()
}

/// `hour` (hours since the epoch, UTC) written in one of the accepted forms.
fn timestamp(hour: i64) -> BoxedStrategy<String> {
    let offsets =
        prop::sample::select(vec![0i64, 0, 60, -60, 330, -330, 345, 525, -570, 840, -720]);
    let fractions = prop::sample::select(vec!["", "", ".0", ".000", ".000000000000"]);
    let separators = prop::sample::select(vec!["T", "T", " ", "t"]);
    let zulus = prop::sample::select(vec!["Z", "z", "+00:00", "-00:00"]);
    (offsets, fractions, separators, zulus, 0u8..8)
        .prop_map(move |(offset, fraction, separator, zulu, date_only)| {
            let utc = hour * 3600;
            if date_only == 0 && utc.rem_euclid(86_400) == 0 {
                return date_of(utc);
            }
            let local = utc + offset * 60;
            let zone = if offset == 0 {
                zulu.to_owned()
            } else {
                let sign = if offset < 0 { '-' } else { '+' };
                format!("{sign}{:02}:{:02}", offset.abs() / 60, offset.abs() % 60)
            };
            let time = local.rem_euclid(86_400);
            format!(
                "{}{separator}{:02}:{:02}:{:02}{fraction}{zone}",
                date_of(local),
                time / 3600,
                time % 3600 / 60,
                time % 60
            )
        })
        .boxed()
}

/// `YYYY-MM-DD` of the day holding `seconds` since the epoch.
fn date_of(seconds: i64) -> String {
    use chrono::Datelike;
    let date = chrono::DateTime::from_timestamp(seconds, 0).unwrap_or_default();
    format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day())
}

fn json_number(number: f64) -> Value {
    Number::from_f64(number).map_or(Value::Null, Value::Number)
}

/// A positive amount: a JSON number (whole, or a double with every digit), or a number-input
/// string (`"05"`, `".5"`, `"1e3"`, `"12.50"`) with whitespace around it.
fn amount() -> BoxedStrategy<Value> {
    prop_oneof![
        3 => (1u64..10_000_000).prop_map(Value::from),
        2 => (0.001f64..1e12).prop_map(json_number),
        1 => (1u32..1000).prop_map(|cents| json_number(f64::from(cents) / 4.0)),
        2 => padded(prop_oneof![
            "[1-9][0-9]{0,6}",
            "[0-9]{0,4}\\.[0-9]{0,3}[1-9]",
            "[1-9][0-9]{0,2}[eE][0-9]",
            "0[1-9][0-9]{0,3}",
        ])
        .prop_map(Value::String),
    ]
    .boxed()
}

/// Any finite priority, negative ones (a warning) and number strings included.
fn priority() -> BoxedStrategy<Value> {
    prop_oneof![
        3 => (-1000i64..1_000_000).prop_map(Value::from),
        2 => (-1e15f64..1e15).prop_map(json_number),
        1 => Just(json_number(-0.0)),
        2 => padded(prop_oneof![
            "-?[0-9]{1,6}",
            "-?[0-9]{0,3}\\.[0-9]{1,4}",
            "-?[1-9][eE]-?[0-9]",
            Just("-0".to_owned()),
        ])
        .prop_map(Value::String),
    ]
    .boxed()
}

fn schedule_item() -> BoxedStrategy<Value> {
    (FIRST_HOUR..LAST_HOUR, 1i64..24 * 400)
        .prop_flat_map(|(start, hours)| {
            (
                amount(),
                padded(timestamp(start)),
                padded(timestamp(start + hours)),
                prop::sample::select(vec![0usize, 1, 2]),
            )
        })
        .prop_map(|(amount, starting_at, ending_before, order)| {
            let mut fields = vec![
                ("amount", amount),
                ("starting_at", Value::String(starting_at)),
                ("ending_before", Value::String(ending_before)),
            ];
            fields.rotate_left(order);
            object(fields)
        })
        .boxed()
}

fn object(fields: Vec<(&str, Value)>) -> Value {
    Value::Object(fields.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())
}

/// A string array whose entries come from `entry`, with a blank entry and a repeated entry
/// (`recase` turns it into what is the same after normalization) sometimes mixed in.
fn string_array<S>(entry: S, recase: fn(&str) -> String) -> BoxedStrategy<Value>
where
    S: Strategy<Value = String> + 'static,
{
    (
        prop::collection::vec(padded(entry), 1..4),
        0u8..4,
        any::<Index>(),
        any::<Index>(),
    )
        .prop_map(move |(mut entries, extra, repeat, at)| {
            if extra == 1 {
                let copy = recase(repeat.get(&entries).trim());
                entries.push(format!(" {copy}"));
            }
            if extra == 2 {
                entries.insert(at.index(entries.len() + 1), " ".to_owned());
            }
            Value::Array(entries.into_iter().map(Value::String).collect())
        })
        .boxed()
}

/// A map string → string with at least one entry kept: keys padded (two keys equal after
/// trimming sometimes), values padded, and sometimes an entry that is dropped (null or blank
/// value) or named like a prototype property.
fn string_map(key_max: usize) -> BoxedStrategy<Value> {
    let key = padded(prop_oneof![
        5 => prop::string::string_regex(&format!("[a-z][a-z0-9_ ]{{0,{}}}[a-z0-9]", key_max.min(12) - 2)).unwrap_or_else(|_| unreachable!()),
        1 => prop::sample::select(vec!["__proto__".to_owned(), "constructor".to_owned(), "prototype".to_owned(), "2".to_owned(), "10".to_owned()]),
    ]);
    (prop::collection::vec((key, padded(words())), 1..4), 0u8..4)
        .prop_map(|(entries, extra)| {
            let mut map = Map::new();
            for (key, value) in &entries {
                map.insert(key.clone(), Value::String(value.clone()));
            }
            if let Some((first, _)) = entries.first() {
                match extra {
                    1 => {
                        map.insert(format!("{} ", first.trim()), Value::String("again".into()));
                    }
                    2 => {
                        map.insert("dropped".into(), Value::Null);
                    }
                    3 => {
                        map.insert("blank".into(), Value::String(" ".into()));
                    }
                    _ => {}
                }
            }
            Value::Object(map)
        })
        .boxed()
}

fn tag() -> impl Strategy<Value = String> {
    words()
}

fn contract_id() -> impl Strategy<Value = String> {
    prop_oneof![2 => uuid(), 1 => "[a-z]{1,3}_[0-9]{1,5}"]
}

fn upper(text: &str) -> String {
    text.to_uppercase()
}

/// A UUID in upper case (the same after normalization), anything else as it is (a repeat).
fn upper_uuid(text: &str) -> String {
    if uuid_shaped(text) {
        text.to_uppercase()
    } else {
        text.to_owned()
    }
}

fn same(text: &str) -> String {
    text.to_owned()
}

/// A specifier with at least one of its four fields given.
fn specifier() -> BoxedStrategy<Value> {
    (
        prop::option::of(padded(uuid())),
        prop::option::of(string_array(tag(), same)),
        prop::option::of(string_map(40)),
        prop::option::of(string_map(40)),
    )
        .prop_filter("a specifier gives one of its fields", |(a, b, c, d)| {
            a.is_some() || b.is_some() || c.is_some() || d.is_some()
        })
        .prop_map(|(product_id, tags, pricing, presentation)| {
            let mut fields = Vec::new();
            if let Some(id) = product_id {
                fields.push(("product_id", Value::String(id)));
            }
            if let Some(tags) = tags {
                fields.push(("product_tags", tags));
            }
            if let Some(map) = pricing {
                fields.push(("pricing_group_values", map));
            }
            if let Some(map) = presentation {
                fields.push(("presentation_group_values", map));
            }
            object(fields)
        })
        .boxed()
}

/// What the credit applies to: everything, product ids and/or tags, or specifiers (an empty
/// `specifiers` next to product ids is no conflict: empty means absent).
fn targeting() -> BoxedStrategy<Vec<(&'static str, Value)>> {
    prop_oneof![
        2 => Just(Vec::new()),
        2 => (prop::option::of(string_array(uuid(), upper)), prop::option::of(string_array(tag(), same)), any::<bool>())
            .prop_map(|(ids, tags, empty_specifiers)| {
                let mut fields = Vec::new();
                if let Some(ids) = ids {
                    fields.push(("applicable_product_ids", ids));
                }
                if let Some(tags) = tags {
                    fields.push(("applicable_product_tags", tags));
                }
                if empty_specifiers {
                    fields.push(("specifiers", Value::Array(Vec::new())));
                }
                fields
            }),
        2 => (prop::collection::vec(specifier(), 1..3), any::<bool>()).prop_map(|(specifiers, blank_tags)| {
            let mut fields = vec![("specifiers", Value::Array(specifiers))];
            if blank_tags {
                fields.push(("applicable_product_tags", Value::Array(vec![Value::from(" ")])));
            }
            fields
        }),
    ].boxed()
}

/// An optional field: absent, `null`, blank (all three absent) or given.
fn optional<S: Strategy<Value = Value>>(given: S) -> impl Strategy<Value = Option<Value>> {
    prop_oneof![
        4 => Just(None),
        1 => Just(Some(Value::Null)),
        1 => Just(Some(Value::String("  ".into()))),
        4 => given.prop_map(Some),
    ]
}

fn rate_type() -> BoxedStrategy<Value> {
    (
        prop::sample::select(vec!["COMMIT_RATE", "LIST_RATE"]),
        any::<u16>(),
    )
        .prop_map(|(value, case)| {
            let text: String = value
                .chars()
                .enumerate()
                .map(|(i, c)| {
                    if (case >> (i % 16)) & 1 == 1 {
                        c.to_ascii_lowercase()
                    } else {
                        c
                    }
                })
                .collect();
            Value::String(format!(" {text}"))
        })
        .boxed()
}

/// A draft with no errors, its keys in a random order.
fn valid_draft() -> BoxedStrategy<Value> {
    let required = (
        padded(uuid()),
        padded(uuid()),
        priority(),
        prop::option::of(prop::sample::select(vec![
            "2714e483-4ff1-48e4-9e25-ac732e8f24f2".to_owned(),
            "2714E483-4FF1-48E4-9E25-AC732E8F24F2".to_owned(),
            "5ae401dc-a648-4b49-9ac3-391bb5bc4d7b".to_owned(),
        ])),
        prop::collection::vec(schedule_item(), 1..4),
    );
    let texts = (
        optional(text_value()),
        optional(text_value()),
        optional(padded("[A-Za-z0-9-]{1,128}").prop_map(Value::String)),
        optional(text_value()),
        optional(text_value()),
        optional(rate_type()),
    );
    let lists = (
        optional(string_array(contract_id(), upper_uuid)),
        optional(string_map(100)),
        targeting(),
    );
    (required, texts, lists)
        .prop_map(|(required, texts, lists)| {
            let (customer, product, priority, credit_type, items) = required;
            let (name, description, key, netsuite, salesforce, rate) = texts;
            let (contracts, custom, targeting) = lists;
            let mut schedule = Vec::new();
            if let Some(id) = credit_type {
                schedule.push(("credit_type_id", Value::String(id)));
            }
            schedule.push(("schedule_items", Value::Array(items)));
            let mut fields = vec![
                ("customer_id", Value::String(customer)),
                ("product_id", Value::String(product)),
                ("priority", priority),
                ("access_schedule", object(schedule)),
            ];
            let optional = [
                ("name", name),
                ("description", description),
                ("uniqueness_key", key),
                ("netsuite_sales_order_id", netsuite),
                ("salesforce_opportunity_id", salesforce),
                ("rate_type", rate),
                ("applicable_contract_ids", contracts),
                ("custom_fields", custom),
            ];
            fields.extend(optional.into_iter().filter_map(|(k, v)| Some((k, v?))));
            fields.extend(targeting);
            fields
        })
        .prop_shuffle()
        .prop_map(object)
        .boxed()
}

// ---------------------------------------------------------------- near the schema

const KEYS: &[&str] = &[
    "customer_id",
    "product_id",
    "priority",
    "access_schedule",
    "credit_type_id",
    "schedule_items",
    "amount",
    "starting_at",
    "ending_before",
    "name",
    "description",
    "applicable_contract_ids",
    "applicable_product_ids",
    "applicable_product_tags",
    "specifiers",
    "product_tags",
    "pricing_group_values",
    "presentation_group_values",
    "custom_fields",
    "rate_type",
    "uniqueness_key",
    "netsuite_sales_order_id",
    "salesforce_opportunity_id",
    "customer_ld",
    " name",
    "__proto__",
    "",
];

/// Leaves that exercise the rules: UUIDs, timestamps good and bad, number strings, blanks,
/// extreme numbers.
fn leaf() -> BoxedStrategy<Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        prop::num::f64::NORMAL.prop_map(json_number),
        prop::num::f64::SUBNORMAL.prop_map(json_number),
        uuid().prop_map(Value::String),
        (FIRST_HOUR..LAST_HOUR)
            .prop_flat_map(timestamp)
            .prop_map(Value::String),
        prop::sample::select(vec![
            "",
            " ",
            "\u{feff}",
            "-0",
            "1e999",
            "0x10",
            "+5",
            "1,000",
            ".",
            "1e",
            "NaN",
            "Infinity",
            "2026-01-01T00:30:00Z",
            "2026-01-01T00:00:00",
            "2026-01-01T00:00",
            "2026-02-30",
            "10000-01-01",
            "0000-01-01T00:00:00+01:00",
            "9999-12-31T23:00:00-01:00",
            "2026-01-01T00:00:60Z",
            "2026-01-01T00:00:00.0000000001Z",
            "2026-13-01",
            "commit_rate",
            "LIST-RATE",
            "~/",
            "\u{0}",
        ])
        .prop_map(|s| Value::String(s.to_owned())),
        "\\PC{0,12}".prop_map(Value::String),
    ]
    .boxed()
}

fn random_json() -> BoxedStrategy<Value> {
    let key =
        prop_oneof![4 => prop::sample::select(KEYS).prop_map(str::to_owned), 1 => "\\PC{0,8}"];
    leaf()
        .prop_recursive(5, 48, 6, move |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
                prop::collection::vec((key.clone(), inner), 0..6)
                    .prop_map(|entries| Value::Object(entries.into_iter().collect())),
            ]
        })
        .boxed()
}

/// Every place in `value` below the root, as keys and indexes.
#[derive(Debug, Clone)]
enum Step {
    Key(String),
    Index(usize),
}

fn places(value: &Value, path: &mut Vec<Step>, out: &mut Vec<Vec<Step>>) {
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                path.push(Step::Key(key.clone()));
                out.push(path.clone());
                places(child, path, out);
                path.pop();
            }
        }
        Value::Array(items) => {
            for (index, child) in items.iter().enumerate() {
                path.push(Step::Index(index));
                out.push(path.clone());
                places(child, path, out);
                path.pop();
            }
        }
        _ => {}
    }
}

fn parent_mut<'v>(root: &'v mut Value, path: &[Step]) -> Option<&'v mut Value> {
    let mut at = root;
    for step in path {
        at = match (step, at) {
            (Step::Key(key), Value::Object(map)) => map.get_mut(key)?,
            (Step::Index(index), Value::Array(items)) => items.get_mut(*index)?,
            _ => return None,
        };
    }
    Some(at)
}

/// The same content as another JSON type (or a near miss of the same type).
fn retype(value: &Value) -> Value {
    match value {
        Value::String(text) => match text.trim().parse::<f64>() {
            Ok(number) => json_number(number),
            Err(_) => Value::Array(vec![value.clone()]),
        },
        Value::Number(number) => Value::String(number.to_string()),
        Value::Bool(flag) => Value::String(flag.to_string()),
        Value::Null => Value::Bool(false),
        Value::Array(items) => items.first().cloned().unwrap_or(Value::Object(Map::new())),
        Value::Object(map) => Value::Array(map.values().cloned().collect()),
    }
}

/// A near miss of the same JSON type, chosen by `salt`: a timestamp off the hour, a UUID one
/// digit short, a string over a length limit, a number string that overflows, zero or a
/// negated number, an empty or an oversized array, a schedule item whose ends are swapped.
fn tweak(value: &Value, salt: u8) -> Value {
    match value {
        Value::String(text) => Value::String(match salt % 9 {
            // What a fix is offered for: a datetime-local value (no offset, maybe no seconds),
            // a UUID in braces or without hyphens, an enum value one letter short.
            6 if text.contains(':') && text.trim().len() > 19 => {
                let cut = if salt % 2 == 0 { 19 } else { 16 };
                text.trim().get(..cut).unwrap_or_default().replace('t', "T")
            }
            7 if uuid_shaped(text.trim()) => match salt % 2 {
                0 => format!("{{{}}}", text.trim()),
                _ => text.trim().replace('-', ""),
            },
            8 if text.trim().len() > 4 && !text.contains(':') => {
                let trimmed = text.trim();
                let at = usize::from(salt) % trimmed.len();
                format!(
                    "{}{}",
                    trimmed.get(..at).unwrap_or_default(),
                    trimmed.get(at + 1..).unwrap_or_default()
                )
            }
            0 if text.contains(":00:") => text.replacen(":00:", ":30:", 1),
            0 | 1 => text.chars().skip(1).collect(),
            2 => "k".repeat(129),
            3 => "v".repeat(201),
            4 => "1e999".to_owned(),
            _ => "0".to_owned(),
        }),
        Value::Number(number) => match salt % 4 {
            0 => Value::from(0),
            1 => json_number(-number.as_f64().unwrap_or(1.0)),
            2 => json_number(number.as_f64().unwrap_or(1.0).trunc() + 0.5),
            _ => json_number(1e-300),
        },
        Value::Array(items) => match (salt % 2, items.first()) {
            (0, Some(first)) => Value::Array(vec![first.clone(); 10_001]),
            _ => Value::Array(Vec::new()),
        },
        Value::Object(map) => {
            let mut map = map.clone();
            match (
                map.get("starting_at").cloned(),
                map.get("ending_before").cloned(),
            ) {
                (Some(start), Some(end)) if salt % 2 == 0 => {
                    map.insert("starting_at".into(), end);
                    map.insert("ending_before".into(), start);
                }
                _ => map.clear(),
            }
            Value::Object(map)
        }
        other => other.clone(),
    }
}

/// A valid draft with one field removed, renamed (a typo, or a key over 100 characters),
/// retyped, blanked, tweaked into a near miss, or replaced by random JSON; or one field added.
fn mutated_draft() -> BoxedStrategy<Value> {
    (
        valid_draft(),
        any::<Index>(),
        0u8..8,
        any::<u8>(),
        random_json(),
    )
        .prop_map(|(mut draft, at, how, salt, replacement)| {
            if how == 7 {
                // One field added to the body: targeting that may conflict, or an unknown key.
                let (key, value) = match salt % 4 {
                    0 => ("applicable_product_tags", serde_json::json!(["gold"])),
                    1 => ("applicable_product_ids", serde_json::json!([UUID])),
                    2 => (
                        "specifiers",
                        serde_json::json!([{"product_tags": ["gold"]}]),
                    ),
                    _ => ("priorty", replacement),
                };
                if let Value::Object(map) = &mut draft {
                    map.insert(key.to_owned(), value);
                }
                return draft;
            }
            let mut all = Vec::new();
            places(&draft, &mut Vec::new(), &mut all);
            let path = at.get(&all).clone();
            let Some((last, parent_path)) = path.split_last() else {
                return draft;
            };
            let Some(parent) = parent_mut(&mut draft, parent_path) else {
                return draft;
            };
            match (parent, last) {
                (Value::Object(map), Step::Key(key)) => {
                    let old = map.get(key).cloned().unwrap_or(Value::Null);
                    match how {
                        0 => {
                            map.shift_remove(key);
                        }
                        1 => {
                            // A typo (unknown_field with a suggestion), or a map key too long.
                            let renamed = if salt % 2 == 0 {
                                key.chars().skip(1).collect()
                            } else {
                                "k".repeat(101)
                            };
                            if let Some(value) = map.shift_remove(key) {
                                map.insert(renamed, value);
                            }
                        }
                        2 => {
                            map.insert(key.clone(), retype(&old));
                        }
                        3 => {
                            map.insert(key.clone(), Value::String(" ".into()));
                        }
                        4 | 5 => {
                            map.insert(key.clone(), tweak(&old, salt));
                        }
                        _ => {
                            map.insert(key.clone(), replacement);
                        }
                    }
                }
                (Value::Array(items), Step::Index(index)) => {
                    if let Some(slot) = items.get_mut(*index) {
                        match how {
                            0 | 1 => {
                                items.remove(*index);
                            }
                            2 => *slot = retype(slot),
                            3 => *slot = Value::Null,
                            4 | 5 => *slot = tweak(slot, salt),
                            _ => *slot = replacement,
                        }
                    }
                }
                _ => {}
            }
            draft
        })
        .boxed()
}

// ---------------------------------------------------------------- the properties

type Checked = Result<(), TestCaseError>;

fn keys(issues: &[Issue]) -> Vec<String> {
    issues.iter().map(Issue::key).collect()
}

/// Errors exactly when not valid, a value exactly when valid, severities as the code says
/// (`unknown_field` is a warning when allowed), pointers that match paths and that address
/// the input as given (the parent of every issue's place, and every related place, exists).
fn consistent(draft: &Value, report: &Report, options: &Options) -> Checked {
    prop_assert_eq!(report.valid, report.errors.is_empty());
    prop_assert_eq!(report.valid, report.value.is_some());
    for issue in &report.errors {
        prop_assert_eq!(issue.code.severity(), Severity::Error, "{}", issue.key());
        prop_assert_eq!(issue.severity, Severity::Error, "{}", issue.key());
    }
    for issue in &report.warnings {
        prop_assert_eq!(issue.severity, Severity::Warning, "{}", issue.key());
        if !(options.allow_unknown_fields && issue.code == Code::UnknownField) {
            prop_assert_eq!(issue.code.severity(), Severity::Warning, "{}", issue.key());
        }
    }
    for issue in report.errors.iter().chain(&report.warnings) {
        prop_assert_eq!(pointer_of(&issue.path), issue.pointer.clone());
        if let Some(slash) = issue.pointer.rfind('/') {
            let parent = issue.pointer.get(..slash).unwrap_or_default();
            prop_assert!(
                draft.pointer(parent).is_some(),
                "{} not in the draft",
                issue.key()
            );
        }
        for related in &issue.related {
            prop_assert!(
                draft.pointer(related).is_some(),
                "{}: {related} not in the draft",
                issue.key()
            );
        }
    }
    Ok(())
}

/// SPEC section 4 (see `tests/support/fixed_point.rs`, shared with the fuzz target).
fn fixed_point(report: &Report, options: &Options) -> Checked {
    support::fixed_point(report, options).map_err(TestCaseError::fail)
}

/// The JSON text entry point gives the report of the value entry point, compact or pretty.
fn text_agrees(draft: &Value, report: &Report, options: &Options) -> Checked {
    for text in [
        serde_json::to_string(draft),
        serde_json::to_string_pretty(draft),
    ] {
        let text = text.unwrap_or_default();
        let from_text = validate_json(&text, options);
        prop_assert_eq!(
            keys(&from_text.errors),
            keys(&report.errors),
            "errors of {}",
            text
        );
        prop_assert_eq!(
            keys(&from_text.warnings),
            keys(&report.warnings),
            "warnings of {}",
            text
        );
        prop_assert_eq!(
            from_text.value.as_ref(),
            report.value.as_ref(),
            "value of {}",
            text
        );
        prop_assert_eq!(&from_text, report, "report of {}", text);
    }
    Ok(())
}

/// `validate_field` is `validate` filtered to the issues at or below the pointer, or related
/// to a place at or below it, errors first (SPEC section 5): for every issue's pointer and
/// each of its parents, and the pointer of the body.
fn fields_agree(draft: &Value, report: &Report, options: &Options) -> Checked {
    let mut pointers = vec![String::new(), "/access_schedule".to_owned()];
    for issue in report.errors.iter().chain(&report.warnings) {
        let mut pointer = issue.pointer.clone();
        while let Some(slash) = pointer.rfind('/') {
            pointers.push(pointer.clone());
            pointer.truncate(slash);
        }
    }
    pointers.sort();
    pointers.dedup();
    let below = |own: &str, pointer: &str| {
        pointer.is_empty() || own == pointer || own.starts_with(&format!("{pointer}/"))
    };
    for pointer in pointers {
        let expected: Vec<String> = report
            .errors
            .iter()
            .chain(&report.warnings)
            .filter(|i| below(&i.pointer, &pointer) || i.related.iter().any(|r| below(r, &pointer)))
            .map(Issue::key)
            .collect();
        let got = validate_field(draft, &pointer, options);
        prop_assert_eq!(keys(&got), expected, "validate_field at {:?}", pointer);
    }
    Ok(())
}

/// SPEC section 8: applying any offered fix to the draft removes its issue, and every error
/// it adds sits at or below a pointer the patch writes; the draft itself is untouched.
fn fixes_hold(draft: &Value, report: &Report, options: &Options) -> Checked {
    let before = keys(&report.errors);
    for issue in report.errors.iter().chain(&report.warnings) {
        for fix in &issue.fixes {
            let copy = draft.clone();
            let patched = apply_fix(draft, fix);
            prop_assert_eq!(draft, &copy);
            prop_assert!(
                &patched != draft,
                "{} {:?} changes nothing",
                issue.key(),
                fix.kind
            );
            let written: Vec<&str> = fix
                .patch
                .iter()
                .flat_map(|operation| match operation {
                    PatchOperation::Replace { path, .. } => vec![path.as_str()],
                    PatchOperation::Move { from, path } => vec![from.as_str(), path.as_str()],
                })
                .collect();
            let after = validate(&patched, options);
            prop_assert!(
                !after
                    .errors
                    .iter()
                    .chain(&after.warnings)
                    .any(|other| other.key() == issue.key() && other.params == issue.params),
                "{} is still there after {:?}: {}",
                issue.key(),
                fix.kind,
                patched
            );
            for error in &after.errors {
                let at_or_below = written.iter().any(|place| {
                    error
                        .pointer
                        .strip_prefix(place)
                        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
                });
                prop_assert!(
                    at_or_below || before.contains(&error.key()),
                    "{:?} for {} adds {} outside {:?}: {}",
                    fix.kind,
                    issue.key(),
                    error.key(),
                    written,
                    patched
                );
            }
        }
    }
    Ok(())
}

fn check_all(draft: &Value, allow_unknown_fields: bool) -> Result<Report, TestCaseError> {
    let options = options(allow_unknown_fields);
    let report = validate(draft, &options);
    consistent(draft, &report, &options)?;
    fixed_point(&report, &options)?;
    text_agrees(draft, &report, &options)?;
    fields_agree(draft, &report, &options)?;
    fixes_hold(draft, &report, &options)?;
    Ok(report)
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn valid_drafts_are_valid_and_normalize_to_a_fixed_point(draft in valid_draft(), allow in any::<bool>()) {
        let report = check_all(&draft, allow)?;
        prop_assert!(report.valid, "a generated valid draft has errors: {:?}\n{}", keys(&report.errors), draft);
    }

    #[test]
    fn one_field_mutations_never_panic_and_keep_every_property(draft in mutated_draft(), allow in any::<bool>()) {
        check_all(&draft, allow)?;
    }

    #[test]
    fn random_json_never_panics_and_keeps_every_property(draft in random_json(), allow in any::<bool>()) {
        check_all(&draft, allow)?;
    }

    #[test]
    fn random_json_text_never_panics(text in "\\PC{0,64}|\\{\"\\PC{0,40}") {
        let options = options(false);
        let report = validate_json(&text, &options);
        match serde_json::from_str::<Value>(&text) {
            Ok(parsed) => {
                consistent(&parsed, &report, &options)?;
                prop_assert_eq!(&validate(&parsed, &options), &report);
            }
            Err(_) => prop_assert_eq!(keys(&report.errors), vec!["invalid_json@".to_owned()]),
        }
    }
}

/// The generators are worth their cases: together they reach every code of SPEC section 3
/// and every fix kind of section 8.
#[test]
fn the_generators_reach_every_code() {
    let mut runner =
        TestRunner::new_with_rng(config(), TestRng::deterministic_rng(config().rng_algorithm));
    let mut seen = std::collections::BTreeMap::<&str, usize>::new();
    let mut fixes = std::collections::BTreeMap::<&str, usize>::new();
    let mut count = |report: &Report| {
        for issue in report.errors.iter().chain(&report.warnings) {
            *seen.entry(issue.code.as_str()).or_default() += 1;
            for fix in &issue.fixes {
                *fixes.entry(fix.kind.as_str()).or_default() += 1;
            }
        }
    };
    for (strategy, cases) in [
        (mutated_draft(), 1000),
        (random_json(), 300),
        (valid_draft(), 300),
    ] {
        for _ in 0..cases {
            let draft = strategy
                .new_tree(&mut runner)
                .map(|tree| tree.current())
                .unwrap_or_default();
            count(&validate(&draft, &options(false)));
        }
    }
    count(&validate_json("{", &options(false)));
    let missing: Vec<&str> = Code::ALL
        .iter()
        .map(|c| c.as_str())
        .filter(|c| !seen.contains_key(c))
        .collect();
    println!("{seen:?}\n{fixes:?}");
    assert!(
        missing.is_empty(),
        "no generated draft gives {missing:?}; seen {seen:?}"
    );
    let missing: Vec<&str> = FixKind::ALL
        .iter()
        .map(|kind| kind.as_str())
        .filter(|kind| !fixes.contains_key(kind))
        .collect();
    assert!(
        missing.is_empty(),
        "no generated draft is offered {missing:?}; offered {fixes:?}"
    );
}
