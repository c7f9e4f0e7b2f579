//! Numbers: finite, read from a number or a number input's text, held to the field's
//! [`Bounds`].

use super::{Finding, Verdict};
use crate::decimal;
use crate::input::{Input, Received};
use crate::issue::Code;
use crate::prelude::*;
use crate::schema::Bounds;

/// The number `value` gives, within `bounds`: `not_positive` (param `min`) at or below
/// `bounds.above`, a kept value with `negative_priority` (param `min`) below
/// `bounds.warn_below`. `-0` becomes `0`.
pub(crate) fn number(value: &Input<'_>, bounds: &Bounds) -> Verdict<f64> {
    let number = match value {
        Input::Number(number) => *number,
        Input::String(text) => match parse_number_input(trim(text)) {
            Some(number) => number,
            None => return Verdict::Invalid(Finding::invalid_type("number", Received::String)),
        },
        other => return Verdict::Invalid(Finding::invalid_type("number", other.received())),
    };
    if !number.is_finite() {
        return Verdict::Invalid(Finding::new(Code::NotFinite));
    }
    // Adding 0.0 maps -0.0 to +0.0 and leaves every other number alone.
    let number = number + 0.0;
    if let Some(min) = bounds.above.filter(|&min| number <= min) {
        return Verdict::Invalid(Finding::new(Code::NotPositive).with("min", min));
    }
    let warning = bounds
        .warn_below
        .filter(|&min| number < min)
        .map(|min| Finding::new(Code::NegativePriority).with("min", min));
    Verdict::Valid(number, warning)
}

/// An HTML "valid floating-point number" (what number inputs give), parsed; `None` otherwise.
pub(crate) fn parse_number_input(text: &str) -> Option<f64> {
    let bytes = text.as_bytes();
    let mut at = 0;
    let digits = |at: &mut usize| {
        let start = *at;
        while bytes.get(*at).is_some_and(u8::is_ascii_digit) {
            *at += 1;
        }
        *at - start
    };
    if bytes.first() == Some(&b'-') {
        at += 1;
    }
    let whole = digits(&mut at);
    let mut fraction = 0;
    if bytes.get(at) == Some(&b'.') {
        at += 1;
        fraction = digits(&mut at);
        if fraction == 0 {
            return None;
        }
    }
    if whole == 0 && fraction == 0 {
        return None;
    }
    if matches!(bytes.get(at), Some(b'e' | b'E')) {
        at += 1;
        if matches!(bytes.get(at), Some(b'+' | b'-')) {
            at += 1;
        }
        if digits(&mut at) == 0 {
            return None;
        }
    }
    if at != bytes.len() {
        return None;
    }
    Some(decimal::parse(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    const AMOUNT: Bounds = Bounds {
        above: Some(0.0),
        warn_below: None,
    };
    const PRIORITY: Bounds = Bounds {
        above: None,
        warn_below: Some(0.0),
    };

    #[test]
    fn number_inputs_follow_the_html_grammar() {
        let accepted = [
            ("1000", 1000.0),
            ("12.5", 12.5),
            ("-3", -3.0),
            ("1e3", 1000.0),
            (".5", 0.5),
            ("05", 5.0),
            ("1E+2", 100.0),
            ("-0", 0.0),
        ];
        for (text, expected) in accepted {
            assert_eq!(parse_number_input(text), Some(expected), "{text}");
        }
        for text in [
            "1,000", "ten", "0x10", "+5", "5.", "", "-", "1e", ".", "Infinity", "NaN", "1 000",
        ] {
            assert_eq!(parse_number_input(text), None, "{text}");
        }
        assert_eq!(parse_number_input("1e999"), Some(f64::INFINITY));
    }

    #[test]
    fn bounds_are_exclusive_above_and_warn_strictly_below() {
        let given = |number: f64, bounds: &Bounds| super::number(&Input::Number(number), bounds);
        assert_eq!(given(0.5, &AMOUNT), Verdict::Valid(0.5, None));
        assert_eq!(
            given(0.0, &AMOUNT),
            Verdict::Invalid(Finding::new(Code::NotPositive).with("min", 0.0))
        );
        assert_eq!(
            given(-1.0, &AMOUNT),
            Verdict::Invalid(Finding::new(Code::NotPositive).with("min", 0.0))
        );
        assert_eq!(given(0.0, &PRIORITY), Verdict::Valid(0.0, None));
        assert_eq!(
            given(-0.5, &PRIORITY),
            Verdict::Valid(
                -0.5,
                Some(Finding::new(Code::NegativePriority).with("min", 0.0))
            )
        );
        let bounds = Bounds {
            above: Some(10.0),
            warn_below: Some(20.0),
        };
        assert_eq!(
            given(10.0, &bounds),
            Verdict::Invalid(Finding::new(Code::NotPositive).with("min", 10.0))
        );
        assert!(matches!(
            given(15.0, &bounds),
            Verdict::Valid(15.0, Some(_))
        ));
    }

    #[test]
    fn minus_zero_becomes_zero_and_texts_and_infinities_are_read() {
        match number(&Input::Number(-0.0), &PRIORITY) {
            Verdict::Valid(zero, None) => assert!(zero.is_sign_positive()),
            other => panic!("{other:?}"),
        }
        assert_eq!(
            number(&Input::String(" 12.5 ".into()), &AMOUNT),
            Verdict::Valid(12.5, None)
        );
        assert_eq!(
            number(&Input::String("1,000".into()), &AMOUNT),
            Verdict::Invalid(Finding::invalid_type("number", Received::String))
        );
        assert_eq!(
            number(&Input::Number(f64::INFINITY), &PRIORITY),
            Verdict::Invalid(Finding::new(Code::NotFinite))
        );
        assert_eq!(
            number(&Input::Bool(true), &PRIORITY),
            Verdict::Invalid(Finding::invalid_type("number", Received::Boolean))
        );
    }
}
