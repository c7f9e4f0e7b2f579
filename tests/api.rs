//! The Rust API beyond the case tables: guards against hostile sizes, options, field filtering
//! and the exports that are not reports.
#![cfg(not(target_arch = "wasm32"))]

use credit_rules::{validate, validate_field, validate_json, validate_json_bytes, Code, Options};
use serde_json::{json, Map, Value};

fn minimal() -> Value {
    json!({
        "customer_id": "13117714-3f05-48e5-a6e9-a66093f13b4d",
        "product_id": "f14d6729-6a44-4b13-9908-9387f1918790",
        "priority": 100,
        "access_schedule": {"schedule_items": [
            {"amount": 1000, "starting_at": "2026-01-01T00:00:00.000Z", "ending_before": "2026-02-01T00:00:00.000Z"}
        ]}
    })
}

fn with(field: &str, value: Value) -> Value {
    let mut draft = minimal();
    draft[field] = value;
    draft
}

fn options() -> Options {
    Options {
        now: chrono::DateTime::from_timestamp(1_764_547_200, 0),
        ..Options::default()
    }
}

fn error_keys(draft: &Value) -> Vec<String> {
    validate(draft, &options())
        .errors
        .iter()
        .map(|issue| issue.key())
        .collect()
}

#[test]
fn too_many_guards_every_array_and_object() {
    let tags: Vec<Value> = (0..10_001).map(|i| json!(format!("t{i}"))).collect();
    assert_eq!(
        error_keys(&with("applicable_product_tags", Value::Array(tags.clone()))),
        ["too_many@/applicable_product_tags"]
    );
    assert!(error_keys(&with(
        "applicable_product_tags",
        Value::Array(tags[..10_000].to_vec())
    ))
    .is_empty());
    let fields: Map<String, Value> = (0..10_001).map(|i| (format!("k{i}"), json!("v"))).collect();
    assert_eq!(
        error_keys(&with("custom_fields", Value::Object(fields.clone()))),
        ["too_many@/custom_fields"]
    );
    let mut body = fields;
    body.insert("customer_id".into(), json!(5));
    assert_eq!(error_keys(&Value::Object(body)), ["too_many@"]);
}

#[test]
fn a_50_mb_string_is_checked_without_trouble() {
    let huge = "x".repeat(50 * 1024 * 1024);
    let report = validate(&with("name", json!(huge)), &options());
    assert!(report.valid);
    assert_eq!(
        report
            .value
            .as_ref()
            .and_then(|v| v["name"].as_str())
            .map(str::len),
        Some(huge.len())
    );
    assert_eq!(
        error_keys(&with("uniqueness_key", json!(huge))),
        ["too_long@/uniqueness_key"]
    );
    assert_eq!(error_keys(&with(&huge, json!(1))).len(), 1);
}

#[test]
fn messages_are_replaced_per_code_with_params() {
    let mut options = options();
    options.messages.insert(
        "too_long".into(),
        "Au plus {max} caractères ({nope}).".into(),
    );
    let report = validate(&with("uniqueness_key", json!("k".repeat(129))), &options);
    assert_eq!(report.errors[0].message, "Au plus 128 caractères ({nope}).");
    let report = validate(&with("customer_id", json!("x")), &options);
    assert_eq!(
        report.errors[0].message,
        Code::InvalidUuid.default_message()
    );
}

#[test]
fn validate_field_includes_related_issues_errors_first() {
    let mut draft = minimal();
    draft["priority"] = json!(-1);
    draft["access_schedule"]["schedule_items"][0]["ending_before"] = json!("2025-01-01T00:00:00Z");
    let at_start = validate_field(
        &draft,
        "/access_schedule/schedule_items/0/starting_at",
        &options(),
    );
    let keys: Vec<String> = at_start.iter().map(|issue| issue.key()).collect();
    assert_eq!(
        keys,
        ["invalid_range@/access_schedule/schedule_items/0/ending_before"]
    );
    let at_item = validate_field(&draft, "/access_schedule/schedule_items/0", &options());
    let keys: Vec<String> = at_item.iter().map(|issue| issue.key()).collect();
    assert_eq!(
        keys,
        [
            "invalid_range@/access_schedule/schedule_items/0/ending_before",
            "ends_in_past@/access_schedule/schedule_items/0/ending_before"
        ]
    );
    assert_eq!(validate_field(&draft, "", &options()).len(), 3);
    assert!(validate_field(&draft, "/priorit", &options()).is_empty());
}

#[test]
fn issues_serialize_to_the_json_of_the_spec() {
    let report = validate(&with("uniqueness_key", json!("k".repeat(129))), &options());
    let issue = serde_json::to_value(&report.errors[0]).unwrap_or_default();
    assert_eq!(
        issue,
        json!({"code": "too_long", "severity": "error", "message": "Must be at most 128 characters.",
               "path": ["uniqueness_key"], "pointer": "/uniqueness_key", "params": {"max": 128}})
    );
    let mut draft = minimal();
    draft["access_schedule"]["schedule_items"][0]["ending_before"] = json!("2025-01-01T00:00:00Z");
    let report = validate(&draft, &options());
    let issue = serde_json::to_value(&report.errors[0]).unwrap_or_default();
    assert_eq!(
        issue["path"],
        json!(["access_schedule", "schedule_items", 0, "ending_before"])
    );
    assert_eq!(
        issue["related"],
        json!(["/access_schedule/schedule_items/0/starting_at"])
    );
    assert!(issue.get("params").is_none());
}

#[test]
fn json_and_value_entry_points_agree() {
    let draft = with("name", json!("  Welcome  "));
    let text = serde_json::to_string(&draft).unwrap_or_default();
    assert_eq!(
        validate_json(&text, &options()),
        validate(&draft, &options())
    );
    let report = validate_json("{\"customer_id\": ", &options());
    assert_eq!(
        report.errors.iter().map(|i| i.key()).collect::<Vec<_>>(),
        ["invalid_json@"]
    );
}

#[test]
fn bytes_are_json_text_when_they_are_utf8_and_invalid_json_otherwise() {
    let text = minimal().to_string();
    assert_eq!(
        validate_json_bytes(text.as_bytes(), &options()),
        validate_json(&text, &options())
    );
    let report = validate_json_bytes(b"\xff\xfe{}", &options());
    assert!(!report.valid);
    let keys: Vec<String> = report.errors.iter().map(|issue| issue.key()).collect();
    assert_eq!(keys, ["invalid_json@"]);
    let issue = &report.errors[0];
    assert_eq!(
        serde_json::to_value(&issue.params).unwrap(),
        json!({"detail": "the text is not UTF-8 (invalid byte at offset 0)"})
    );
    assert_eq!(issue.message, Code::InvalidJson.default_message());
}

#[test]
fn output_json_text_has_no_fractions_on_whole_numbers() {
    let mut draft = minimal();
    draft["priority"] = json!("1e2");
    draft["access_schedule"]["schedule_items"][0]["amount"] = json!(1000.0);
    let value = validate(&draft, &options()).value.unwrap_or_default();
    let text = serde_json::to_string(&value).unwrap_or_default();
    assert!(
        text.contains("\"priority\":100,") && text.contains("\"amount\":1000,"),
        "{text}"
    );
}

#[test]
fn the_json_schema_reads_the_table_and_admits_its_limits() {
    let schema = credit_rules::json_schema::credit_json_schema();
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    let properties: Vec<&String> = schema["properties"]
        .as_object()
        .map(|p| p.keys().collect())
        .unwrap_or_default();
    let table: Vec<&str> = credit_rules::schema::BODY.iter().map(|f| f.name).collect();
    assert_eq!(properties, table);
    let description = schema["description"].as_str().unwrap_or_default();
    assert!(description.contains("invalid_range") && description.contains("conflict"));
    assert_eq!(
        schema["required"],
        json!(["customer_id", "product_id", "priority", "access_schedule"])
    );
}

#[test]
fn the_catalog_lists_every_code_once() {
    let catalog = credit_rules::rule_catalog();
    assert_eq!(catalog.len(), Code::ALL.len());
    let warnings: Vec<&str> = catalog
        .iter()
        .filter(|r| r.severity == credit_rules::Severity::Warning)
        .map(|r| r.code.as_str())
        .collect();
    assert_eq!(
        warnings,
        [
            "ends_in_past",
            "overlapping_schedule",
            "fractional_cents",
            "negative_priority",
            "not_uuid",
            "duplicate_removed"
        ]
    );
}

#[test]
fn describe_says_what_the_credit_does() {
    let mut draft = minimal();
    draft["applicable_product_ids"] = json!(["182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e"]);
    let report = validate(&draft, &options());
    assert_eq!(
        credit_rules::describe::describe_report(&report),
        "$10.00 of credit from 2026-01-01 00:00 UTC to 2026-02-01 00:00 UTC, priority 100, for product 182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e on all contracts."
    );
    let report = validate(&json!({}), &options());
    assert_eq!(
        credit_rules::describe::describe_report(&report),
        "This credit draft has 4 errors to fix."
    );
}

#[test]
fn ten_thousand_overlapping_items_are_checked_in_one_sweep() {
    let items: Vec<Value> = (0..10_000)
        .map(|_| json!({"amount": 1, "starting_at": "2026-01-01T00:00:00Z", "ending_before": "2026-02-01T00:00:00Z"}))
        .collect();
    let mut draft = minimal();
    draft["access_schedule"]["schedule_items"] = Value::Array(items);
    let report = validate(&draft, &options());
    assert!(report.valid);
    assert_eq!(report.warnings.len(), 9_999);
    assert!(report
        .warnings
        .iter()
        .all(|w| w.code == Code::OverlappingSchedule));
}

#[test]
fn known_fields_in_table_order_then_unknown_ones_as_given() {
    let mut draft = with("priority", json!("high"));
    draft["zeta"] = json!(1);
    draft["alpha"] = json!(2);
    draft["name"] = json!(3);
    assert_eq!(
        error_keys(&draft),
        [
            "invalid_type@/priority",
            "invalid_type@/name",
            "unknown_field@/zeta",
            "unknown_field@/alpha"
        ]
    );
}

/// The entry limit holds at exactly its value, in the value reader and the text reader both;
/// a large object where a scalar belongs is a type error, not `too_many`.
#[test]
fn the_entry_limit_is_inclusive_and_only_for_containers_read_along_the_table() {
    let keys = |draft: &Value| {
        let from_value: Vec<String> = validate(draft, &options())
            .errors
            .iter()
            .map(|i| i.key())
            .collect();
        let text = serde_json::to_string(draft).unwrap();
        let from_text: Vec<String> = validate_json(&text, &options())
            .errors
            .iter()
            .map(|i| i.key())
            .collect();
        assert_eq!(from_value, from_text);
        // The wasm's own reader (src/json_text/), run natively.
        let compact: Vec<String> = credit_rules::validate_json_compact(&text, &options())
            .errors
            .iter()
            .map(|i| i.key())
            .collect();
        assert_eq!(from_value, compact);
        from_value
    };
    let limit = credit_rules::schema::MAX_ENTRIES;
    let tags: Vec<Value> = (0..limit).map(|i| json!(format!("t{i}"))).collect();
    assert_eq!(
        keys(&with("applicable_product_tags", Value::Array(tags))),
        Vec::<String>::new()
    );
    let fields: Map<String, Value> = (0..limit).map(|i| (format!("k{i}"), json!("v"))).collect();
    assert_eq!(
        keys(&with("custom_fields", Value::Object(fields))),
        Vec::<String>::new()
    );
    let big: Map<String, Value> = (0..=limit).map(|i| (format!("k{i}"), json!(i))).collect();
    assert_eq!(
        keys(&with("priority", Value::Object(big))),
        ["invalid_type@/priority"]
    );
    // Past the limit, as `too_many`.
    let tags: Vec<Value> = (0..=limit).map(|i| json!(format!("t{i}"))).collect();
    assert_eq!(
        keys(&with("applicable_product_tags", Value::Array(tags))),
        ["too_many@/applicable_product_tags"]
    );
    let fields: Map<String, Value> = (0..=limit).map(|i| (format!("k{i}"), json!("v"))).collect();
    assert_eq!(
        keys(&with("custom_fields", Value::Object(fields))),
        ["too_many@/custom_fields"]
    );
}

/// Depth is given back on leaving a container: many siblings are not deep (both readers).
#[test]
fn siblings_do_not_add_up_to_depth() {
    let siblings = vec!["[]"; 300].join(",");
    let objects = vec!["{}"; 300].join(",");
    for inner in [siblings, objects] {
        let text = format!(
            r#"{{"customer_id":"13117714-3f05-48e5-a6e9-a66093f13b4d","product_id":"f14d6729-6a44-4b13-9908-9387f1918790","priority":1,"access_schedule":{{"schedule_items":[{{"amount":1,"starting_at":"2026-01-01","ending_before":"2026-01-02"}}]}},"custom_fields":{{"k":[{inner}]}}}}"#
        );
        for report in [
            validate_json(&text, &options()),
            credit_rules::validate_json_compact(&text, &options()),
        ] {
            let keys: Vec<String> = report.errors.iter().map(|i| i.key()).collect();
            assert_eq!(keys, ["invalid_type@/custom_fields/k"]);
        }
    }
}

/// Exponents with many leading zeros read as their value in both readers.
#[test]
fn exponents_with_leading_zeros_read_as_their_value() {
    for (literal, priority) in [
        ("1e00000000002", 100),
        ("1E+000000000000000000003", 1000),
        ("50000e-0000000000002", 500),
    ] {
        let text = format!(
            r#"{{"customer_id":"13117714-3f05-48e5-a6e9-a66093f13b4d","product_id":"f14d6729-6a44-4b13-9908-9387f1918790","priority":{literal},"access_schedule":{{"schedule_items":[{{"amount":1,"starting_at":"2026-01-01","ending_before":"2026-01-02"}}]}}}}"#
        );
        for report in [
            validate_json(&text, &options()),
            credit_rules::validate_json_compact(&text, &options()),
        ] {
            assert!(report.errors.is_empty(), "{literal}: {:?}", report.errors);
            assert_eq!(
                report.value.as_ref().map(|value| value["priority"].clone()),
                Some(json!(priority)),
                "{literal}"
            );
        }
    }
}

/// A byte that is not whitespace after a line break is refused where it stands, by both
/// readers alike (the wasm's reader skips indentation eight bytes at a time).
#[test]
fn junk_after_a_line_break_is_refused_where_it_stands() {
    for junk in ["!", "\u{8}", "x", "\u{0}"] {
        let text = format!("{{\"priority\":1,\n{junk}       \"name\":\"a\"}}");
        let serde = validate_json(&text, &options());
        let compact = credit_rules::validate_json_compact(&text, &options());
        assert_eq!(
            serde.errors.iter().map(|i| i.key()).collect::<Vec<_>>(),
            ["invalid_json@"],
            "{junk:?}"
        );
        assert_eq!(compact.errors, serde.errors, "{junk:?}");
    }
}
