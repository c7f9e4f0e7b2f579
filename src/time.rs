//! Timestamps: the accepted forms of SPEC section 4 rule 5 and the fine print of section 6.
//!
//! Parsed by hand rather than with chrono so that second 60, fractions longer than
//! nanoseconds and "no offset" can each be told apart and reported precisely.

use crate::prelude::*;
use core::cmp::Ordering;

/// An instant in UTC: whole seconds since the Unix epoch and the fraction's decimal digits
/// (trailing zeros removed, so that comparing the digit strings compares the fractions).
#[derive(Debug, Clone)]
pub struct Instant {
    /// Seconds since 1970-01-01T00:00:00Z.
    pub seconds: i64,
    /// The fraction of a second as decimal digits, without trailing zeros.
    pub fraction: String,
    /// Written with second 60: it parses, but is never on an hour boundary.
    pub leap: bool,
}

impl PartialEq for Instant {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Instant {}

impl Ord for Instant {
    fn cmp(&self, other: &Self) -> Ordering {
        self.seconds
            .cmp(&other.seconds)
            .then_with(|| self.fraction.as_bytes().cmp(other.fraction.as_bytes()))
    }
}

impl PartialOrd for Instant {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// 0000-01-01T00:00:00Z and 10000-01-01T00:00:00Z: the instants a timestamp must lie within.
const FIRST_SECOND: i64 = -62_167_219_200;
const END_SECOND: i64 = 253_402_300_800;

/// Why a timestamp was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimestampError {
    /// Not one of the accepted forms.
    Format,
    /// A date and time without an offset (what `<input type="datetime-local">` gives).
    MissingOffset,
    /// Outside years 0000 to 9999 in UTC, or an invalid `Date`.
    OutOfRange,
}

impl TimestampError {
    /// The `reason` param of `invalid_timestamp`.
    pub fn reason(self) -> &'static str {
        match self {
            TimestampError::Format => "format",
            TimestampError::MissingOffset => "missing_offset",
            TimestampError::OutOfRange => "out_of_range",
        }
    }
}

impl Instant {
    /// Whether the instant falls on a boundary of `seconds` (3600: minutes, seconds and
    /// every digit of the fraction zero in UTC); a leap second never does.
    pub fn is_aligned(&self, seconds: i64) -> bool {
        !self.leap && self.seconds.rem_euclid(seconds) == 0 && self.fraction.is_empty()
    }

    /// From milliseconds since the epoch (a JS `Date`'s time value).
    pub fn from_millis(millis: f64) -> Result<Instant, TimestampError> {
        if !millis.is_finite() {
            return Err(TimestampError::OutOfRange);
        }
        let whole = floor(millis);
        // Date values are whole milliseconds; the range check below bounds the cast.
        let seconds = floor(whole / 1000.0);
        if seconds < FIRST_SECOND as f64 || seconds >= END_SECOND as f64 {
            return Err(TimestampError::OutOfRange);
        }
        let seconds = seconds as i64;
        let millis_part = (whole - seconds as f64 * 1000.0) as i64;
        Ok(Instant {
            seconds,
            fraction: fraction_of(millis_part as u32, 3),
            leap: false,
        })
    }

    /// From a chrono instant (the Rust API's `Options::now`).
    #[cfg(not(target_arch = "wasm32"))]
    pub fn from_datetime(datetime: &chrono::DateTime<chrono::Utc>) -> Instant {
        Instant {
            seconds: datetime.timestamp(),
            fraction: fraction_of(datetime.timestamp_subsec_nanos(), 9),
            leap: false,
        }
    }

    /// The instant at `seconds` since the epoch, whole, if it lies within years 0000 to 9999.
    pub fn whole(seconds: i64) -> Option<Instant> {
        within_range(Instant {
            seconds,
            fraction: String::new(),
            leap: false,
        })
        .ok()
    }

    /// The start of the hour the instant falls in, in seconds since the epoch (a leap second
    /// belongs to the hour it ends).
    pub fn hour_start(&self) -> i64 {
        let seconds = self.seconds - i64::from(self.leap);
        seconds - seconds.rem_euclid(3600)
    }

    /// `YYYY-MM-DDTHH:MM:SS.mmmZ`, what `Date.prototype.toISOString` prints.
    pub fn to_iso(&self) -> String {
        // Only ASCII is written, so the conversion cannot fail.
        core::str::from_utf8(&self.iso_bytes())
            .unwrap_or_default()
            .to_owned()
    }

    /// [`Instant::to_iso`] as bytes on the stack: written for every timestamp of every valid
    /// draft, so without `fmt` or allocation. Years are 0000 to 9999 (the range check), so
    /// every part has a fixed width.
    pub fn iso_bytes(&self) -> [u8; 24] {
        let days = self.seconds.div_euclid(86_400);
        let second_of_day = self.seconds.rem_euclid(86_400);
        let (year, month, day) = civil_from_days(days);
        let [y1, y2] = two_digits(year / 100);
        let [y3, y4] = two_digits(year);
        let [mo1, mo2] = two_digits(i64::from(month));
        let [d1, d2] = two_digits(i64::from(day));
        let [h1, h2] = two_digits(second_of_day / 3600);
        let [mi1, mi2] = two_digits(second_of_day % 3600 / 60);
        let [s1, s2] = two_digits(second_of_day % 60);
        let millis = self.fraction.as_bytes();
        [
            y1,
            y2,
            y3,
            y4,
            b'-',
            mo1,
            mo2,
            b'-',
            d1,
            d2,
            b'T',
            h1,
            h2,
            b':',
            mi1,
            mi2,
            b':',
            s1,
            s2,
            b'.',
            millis.first().copied().unwrap_or(b'0'),
            millis.get(1).copied().unwrap_or(b'0'),
            millis.get(2).copied().unwrap_or(b'0'),
            b'Z',
        ]
    }

    /// The instant as a chrono value would hold it (what the Rust API's `Options::now` keeps):
    /// fraction digits past the ninth, the nanoseconds, dropped.
    #[cfg(target_arch = "wasm32")]
    pub(crate) fn at_nanoseconds(mut self) -> Instant {
        if let Some(kept) = self.fraction.get(..9) {
            self.fraction = fraction_digits(kept);
        }
        self
    }

    /// The same instant as a chrono value (nanosecond precision).
    #[cfg(not(target_arch = "wasm32"))]
    pub fn to_datetime(&self) -> Option<chrono::DateTime<chrono::Utc>> {
        let mut digits = self.fraction.bytes().chain(core::iter::repeat(b'0'));
        let nanos = (0..9).fold(0u32, |nanos, _| {
            nanos * 10 + u32::from(digits.next().unwrap_or(b'0').saturating_sub(b'0'))
        });
        chrono::DateTime::from_timestamp(self.seconds, nanos)
    }

    /// `YYYY-MM-DD HH:MM UTC`, for sentences.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn to_human(&self) -> String {
        let iso = self.to_iso();
        format!(
            "{} {} UTC",
            iso.get(..10).unwrap_or(""),
            iso.get(11..16).unwrap_or("")
        )
    }
}

fn fraction_digits(digits: &str) -> String {
    digits.trim_end_matches('0').to_owned()
}

/// The fraction digits of `value` written with `width` digits (`5`, 3 → `"005"` → `"005"`
/// without trailing zeros); empty, with no allocation, for zero.
fn fraction_of(value: u32, width: u32) -> String {
    let mut digits = String::new();
    if value == 0 {
        return digits;
    }
    for place in (0..width).rev() {
        digits.push(char::from(b'0' + (value / 10_u32.pow(place) % 10) as u8));
    }
    fraction_digits(&digits)
}

/// The instant a timestamp value holds: a string in an accepted form or a JS `Date`.
/// `None` when the value is neither (a type error for a field).
pub fn read(value: &crate::Input<'_>) -> Option<Result<Instant, TimestampError>> {
    match value {
        crate::Input::String(text) => Some(parse(trim(text))),
        crate::Input::Date(millis) => Some(Instant::from_millis(*millis)),
        _ => None,
    }
}

/// Parses a trimmed timestamp: RFC 3339 with any offset (`T`, `t` or a space between date and
/// time), or a date alone meaning midnight UTC.
pub fn parse(text: &str) -> Result<Instant, TimestampError> {
    parse_with(text, false)
}

/// What a date and time without an offset means when read as UTC, missing seconds read as
/// `:00` (the `assume_utc` fix of SPEC section 8); other texts as [`parse`] reads them.
pub fn parse_as_utc(text: &str) -> Result<Instant, TimestampError> {
    parse_with(text, true)
}

fn parse_with(text: &str, assume_utc: bool) -> Result<Instant, TimestampError> {
    let mut cursor = Cursor {
        bytes: text.as_bytes(),
        at: 0,
    };
    let year = cursor.digits(4)?;
    cursor.expect(b'-')?;
    let month = cursor.digits(2)?;
    cursor.expect(b'-')?;
    let day = cursor.digits(2)?;
    let days = days_from_civil(i64::from(year), month, day).ok_or(TimestampError::Format)?;
    if cursor.done() {
        return within_range(Instant {
            seconds: days * 86_400,
            fraction: String::new(),
            leap: false,
        });
    }
    if !matches!(cursor.next(), Some(b'T' | b't' | b' ')) {
        return Err(TimestampError::Format);
    }
    let hour = cursor.digits(2)?;
    cursor.expect(b':')?;
    let minute = cursor.digits(2)?;
    let mut second = None;
    let mut fraction = String::new();
    if cursor.peek() == Some(b':') {
        cursor.at += 1;
        second = Some(cursor.digits(2)?);
        if cursor.peek() == Some(b'.') {
            cursor.at += 1;
            let digits = cursor.take_digits();
            if digits.is_empty() {
                return Err(TimestampError::Format);
            }
            fraction = fraction_digits(digits);
        }
    }
    if hour > 23 || minute > 59 || second.is_some_and(|s| s > 60) {
        return Err(TimestampError::Format);
    }
    let offset_seconds = match cursor.next() {
        None if assume_utc => {
            second = second.or(Some(0));
            0
        }
        None => return Err(TimestampError::MissingOffset),
        Some(b'Z' | b'z') => 0,
        Some(sign @ (b'+' | b'-')) => {
            let offset_hour = cursor.digits(2)?;
            cursor.expect(b':')?;
            let offset_minute = cursor.digits(2)?;
            if offset_hour > 23 || offset_minute > 59 {
                return Err(TimestampError::Format);
            }
            let magnitude = i64::from(offset_hour * 3600 + offset_minute * 60);
            if sign == b'-' {
                -magnitude
            } else {
                magnitude
            }
        }
        Some(_) => return Err(TimestampError::Format),
    };
    // RFC 3339 requires seconds; a time without them is only accepted as "missing offset"
    // above, so that a datetime-local value gets the precise reason.
    let second = second.ok_or(TimestampError::Format)?;
    if !cursor.done() {
        return Err(TimestampError::Format);
    }
    let local = days * 86_400 + i64::from(hour * 3600 + minute * 60 + second);
    within_range(Instant {
        seconds: local - offset_seconds,
        fraction,
        leap: second == 60,
    })
}

fn within_range(instant: Instant) -> Result<Instant, TimestampError> {
    if instant.seconds < FIRST_SECOND || instant.seconds >= END_SECOND {
        Err(TimestampError::OutOfRange)
    } else {
        Ok(instant)
    }
}

struct Cursor<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Cursor<'a> {
    #[inline(always)]
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    #[inline(always)]
    fn next(&mut self) -> Option<u8> {
        let byte = self.peek();
        if byte.is_some() {
            self.at += 1;
        }
        byte
    }

    #[inline(always)]
    fn done(&self) -> bool {
        self.at >= self.bytes.len()
    }

    #[inline(always)]
    fn expect(&mut self, wanted: u8) -> Result<(), TimestampError> {
        if self.next() == Some(wanted) {
            Ok(())
        } else {
            Err(TimestampError::Format)
        }
    }

    #[inline(always)]
    fn digits(&mut self, count: usize) -> Result<u32, TimestampError> {
        let mut value = 0u32;
        for _ in 0..count {
            match self.next() {
                Some(byte @ b'0'..=b'9') => value = value * 10 + u32::from(byte - b'0'),
                _ => return Err(TimestampError::Format),
            }
        }
        Ok(value)
    }

    fn take_digits(&mut self) -> &'a str {
        let start = self.at;
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.at += 1;
        }
        // Only ASCII digits were consumed, so the slice is valid UTF-8.
        core::str::from_utf8(self.bytes.get(start..self.at).unwrap_or_default()).unwrap_or_default()
    }
}

/// The day number counted from 1970-01-01 of a proleptic Gregorian date, if it is one
/// (Howard Hinnant's `days_from_civil`); by hand rather than chrono's, which keeps chrono's
/// calendar out of the wasm.
fn days_from_civil(year: i64, month: u32, day: u32) -> Option<i64> {
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let month_days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    if day == 0 || day > month_days {
        return None;
    }
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year.rem_euclid(400);
    let shifted_month = i64::from(if month > 2 { month - 3 } else { month + 9 });
    let day_of_year = (153 * shifted_month + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    Some(era * 146_097 + day_of_era - 719_468)
}

/// The proleptic Gregorian date of a day number counted from 1970-01-01 (Howard Hinnant's
/// `civil_from_days`).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// The current time (`ends_in_past` when no `now` is given); the epoch if the clock fails.
pub(crate) fn current_time() -> Instant {
    Instant::from_millis(now_millis()).unwrap_or(Instant {
        seconds: 0,
        fraction: String::new(),
        leap: false,
    })
}

#[cfg(not(target_arch = "wasm32"))]
fn now_millis() -> f64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|duration| duration.as_millis() as f64)
        .unwrap_or(0.0)
}

/// No clock in the wasm (std's panics on wasm32-unknown-unknown): the edge reads JS's
/// `Date.now()` onto the tape and gives it as `Options::now` (src/wasm.rs). Reached only when
/// that reading failed, which reads as the epoch, as a failed clock does natively.
#[cfg(target_arch = "wasm32")]
fn now_millis() -> f64 {
    0.0
}

/// The last two decimal digits of `value` (of its magnitude), as ASCII.
#[inline(always)]
fn two_digits(value: i64) -> [u8; 2] {
    [
        b'0' + (value / 10).rem_euclid(10) as u8,
        b'0' + value.rem_euclid(10) as u8,
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iso(text: &str) -> String {
        parse(text)
            .map(|instant| instant.to_iso())
            .unwrap_or_else(|error| format!("{error:?}"))
    }

    // chrono is a dependency of the native build only.
    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn days_from_civil_agrees_with_chrono_and_inverts_civil_from_days() {
        use chrono::{Datelike, NaiveDate};
        for year in [
            0i64, 1, 4, 99, 100, 400, 1600, 1900, 1969, 1970, 2000, 2024, 2026, 9999,
        ] {
            for month in 0..=13u32 {
                for day in 0..=32u32 {
                    let ours = days_from_civil(year, month, day);
                    let chrono = NaiveDate::from_ymd_opt(year as i32, month, day)
                        .map(|date| i64::from(date.num_days_from_ce()) - 719_163);
                    assert_eq!(ours, chrono, "{year}-{month}-{day}");
                    if let Some(days) = ours {
                        assert_eq!(civil_from_days(days), (year, month, day));
                    }
                }
            }
        }
    }

    #[test]
    fn accepted_forms_print_in_utc() {
        let table = [
            ("2026-01-01", "2026-01-01T00:00:00.000Z"),
            ("2026-01-01T05:00:00+05:00", "2026-01-01T00:00:00.000Z"),
            ("2026-04-01T02:00:00+02:00", "2026-04-01T00:00:00.000Z"),
            ("2026-01-01 00:00:00z", "2026-01-01T00:00:00.000Z"),
            ("2025-12-31t23:00:00-01:00", "2026-01-01T00:00:00.000Z"),
            ("2026-01-01T00:00:00.120Z", "2026-01-01T00:00:00.120Z"),
            ("0000-01-01T00:00:00Z", "0000-01-01T00:00:00.000Z"),
            ("9999-12-31T23:00:00Z", "9999-12-31T23:00:00.000Z"),
            ("2024-02-29T00:00:00Z", "2024-02-29T00:00:00.000Z"),
            ("1969-07-20T20:00:00Z", "1969-07-20T20:00:00.000Z"),
            ("2026-01-02T23:59:00+23:59", "2026-01-02T00:00:00.000Z"),
            ("2026-01-01T23:59:59Z", "2026-01-01T23:59:59.000Z"),
        ];
        for (text, expected) in table {
            assert_eq!(iso(text), expected, "{text}");
        }
    }

    #[test]
    fn refused_forms_say_why() {
        let table = [
            ("2026-01-01T00:00:00", TimestampError::MissingOffset),
            ("2026-01-01T09:00", TimestampError::MissingOffset),
            ("2026-01-01T09:00Z", TimestampError::Format),
            ("2026-02-30", TimestampError::Format),
            ("2025-02-29T00:00:00Z", TimestampError::Format),
            ("2026-01-01T24:00:00Z", TimestampError::Format),
            ("2026-01-01T10:60:00Z", TimestampError::Format),
            ("2026-01-01T10:00:61Z", TimestampError::Format),
            ("2026-01-01T10:00:00+24:00", TimestampError::Format),
            ("2026-01-01T10:00:00+00:60", TimestampError::Format),
            ("2026-01-01T00:00:00.Z", TimestampError::Format),
            ("2026-01-01T00:00:00+0100", TimestampError::Format),
            ("2026-1-01", TimestampError::Format),
            ("tomorrow", TimestampError::Format),
            ("0000-01-01T00:00:00+01:00", TimestampError::OutOfRange),
            ("9999-12-31T23:00:00-01:00", TimestampError::OutOfRange),
        ];
        for (text, expected) in table {
            assert_eq!(parse(text), Err(expected), "{text}");
        }
    }

    #[test]
    fn alignment_is_judged_digit_by_digit() {
        assert!(parse("2026-01-01T00:00:00.000Z").is_ok_and(|i| i.is_aligned(3600)));
        assert!(parse("2026-01-01T00:30:00+00:30").is_ok_and(|i| i.is_aligned(3600)));
        assert!(parse("2026-01-01T00:00:00.0000000001Z").is_ok_and(|i| !i.is_aligned(3600)));
        assert!(parse("2026-01-01T00:59:60Z").is_ok_and(|i| !i.is_aligned(3600)));
        assert!(parse("2026-01-01T00:00:60Z").is_ok_and(|i| !i.is_aligned(3600)));
    }

    #[test]
    fn fractions_compare_by_value() {
        let earlier = parse("2026-01-01T00:00:00.05Z");
        let later = parse("2026-01-01T00:00:00.5Z");
        assert!(matches!((earlier, later), (Ok(a), Ok(b)) if a < b));
    }

    #[test]
    fn millis_round_trip() {
        assert_eq!(
            Instant::from_millis(1_767_225_600_000.0).map(|i| i.to_iso()),
            Ok("2026-01-01T00:00:00.000Z".into())
        );
        assert_eq!(
            Instant::from_millis(-1.0).map(|i| i.to_iso()),
            Ok("1969-12-31T23:59:59.999Z".into())
        );
        assert_eq!(
            Instant::from_millis(f64::NAN),
            Err(TimestampError::OutOfRange)
        );
    }

    // chrono is a dependency of the native build only.
    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn a_date_reads_as_its_time_value_and_chrono_gets_every_digit() {
        assert_eq!(
            read(&crate::Input::Date(1_767_225_600_000.0)).map(|r| r.map(|i| i.to_iso())),
            Some(Ok("2026-01-01T00:00:00.000Z".into()))
        );
        for (text, nanos) in [
            ("2026-01-01T00:00:00Z", 0),
            ("2026-01-01T00:00:00.5Z", 500_000_000),
            ("2026-01-01T00:00:00.123456789Z", 123_456_789),
        ] {
            let datetime = parse(text).ok().and_then(|i| i.to_datetime());
            assert_eq!(
                datetime.map(|d| (d.timestamp(), d.timestamp_subsec_nanos())),
                Some((1_767_225_600, nanos)),
                "{text}"
            );
        }
    }

    #[test]
    #[cfg(not(target_arch = "wasm32"))]
    fn the_clock_reads_the_system_time() {
        // Later than 2026-01-01 and earlier than 2100-01-01, in milliseconds.
        let now = now_millis();
        assert!(
            now > 1_767_225_600_000.0 && now < 4_102_444_800_000.0,
            "{now}"
        );
    }

    #[test]
    fn millis_cover_years_0000_to_9999_and_no_more() {
        let first = FIRST_SECOND as f64 * 1000.0;
        let end = END_SECOND as f64 * 1000.0;
        assert_eq!(
            Instant::from_millis(first).map(|i| i.to_iso()),
            Ok("0000-01-01T00:00:00.000Z".into())
        );
        assert_eq!(
            Instant::from_millis(end - 1.0).map(|i| i.to_iso()),
            Ok("9999-12-31T23:59:59.999Z".into())
        );
        for outside in [first - 1.0, end, f64::INFINITY, f64::NEG_INFINITY] {
            assert_eq!(
                Instant::from_millis(outside),
                Err(TimestampError::OutOfRange),
                "{outside}"
            );
        }
    }
}
