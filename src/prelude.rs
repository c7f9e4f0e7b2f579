//! What std's prelude would give: the crate is `no_std` (with `alloc`) on wasm32.

#[allow(unused_imports)]
pub(crate) use alloc::{
    borrow::{Cow, ToOwned},
    boxed::Box,
    format,
    string::{String, ToString},
    vec,
    vec::Vec,
};

/// `f64::floor`, which core lacks (the crate is `no_std` on wasm32). Exact for every double:
/// past 2^52 every double is whole.
pub(crate) fn floor(number: f64) -> f64 {
    const WHOLE: f64 = 4_503_599_627_370_496.0; // 2^52
    if number.is_nan() || number.abs() >= WHOLE {
        return number;
    }
    let truncated = number as i64 as f64;
    if truncated > number {
        truncated - 1.0
    } else {
        truncated
    }
}

/// Whether a finite number has no fraction.
pub(crate) fn is_whole(number: f64) -> bool {
    floor(number) == number
}

/// `str::trim` (Unicode White_Space at both ends) with a fast path: text that starts and ends
/// with a visible ASCII character, as nearly every field does, has nothing to trim.
#[inline(always)]
pub(crate) fn trim(text: &str) -> &str {
    match (text.as_bytes().first(), text.as_bytes().last()) {
        (Some(first), Some(last)) if first.is_ascii_graphic() && last.is_ascii_graphic() => text,
        _ => text.trim(),
    }
}
