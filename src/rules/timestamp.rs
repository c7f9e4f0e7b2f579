//! Timestamps: an RFC 3339 instant (or a `Date`), on the field's boundary. Parsing is
//! `crate::time`'s; this is the rule.

use super::{Finding, Verdict};
use crate::input::Input;
use crate::issue::Code;
use crate::schema::Align;
use crate::time::{self, Instant};

/// The instant `value` gives: `invalid_type` if it is no text or date, `invalid_timestamp`
/// (param `reason`) if it does not parse, and a kept value with `not_hour_aligned` when it
/// is off the `align` boundary (the cross-field rules still read it).
pub(crate) fn timestamp(value: &Input<'_>, align: Align) -> Verdict<Instant> {
    match time::read(value) {
        None => Verdict::Invalid(Finding::invalid_type("timestamp", value.received())),
        Some(Err(error)) => {
            Verdict::Invalid(Finding::new(Code::InvalidTimestamp).with("reason", error.reason()))
        }
        Some(Ok(instant)) => {
            let off = (!instant.is_aligned(align.seconds())).then(|| match align {
                Align::Hour => Finding::new(Code::NotHourAligned),
            });
            Verdict::Valid(instant, off)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::Received;

    #[test]
    fn off_the_hour_is_kept_with_its_finding() {
        let read = |text: &str| timestamp(&Input::String(text.into()), Align::Hour);
        assert!(matches!(
            read("2026-01-01T09:00:00+02:00"),
            Verdict::Valid(_, None)
        ));
        assert!(matches!(
            read("2026-01-01T09:30:00Z"),
            Verdict::Valid(
                _,
                Some(Finding {
                    code: Code::NotHourAligned,
                    ..
                })
            )
        ));
        assert!(matches!(
            read("2026-01-01T09:00:00.001Z"),
            Verdict::Valid(
                _,
                Some(Finding {
                    code: Code::NotHourAligned,
                    ..
                })
            )
        ));
        assert_eq!(
            read("2026-01-01T09:00:00"),
            Verdict::Invalid(Finding::new(Code::InvalidTimestamp).with("reason", "missing_offset"))
        );
        assert_eq!(
            timestamp(&Input::Number(1.0), Align::Hour),
            Verdict::Invalid(Finding::invalid_type("timestamp", Received::Number))
        );
    }
}
