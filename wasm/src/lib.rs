//! The WebAssembly module of credit-rules: the rules crate (whose `src/wasm.rs` holds the
//! exports) linked as a `no_std` cdylib, with a panic handler that traps and a small
//! allocator. Natively this crate is empty.
//!
//! Why `no_std`: std's panic handler and its formatting machinery cost about 18 KB of wasm,
//! though no input can reach a panic (the rules crate denies `unwrap`, `expect`, indexing and
//! `panic!`, and the hostile-value, property and fuzz tests say so). A trap is the last resort.

#![cfg_attr(target_arch = "wasm32", no_std)]

#[cfg(target_arch = "wasm32")]
extern crate credit_rules;

#[cfg(target_arch = "wasm32")]
mod allocator;

#[cfg(target_arch = "wasm32")]
#[panic_handler]
fn panic(_info: &core::panic::PanicInfo<'_>) -> ! {
    core::arch::wasm32::unreachable()
}

/// The module's exports: the rules crate's entries (`credit_rules::wasm`), each run as one
/// call of the allocator's arena, which takes back what the call allocated when it returns,
/// so the entry leaves its trees undropped (`Leave`).
#[cfg(target_arch = "wasm32")]
mod exports {
    use crate::allocator;
    use credit_rules::wasm::{self, Leave};
    use wasm_bindgen::prelude::wasm_bindgen;

    /// `validateCredit` (js/index.js), once `readDraft` has written a tape of `count` ops.
    #[wasm_bindgen(js_name = validateTape, skip_typescript)]
    pub fn validate_tape(count: u32) {
        allocator::call(|| wasm::validate_tape::<Leave>(count));
    }

    /// `validateCreditJson` (js/json.js); `false` from the lite module.
    #[wasm_bindgen(js_name = validateJsonTape, skip_typescript)]
    pub fn validate_json_tape(count: u32) -> bool {
        allocator::call(|| wasm::validate_json_tape::<Leave>(count))
    }
}
