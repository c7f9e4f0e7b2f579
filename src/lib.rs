#![doc = include_str!("../README.md")]
#![warn(missing_docs)]
// On wasm32 the crate is `no_std` with `alloc`: std's panic machinery and formatting stay out
// of the module (wasm/ links it with a panic handler that traps).
#![cfg_attr(target_arch = "wasm32", no_std)]
// Library code never panics: a panic inside wasm traps and leaves the module unusable.
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic
    )
)]
// The lite wasm module (no `json-text` feature) leaves the JSON text reader unused; the whole
// build, which clippy checks on wasm32, still reports any dead code.
#![cfg_attr(
    all(target_arch = "wasm32", not(feature = "json-text")),
    allow(dead_code)
)]

extern crate alloc;

#[doc(hidden)]
pub mod boundary;
mod checked;
mod collect;
mod decimal;
#[cfg(not(target_arch = "wasm32"))]
pub mod describe;
#[cfg(not(target_arch = "wasm32"))]
pub mod fields;
pub mod fix;
mod input;
pub mod issue;
#[cfg(not(target_arch = "wasm32"))]
pub mod json_schema;
mod json_text;
mod options;
#[cfg(not(target_arch = "wasm32"))]
mod output;
mod path;
mod prelude;
mod repeats;
#[cfg(not(target_arch = "wasm32"))]
mod report;
mod rules;
mod schedule;
pub mod schema;
mod sort;
mod targeting;
mod time;
#[cfg(not(target_arch = "wasm32"))]
pub mod typescript;
mod view;
mod walk;
#[cfg(target_arch = "wasm32")]
pub mod wasm;

#[cfg(not(target_arch = "wasm32"))]
pub use fix::apply_fix;
pub use fix::{Fix, FixKind, PatchOperation};
pub use input::{Input, Received};
pub use issue::{Code, Issue, ParamValue, Params, Segment, Severity};
pub use options::Options;
#[cfg(not(target_arch = "wasm32"))]
pub use report::Report;
pub use rules::is_uuid;

use rules::Finding;

#[cfg(not(target_arch = "wasm32"))]
/// Validates and normalizes a draft given as a JSON value.
pub fn validate(draft: &serde_json::Value, options: &Options) -> Report {
    let input = input::read_body(draft);
    output::report(walk::validate_input(&input, options), options)
}

#[cfg(not(target_arch = "wasm32"))]
/// Validates a draft given as JSON text. Text that does not parse (including nesting deeper
/// than 128, a number that overflows a double, or an escaped lone surrogate) is `invalid_json`.
pub fn validate_json(text: &str, options: &Options) -> Report {
    validate_json_with(text, options, |validated| {
        output::report(validated, options)
    })
}

/// Reads JSON text along the schema (no `serde_json::Value` in between) and hands the checked
/// result to `finish`, while it can still borrow the text.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn validate_json_with<R>(
    text: &str,
    options: &Options,
    finish: impl FnOnce(walk::Validated<'_>) -> R,
) -> R {
    // serde_json for the Rust API; the wasm has its own compact reader (the same results,
    // `detail` included: tests/conformance.rs and the fuzz target hold them to it), which
    // `validate_json_input` uses.
    let read = input::read_json(text).map_err(|error| error.to_string());
    validate_read(read, options, finish, |input| drop(input))
}

/// Checks what a JSON text reader gave: the draft, or `invalid_json` with the reader's detail;
/// `release` lets go of the draft once `finish` is done with the result.
fn validate_read<R>(
    read: Result<Input<'_>, alloc::string::String>,
    options: &Options,
    finish: impl FnOnce(walk::Validated<'_>) -> R,
    release: impl FnOnce(Input<'_>),
) -> R {
    match read {
        Ok(input) => {
            let result = finish(walk::validate_input(&input, options));
            release(input);
            result
        }
        Err(detail) => finish(walk::whole_body_error(
            Finding::new(Code::InvalidJson).with("detail", detail),
        )),
    }
}

/// [`validate_json`] through the wasm's own JSON text reader (src/json_text.rs) instead of
/// serde_json: for the tests and the fuzz target, which hold the two readers to the same
/// reports. Not part of the API.
#[cfg(not(target_arch = "wasm32"))]
#[doc(hidden)]
pub fn validate_json_compact(text: &str, options: &Options) -> Report {
    let read = json_text::read(text).map_err(|error| error.detail());
    validate_read(
        read,
        options,
        |validated| output::report(validated, options),
        |input| drop(input),
    )
}

#[cfg(not(target_arch = "wasm32"))]
/// [`validate_json`] for bytes, as a server receives a body: bytes that are not UTF-8 are
/// `invalid_json` (JSON text is UTF-8), with the offset of the first bad byte in `detail`.
pub fn validate_json_bytes(bytes: &[u8], options: &Options) -> Report {
    match core::str::from_utf8(bytes) {
        Ok(text) => validate_json(text, options),
        Err(error) => {
            let detail = format!(
                "the text is not UTF-8 (invalid byte at offset {})",
                error.valid_up_to()
            );
            let finding = Finding::new(Code::InvalidJson).with("detail", detail);
            output::report(walk::whole_body_error(finding), options)
        }
    }
}

/// `validate_json_with` for a value read as a scalar, with the wasm's own reader: text is JSON
/// to read, anything else is `invalid_type` at `""` (what `validateCreditJson` answers for a
/// non-string). `release` lets go of the draft read from the text (the wasm's arena leaves it
/// undropped).
#[cfg(target_arch = "wasm32")]
pub(crate) fn validate_json_input<R>(
    json: Input<'_>,
    options: &Options,
    finish: impl FnOnce(walk::Validated<'_>) -> R,
    release: impl FnOnce(Input<'_>),
) -> R {
    match json {
        Input::String(text) => {
            let read = json_text::read(&text).map_err(|error| error.detail());
            validate_read(read, options, finish, release)
        }
        other => finish(walk::whole_body_error(Finding::invalid_type(
            "string",
            other.received(),
        ))),
    }
}

#[cfg(not(target_arch = "wasm32"))]
/// The issues a form shows under the input at `pointer`, computed on the whole draft:
/// errors first, then warnings.
pub fn validate_field(draft: &serde_json::Value, pointer: &str, options: &Options) -> Vec<Issue> {
    validate(draft, options).issues_at(pointer)
}

#[cfg(not(target_arch = "wasm32"))]
/// Every rule: code, severity and default message.
pub fn rule_catalog() -> Vec<issue::Rule> {
    issue::catalog()
}
