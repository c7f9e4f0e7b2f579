//! `js/types.d.ts` and `js/credit.schema.json` are generated from the field table; this keeps
//! the committed files current (`UPDATE_TYPES=1 cargo test --test typescript` rewrites them).

/// The committed file at `path` (from the crate root) is `generated`; with `UPDATE_TYPES` set
/// it is written first.
fn is_current(path: &str, generated: &str) {
    let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    if std::env::var_os("UPDATE_TYPES").is_some() {
        std::fs::write(&file, generated).expect("write the generated file");
    }
    let committed = std::fs::read_to_string(&file).unwrap_or_default();
    assert!(
        committed == generated,
        "{path} is stale: run UPDATE_TYPES=1 cargo test --test typescript"
    );
}

#[test]
fn js_types_match_the_field_table() {
    is_current("js/types.d.ts", &credit_rules::typescript::declarations());
}

/// The wasm module hands out this text rather than building the schema at run time, which
/// keeps the JSON Schema builder out of the wasm.
#[test]
fn js_schema_matches_the_field_table() {
    is_current(
        "js/credit.schema.json",
        &credit_rules::json_schema::credit_json_schema().to_string(),
    );
}

#[test]
fn every_field_of_the_table_is_declared() {
    let text = credit_rules::typescript::declarations();
    for field in credit_rules::schema::BODY {
        assert!(
            text.contains(&format!("  {}", field.name)),
            "{} missing",
            field.name
        );
    }
    let any = text
        .split(|c: char| !c.is_ascii_alphanumeric())
        .any(|word| word == "any");
    assert!(!any, "no `any` in the public types");
}
