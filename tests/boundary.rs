//! The constants of `js/edge.js` (tape opcodes, `received` codes, shapes, names, tables and
//! the message catalog) are generated from src/boundary.rs: this keeps the committed block
//! current (`UPDATE_TYPES=1 cargo test --test boundary` rewrites it), so the two halves of the
//! JS edge cannot drift.
#![cfg(not(target_arch = "wasm32"))]

#[test]
fn the_generated_block_of_edge_js_is_current() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("js/edge.js");
    let text = std::fs::read_to_string(&path).expect("js/edge.js");
    let start = text
        .find("// ---- generated")
        .expect("js/edge.js has a generated block");
    let end_marker = credit_rules::boundary::END;
    let end = text[start..]
        .find(end_marker)
        .map(|at| start + at + end_marker.len())
        .expect("js/edge.js has the end of the generated block");
    let generated = credit_rules::boundary::js_block();
    if std::env::var_os("UPDATE_TYPES").is_some() {
        let updated = format!("{}{}{}", &text[..start], generated, &text[end..]);
        std::fs::write(&path, updated).expect("write js/edge.js");
        return;
    }
    assert!(
        text[start..end] == generated,
        "the generated block of js/edge.js is stale: run UPDATE_TYPES=1 cargo test --test boundary"
    );
}
