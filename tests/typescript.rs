//! `js/types.d.ts` and `js/json-schema.js` are generated from the field table; this keeps
//! the committed files current (`UPDATE_TYPES=1 cargo test --test typescript` rewrites them).
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

/// `creditJsonSchema()` is plain JS over this text, in a module of its own: a bundle that does
/// not call it leaves the schema out, and no JSON Schema builder is in the wasm.
#[test]
fn js_schema_matches_the_field_table() {
    let schema = credit_rules::json_schema::credit_json_schema().to_string();
    let module = format!(
        "// The JSON Schema (draft 2020-12) of the normalized body, generated from the field table by\n\
         // `UPDATE_TYPES=1 cargo test --test typescript`; do not edit. A module of its own, so that\n\
         // a bundle that does not call creditJsonSchema() leaves it out.\n\
         const SCHEMA = {};\n\n\
         /** JSON Schema 2020-12 of the normalized body: a fresh object on every call. */\n\
         export function creditJsonSchema() {{\n  return JSON.parse(SCHEMA);\n}}\n",
        serde_json::Value::from(schema)
    );
    is_current("js/json-schema.js", &module);
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
