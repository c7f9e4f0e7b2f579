//! The single-field rules: pure functions from a value and the parameters its field's
//! [`Kind`](crate::schema::Kind) carries to the normalized value or a [`Finding`]. Walking
//! the draft (`walk`), collecting issues (`collect`) and the cross-field rules (`schedule`,
//! `targeting`) live apart; each rule's unit tests sit in its own file.

mod choice;
mod map;
mod number;
mod strings;
mod text;
mod timestamp;
mod uuid;

pub(crate) use choice::one_of;
pub(crate) use map::map_entry;
pub(crate) use number::{number, parse_number_input};
pub(crate) use strings::{first_of_each, string_entry};
pub(crate) use text::text;
pub(crate) use timestamp::timestamp;
pub use uuid::is_uuid;
pub(crate) use uuid::{lowercase_uuid, uuid};

use crate::input::Received;
use crate::issue::{Code, ParamValue, Params};

/// What a rule found: a code and the params its message is built from.
#[derive(Debug, PartialEq)]
pub(crate) struct Finding {
    pub(crate) code: Code,
    pub(crate) params: Params,
}

impl Finding {
    /// A finding with no params.
    pub(crate) fn new(code: Code) -> Self {
        Finding {
            code,
            params: Params::new(),
        }
    }

    /// This finding with one more param.
    #[inline(always)]
    pub(crate) fn with(self, name: &'static str, value: impl Into<ParamValue>) -> Self {
        self.with_value(name, value.into())
    }

    // One body for every type of param (`with` is generic: its copies would add up).
    fn with_value(mut self, name: &'static str, value: ParamValue) -> Self {
        self.params = self.params.with(name, value);
        self
    }

    /// `invalid_type`: `expected` was wanted, a `received` was given.
    pub(crate) fn invalid_type(expected: &'static str, received: Received) -> Self {
        Finding::new(Code::InvalidType)
            .with("expected", expected)
            .with("received", received.as_str())
    }
}

/// A rule's verdict on one value.
#[derive(Debug, PartialEq)]
pub(crate) enum Verdict<T> {
    /// A value to keep, with a finding that does not take it away (a warning, or an error
    /// such as `not_hour_aligned` that the cross-field rules still read past).
    Valid(T, Option<Finding>),
    /// No value: what is wrong instead.
    Invalid(Finding),
}

impl<T> From<Result<T, Finding>> for Verdict<T> {
    fn from(result: Result<T, Finding>) -> Self {
        match result {
            Ok(value) => Verdict::Valid(value, None),
            Err(finding) => Verdict::Invalid(finding),
        }
    }
}
