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
