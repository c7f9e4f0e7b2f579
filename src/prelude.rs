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
        _ => trim_slow(text),
    }
}

/// ASCII white space by bytes (plain loops, which "z" keeps tight), then `str::trim` only
/// when a non-ASCII character is left at either end.
fn trim_slow(text: &str) -> &str {
    let space = |byte: u8| byte == b' ' || (0x09..=0x0d).contains(&byte);
    let bytes = text.as_bytes();
    let (mut start, mut end) = (0, bytes.len());
    while start < end && bytes.get(start).is_some_and(|&byte| space(byte)) {
        start += 1;
    }
    while end > start && bytes.get(end - 1).is_some_and(|&byte| space(byte)) {
        end -= 1;
    }
    let rest = text.get(start..end).unwrap_or_default();
    match (rest.as_bytes().first(), rest.as_bytes().last()) {
        (Some(first), Some(last)) if !first.is_ascii() || !last.is_ascii() => rest.trim(),
        _ => rest,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn trim_matches_str_trim() {
        for text in [
            "",
            " ",
            "a",
            " a ",
            "\t\n a b \r\x0b\x0c",
            "\u{a0}x\u{a0}",
            " \u{2003} x \u{85}",
            "\u{a0}",
            " é ",
            "é",
            "\u{1680}\u{3000}",
            "x\u{200b}",
        ] {
            assert_eq!(super::trim(text), text.trim(), "{text:?}");
        }
    }
}
