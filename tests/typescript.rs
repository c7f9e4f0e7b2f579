//! `types.d.ts`, `json-schema.js` and `fields.js` are generated from the field table by the
//! package build (examples/generate.rs); this keeps the committed copies in `js/` equal to
//! them (`UPDATE_TYPES=1 cargo test --test typescript` rewrites them).
#![cfg(not(target_arch = "wasm32"))]

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

/// `creditJsonSchema()` is plain JS over the schema's text, in a module of its own.
#[test]
fn js_schema_matches_the_field_table() {
    is_current("js/json-schema.js", &credit_rules::json_schema::js_module());
}

/// `creditFields()` is plain JS over the descriptor's text, in a module of its own.
#[test]
fn js_fields_match_the_field_table() {
    is_current("js/fields.js", &credit_rules::fields::js_module());
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

#[test]
fn every_field_has_a_descriptor_type() {
    let text = credit_rules::typescript::declarations();
    for (pointer, _) in credit_rules::fields::pointers() {
        assert!(
            text.contains(&format!("  \"{pointer}\": ")),
            "{pointer} missing"
        );
    }
}
