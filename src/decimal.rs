//! Decimal text to the nearest double, without core's float parser in the wasm
//! (`str::parse::<f64>` brings dec2flt and its table, about 13 KB).
//!
//! Integers of up to 15 digits, what nearly every amount and priority is, are read here,
//! exactly. The rest goes to a parser that is there anyway: JS `parseFloat` in the browser,
//! `str::parse` natively. (JSON integer literals never get here: the JSON readers read them
//! as serde_json does. A Clinger fast path for fractions was 0.7 KB gzipped of wasm, for
//! literals that drafts rarely hold.)

/// The nearest double to a text matching `-?digits?(.digits)?([eE][+-]?digits)?` with at least
/// one digit before or after the point (a JSON number, or an HTML "valid floating-point
/// number": `05`, `.5`, `1E+2`): ±infinity past the largest double, ±0 below the smallest,
/// the sign kept. What JS `Number(text)` gives. Any other text gives some number (NaN
/// natively), never a panic.
pub(crate) fn parse(text: &str) -> f64 {
    small_integer(text).unwrap_or_else(|| nearest(text))
}

/// `-?[0-9]{1,15}`, which is always a double exactly (`-0` is -0.0); `None` for other text.
fn small_integer(text: &str) -> Option<f64> {
    let bytes = text.as_bytes();
    let (negative, digits) = match bytes.split_first() {
        Some((b'-', rest)) => (true, rest),
        _ => (false, bytes),
    };
    if digits.is_empty() || digits.len() > 15 {
        return None;
    }
    let mut value: u64 = 0;
    for &byte in digits {
        if !byte.is_ascii_digit() {
            return None;
        }
        value = value * 10 + u64::from(byte - b'0');
    }
    let value = value as f64;
    Some(if negative { -value } else { value })
}

/// The correctly rounded value from the platform's parser, for what the fast path cannot do.
#[cfg(not(target_arch = "wasm32"))]
fn nearest(text: &str) -> f64 {
    text.parse().unwrap_or(f64::NAN)
}

/// The correctly rounded value from the platform's parser, for what the fast path cannot do:
/// `parseFloat` reads a text of this grammar whole, and exactly.
#[cfg(target_arch = "wasm32")]
fn nearest(text: &str) -> f64 {
    crate::wasm::parse_float(text)
}

// Two attributes rather than `all(test, …)`: cargo-mutants knows a test module by `cfg(test)`.
#[cfg(test)]
#[cfg(not(target_arch = "wasm32"))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn same_as_core(text: &str) {
        let expected: f64 = text.parse().unwrap();
        let got = parse(text);
        assert_eq!(
            got.to_bits(),
            expected.to_bits(),
            "{text}: got {got:e}, expected {expected:e}"
        );
    }

    #[test]
    fn hand_picked_literals() {
        for text in [
            "0",
            "-0",
            "0.0",
            "-0.0",
            "0e0",
            "-0e5",
            "1",
            "-1",
            "05",
            ".5",
            "-.5",
            "1E+2",
            "1e-2",
            "1000",
            "12.5",
            "0.1",
            "0.3",
            "123456789",
            "9007199254740992",
            "9007199254740993",
            "9007199254740994",
            "9007199254740995",
            "18446744073709551615",
            "18446744073709551616",
            "-9223372036854775808",
            "985690694.6328695",
            "2.2250738585072011e-308",
            "2.2250738585072012e-308",
            "2.2250738585072014e-308",
            "1.7976931348623157e308",
            "1.7976931348623158e308",
            "1.7976931348623159e308",
            "-1.7976931348623159e308",
            "5e-324",
            "4.9406564584124654e-324",
            "2.4703282292062328e-324",
            "2.4703282292062327e-324",
            "2.4703282292062327208828439643411068618252990130716238221279284125033775363510437593264991818081799618989828234772285886546332835517796989819938739800539093906315035659515570226392290858392449105184435931802849936536152500319370457678249219365623669863658480757001585769269903706311928279558551332927834338409351978015531246597263579574622766465272827220056374006485499977096599470454020828166226237857393450736339007967761930577506740176324673600968951340535537458516661134223766678604162159680461914467291840300530057530849048765391711386591646239524912623653881879636239373280423891018672348497668235089863388587925628302755995657524455507255189313690836254779186948667994968324049705821028513185451396213837722826145437693412532098591327667236328125e-324",
            "1e22",
            "1e23",
            "5e25",
            "9007199254740993e22",
            "1e308",
            "1e309",
            "1e-323",
            "1e-324",
            "1e-400",
            "-1e-400",
            "1e400",
            "123456789012345678901234567890",
            "1234567890123456789",
            "12345678901234567891",
            "0.000000000000000000000000000000000000001",
            "100000000000000000000000000000000000000000000000000e-50",
            "1200000000000000000000000e-30",
            "0.1e1",
            "00000000000000000000000000000000000000000001.5",
            "1.00000000000000000000000000000000000000000000000000001",
            "9007199254740993.0000000000000000000000000000000001",
            "4503599627370496.5",
            "4503599627370497.5",
            "3.0517578125e-5",
            "8.98846567431158e307",
            "1.448997445238699",
            "7.3177701707893310e+15",
            // At the bounds past which no parsing is needed.
            "1234567890123456789e-342",
            "9999999999999999999e-342",
            "9999999999999999999e-343",
            "99999999999999999999e-344",
            "4e-324",
            "3e-324",
            "2e-324",
            "0.1e309",
            "10e308",
            "0.00000000000000000001e328",
        ] {
            same_as_core(text);
        }
    }

    #[test]
    fn a_point_far_from_the_digits() {
        let digits = "31415926535897932384626433832795028841971693993751";
        for zeros in [0, 1, 10, 100, 300, 320, 330, 400] {
            let zeros = "0".repeat(zeros);
            same_as_core(&format!("0.{zeros}{digits}"));
            same_as_core(&format!("{digits}{zeros}"));
            same_as_core(&format!("{digits}{zeros}.5"));
            same_as_core(&format!("{digits}{zeros}e-300"));
            same_as_core(&format!("-0.{zeros}{digits}e300"));
        }
    }

    #[test]
    fn exponents_beyond_any_integer() {
        assert_eq!(parse("1e99999999999999999999"), f64::INFINITY);
        assert_eq!(parse("-1e99999999999999999999"), f64::NEG_INFINITY);
        assert_eq!(parse("0e99999999999999999999").to_bits(), 0f64.to_bits());
        assert_eq!(
            parse("-0e99999999999999999999").to_bits(),
            (-0f64).to_bits()
        );
        assert_eq!(parse("1e-99999999999999999999").to_bits(), 0f64.to_bits());
        assert_eq!(
            parse("-1e-99999999999999999999").to_bits(),
            (-0f64).to_bits()
        );
        let long = format!("1{}e-99999999999999999999", "0".repeat(500));
        assert_eq!(parse(&long).to_bits(), 0f64.to_bits());
        let long = format!("0.{}1e99999999999999999999", "0".repeat(500));
        assert_eq!(parse(&long), f64::INFINITY);
    }

    #[test]
    fn only_short_plain_integers_are_read_here() {
        assert_eq!(
            small_integer("-0").map(f64::to_bits),
            Some((-0.0f64).to_bits())
        );
        assert_eq!(small_integer("000000000000042"), Some(42.0));
        for text in ["", "-", "1.5", "1e3", "+1", "1234567890123456", " 1", "1_0"] {
            assert_eq!(small_integer(text), None, "{text:?}");
        }
    }

    #[test]
    fn other_text_does_not_panic() {
        for text in ["", "-", ".", "e5", "1e", "1.2.3", "--1", "abc", "1x"] {
            let _ = parse(text);
        }
    }

    /// A literal of the grammar: sign, digits (leading zeros possible), fraction, exponent.
    fn literal() -> impl Strategy<Value = String> {
        (
            any::<bool>(),
            "[0-9]{0,30}",
            proptest::option::of("[0-9]{0,30}"),
            proptest::option::of((
                prop_oneof![Just(""), Just("+"), Just("-")],
                prop_oneof!["[0-9]{1,2}", "[0-3][0-9]{2}", "0*[0-9]{1,3}"],
                any::<bool>(),
            )),
        )
            .prop_filter_map(
                "at least one digit",
                |(negative, whole, fraction, exponent)| {
                    let fraction_digits = fraction.as_deref().unwrap_or("");
                    if whole.is_empty() && fraction_digits.is_empty() {
                        return None;
                    }
                    let mut text = String::new();
                    if negative {
                        text.push('-');
                    }
                    text.push_str(&whole);
                    if let Some(fraction) = fraction.filter(|digits| !digits.is_empty()) {
                        text.push('.');
                        text.push_str(&fraction);
                    }
                    if let Some((sign, digits, upper)) = exponent {
                        text.push(if upper { 'E' } else { 'e' });
                        text.push_str(sign);
                        text.push_str(&digits);
                    }
                    Some(text)
                },
            )
    }

    /// A double written as Rust writes it, shortest or with a given number of digits, and
    /// just above or below that.
    fn printed_double() -> impl Strategy<Value = String> {
        (
            any::<u64>()
                .prop_map(f64::from_bits)
                .prop_filter("finite", |x| x.is_finite()),
            0usize..25,
            prop_oneof![
                Just(""),
                Just("0"),
                Just("1"),
                Just("5"),
                Just("49"),
                Just("51")
            ],
        )
            .prop_map(|(value, precision, tail)| {
                let printed = if precision == 0 {
                    format!("{value:e}")
                } else {
                    format!("{value:.precision$e}")
                };
                match printed.split_once('e') {
                    Some((digits, exponent)) if !tail.is_empty() => {
                        let point = if digits.contains('.') { "" } else { "." };
                        format!("{digits}{point}{tail}e{exponent}")
                    }
                    _ => printed,
                }
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig {
            cases: 2000,
            failure_persistence: None,
            ..ProptestConfig::default()
        })]

        #[test]
        fn generated_literals_read_as_core_reads_them(text in literal()) {
            same_as_core(&text);
        }

        #[test]
        fn printed_doubles_read_as_core_reads_them(text in printed_double()) {
            same_as_core(&text);
        }

        #[test]
        fn literals_near_the_ends_of_the_range(
            digits in "[1-9][0-9]{0,24}",
            exponent in prop_oneof![-370i32..-290, 280i32..330],
        ) {
            same_as_core(&format!("{digits}e{exponent}"));
            same_as_core(&format!("0.{digits}e{exponent}"));
        }

        #[test]
        fn small_integers_are_read_here_exactly(value in -999_999_999_999_999i64..=999_999_999_999_999) {
            let text = value.to_string();
            prop_assert_eq!(small_integer(&text).map(f64::to_bits), Some((value as f64).to_bits()));
            same_as_core(&text);
            same_as_core(&format!("{value}e0"));
        }
    }
}
