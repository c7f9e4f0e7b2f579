//! Writes the package's modules that are generated from the field table into a directory:
//! `types.d.ts`, `json-schema.js` and `fields.js`. `scripts/build-pkg` runs it for `pkg/`:
//!
//! ```text
//! cargo run -q --example generate -- pkg
//! ```
//!
//! The same functions give the committed copies in `js/` (tests/typescript.rs keeps them equal),
//! so the two are byte-identical while the table is unchanged.

#[cfg(not(target_arch = "wasm32"))]
use std::{path::PathBuf, process::ExitCode};

// The generators are native-only; `cargo clippy --target wasm32-unknown-unknown --all-targets`
// still builds every example.
#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> ExitCode {
    let Some(out_dir) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: cargo run --example generate -- <out dir>");
        return ExitCode::FAILURE;
    };
    let files = [
        ("types.d.ts", credit_rules::typescript::declarations()),
        ("json-schema.js", credit_rules::json_schema::js_module()),
        ("fields.js", credit_rules::fields::js_module()),
    ];
    for (name, text) in files {
        let path = out_dir.join(name);
        if let Err(error) = std::fs::write(&path, text) {
            eprintln!("generate: cannot write {}: {error}", path.display());
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
}
