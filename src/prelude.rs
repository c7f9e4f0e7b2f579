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

/// The number of code points of `text` (what the length limits count): its bytes that do not
/// continue a UTF-8 sequence. A plain loop, where `chars().count()` brings core's 0.5 KB
/// word-at-a-time version into the wasm.
pub(crate) fn code_points(text: &str) -> usize {
    let mut count = 0;
    for &byte in text.as_bytes() {
        if byte & 0xc0 != 0x80 {
            count += 1;
        }
    }
    count
}

/// `parts` joined with `", "` (what the `allowed` and `with` params list).
pub(crate) fn comma_list(parts: &[&str]) -> String {
    let mut out = String::new();
    for (at, part) in parts.iter().enumerate() {
        if at > 0 {
            out.push_str(", ");
        }
        out.push_str(part);
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn floor_is_exact_for_every_double() {
        for (number, floored) in [
            (2.5, 2.0),
            (-2.5, -3.0),
            (-0.5, -1.0),
            (3.0, 3.0),
            (4_503_599_627_370_495.5, 4_503_599_627_370_495.0),
            (1e20, 1e20),
            (-1e300, -1e300),
            (f64::INFINITY, f64::INFINITY),
        ] {
            assert_eq!(super::floor(number), floored, "{number}");
        }
        assert!(super::floor(f64::NAN).is_nan());
        assert!(super::is_whole(1e20));
        assert!(!super::is_whole(0.5));
    }

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

    #[test]
    fn code_points_and_comma_lists() {
        for text in ["", "abc", "é", "日本", "🦀x", "a\u{0}b"] {
            assert_eq!(super::code_points(text), text.chars().count(), "{text:?}");
        }
        assert_eq!(super::comma_list(&[]), "");
        assert_eq!(super::comma_list(&["A"]), "A");
        assert_eq!(super::comma_list(&["A", "B", "C"]), "A, B, C");
    }
}
