//! Issues: the stable codes, their severities and the message catalog.

use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;
use std::collections::BTreeMap;

/// Whether an issue blocks the draft (`Error`) or only asks the user to look (`Warning`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The draft cannot be sent.
    Error,
    /// The draft can be sent, but the user should look.
    Warning,
}

macro_rules! codes {
    ($( $variant:ident = $code:literal, $severity:ident, $message:literal; )*) => {
        /// A stable issue code (SPEC section 3). Codes are API; messages are presentation.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code {
            $(
                #[doc = $message]
                $variant,
            )*
        }

        impl Code {
            /// Every code, errors first, in the order of SPEC section 3.
            pub const ALL: &'static [Code] = &[$(Code::$variant),*];

            /// The code as it appears in JSON, e.g. `"not_hour_aligned"`.
            pub fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $code),* }
            }

            /// Whether this code is an error or a warning.
            pub fn severity(self) -> Severity {
                match self { $(Code::$variant => Severity::$severity),* }
            }

            /// The default English message template, with `{param}` placeholders.
            pub fn default_message(self) -> &'static str {
                match self { $(Code::$variant => $message),* }
            }

            /// The code named `text`, if there is one.
            pub fn parse(text: &str) -> Option<Code> {
                match text { $($code => Some(Code::$variant),)* _ => None }
            }
        }
    };
}

codes! {
    InvalidJson = "invalid_json", Error, "The text is not valid JSON.";
    InvalidType = "invalid_type", Error, "Expected {expected}, received {received}.";
    Required = "required", Error, "This field is required.";
    UnknownField = "unknown_field", Error, "Unknown field.";
    InvalidUuid = "invalid_uuid", Error, "Enter a UUID, like 13117714-3f05-48e5-a6e9-a66093f13b4d.";
    InvalidTimestamp = "invalid_timestamp", Error, "Enter a date and time with a time zone, like 2026-01-01T00:00:00Z.";
    NotHourAligned = "not_hour_aligned", Error, "Must be on the hour: minutes and seconds zero in UTC.";
    InvalidRange = "invalid_range", Error, "Must be later than the start.";
    NotFinite = "not_finite", Error, "Must be a finite number.";
    NotPositive = "not_positive", Error, "Must be greater than 0.";
    Empty = "empty", Error, "Must not be empty.";
    TooLong = "too_long", Error, "Must be at most {max} characters.";
    TooMany = "too_many", Error, "Must have at most {max} entries.";
    InvalidEnum = "invalid_enum", Error, "Must be one of {allowed}.";
    Conflict = "conflict", Error, "Use either specifiers or {with}, not both.";
    EndsInPast = "ends_in_past", Warning, "This schedule item ends in the past.";
    OverlappingSchedule = "overlapping_schedule", Warning, "Overlaps the schedule item at index {with}.";
    FractionalCents = "fractional_cents", Warning, "USD amounts are in cents; this is not a whole number of cents.";
    NegativePriority = "negative_priority", Warning, "Priority is negative; lower priorities are consumed first.";
    NotUuid = "not_uuid", Warning, "This does not look like a contract id (a UUID).";
    DuplicateRemoved = "duplicate_removed", Warning, "Removed {count} repeated entries.";
}

impl Serialize for Code {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// The default message when a param changes what is worth saying; overrides stay per code.
fn default_template(code: Code, params: &Params) -> &'static str {
    match code {
        Code::UnknownField if params.get("suggestion").is_some() => {
            "Unknown field; did you mean {suggestion}?"
        }
        Code::InvalidTimestamp if is_text(params, "reason", "missing_offset") => {
            "Add a time zone, like Z or +02:00: a date and time without one is ambiguous."
        }
        Code::InvalidType
            if is_text(params, "expected", "number") && is_text(params, "received", "string") =>
        {
            "Enter a number, like 1000: digits with an optional decimal point, no commas or currency signs."
        }
        Code::TooLong if params.get("part").is_some() => {
            "The {part} must be at most {max} characters."
        }
        Code::DuplicateRemoved if params.get("count") == Some(&ParamValue::Number(1)) => {
            "Removed 1 repeated entry."
        }
        _ => code.default_message(),
    }
}

fn is_text(params: &Params, name: &str, wanted: &str) -> bool {
    matches!(params.get(name), Some(ParamValue::Text(text)) if text == wanted)
}

/// One segment of a path: an object key or an array index.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Segment {
    /// An object key, raw as given.
    Key(String),
    /// An array index, raw as given (before any entry is dropped).
    Index(usize),
}

/// A param value: the values a message was built from.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum ParamValue {
    /// A text param, such as `expected` or `suggestion`.
    Text(String),
    /// A numeric param, such as `max` or `count`.
    Number(u64),
}

impl std::fmt::Display for ParamValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ParamValue::Text(text) => f.write_str(text),
            ParamValue::Number(number) => write!(f, "{number}"),
        }
    }
}

impl From<&str> for ParamValue {
    fn from(text: &str) -> Self {
        ParamValue::Text(text.to_owned())
    }
}

impl From<String> for ParamValue {
    fn from(text: String) -> Self {
        ParamValue::Text(text)
    }
}

impl From<usize> for ParamValue {
    fn from(number: usize) -> Self {
        ParamValue::Number(number as u64)
    }
}

/// The params of an issue, in the order they were added.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Params(Vec<(&'static str, ParamValue)>);

impl Params {
    /// No params.
    pub fn new() -> Self {
        Params(Vec::new())
    }

    /// These params plus `name: value`.
    pub fn with(mut self, name: &'static str, value: impl Into<ParamValue>) -> Self {
        self.0.push((name, value.into()));
        self
    }

    /// The value of `name`, if given.
    pub fn get(&self, name: &str) -> Option<&ParamValue> {
        self.0
            .iter()
            .find(|(key, _)| *key == name)
            .map(|(_, value)| value)
    }

    /// Whether there are no params.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The params in the order they were added.
    pub fn iter(&self) -> impl Iterator<Item = (&'static str, &ParamValue)> {
        self.0.iter().map(|(key, value)| (*key, value))
    }
}

impl Serialize for Params {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (key, value) in &self.0 {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

/// One finding about a draft: `{code, severity, message, path, pointer, params?, related?}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Issue {
    /// The stable code.
    pub code: Code,
    /// Error or warning; follows from the code.
    pub severity: Severity,
    /// The message, from the catalog or the caller's override.
    pub message: String,
    /// Where the issue is, as key and index segments.
    pub path: Vec<Segment>,
    /// The same place as an RFC 6901 JSON Pointer (`""` for the whole body).
    pub pointer: String,
    /// The values the message was built from.
    #[serde(skip_serializing_if = "Params::is_empty")]
    pub params: Params,
    /// Pointers of the other fields a cross-field rule involves.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<String>,
}

impl Issue {
    /// `code@pointer`, the compact form the conformance fixtures use.
    pub fn key(&self) -> String {
        format!("{}@{}", self.code.as_str(), self.pointer)
    }

    /// Whether this issue belongs under `pointer`: its own pointer or one of its related
    /// pointers is `pointer` or below it. What a form shows under one input.
    pub fn concerns(&self, pointer: &str) -> bool {
        std::iter::once(&self.pointer)
            .chain(self.related.iter())
            .any(|own| is_at_or_below(own, pointer))
    }
}

fn is_at_or_below(own: &str, pointer: &str) -> bool {
    pointer.is_empty()
        || own == pointer
        || (own.starts_with(pointer) && own.as_bytes().get(pointer.len()) == Some(&b'/'))
}

/// The RFC 6901 pointer of a path.
pub fn pointer_of(path: &[Segment]) -> String {
    let mut pointer = String::new();
    for segment in path {
        pointer.push('/');
        match segment {
            Segment::Key(key) if key.contains(['~', '/']) => {
                pointer.push_str(&key.replace('~', "~0").replace('/', "~1"));
            }
            Segment::Key(key) => pointer.push_str(key),
            Segment::Index(index) => push_decimal(&mut pointer, *index as u64),
        }
    }
    pointer
}

/// Appends `number` in decimal, without `fmt` (pointers and messages are built on every
/// issue).
fn push_decimal(out: &mut String, number: u64) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut rest = number;
    loop {
        at -= 1;
        if let Some(slot) = digits.get_mut(at) {
            *slot = b'0' + (rest % 10) as u8;
        }
        rest /= 10;
        if rest == 0 || at == 0 {
            break;
        }
    }
    out.push_str(std::str::from_utf8(digits.get(at..).unwrap_or_default()).unwrap_or_default());
}

/// Fills `{param}` placeholders; a placeholder with no such param stays as written.
pub fn render(template: &str, params: &Params) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                match params.get(name) {
                    Some(ParamValue::Text(text)) => out.push_str(text),
                    Some(ParamValue::Number(number)) => push_decimal(&mut out, *number),
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// The message for `code` with `params`: the caller's template for that code if given,
/// otherwise the catalog's.
pub fn message(code: Code, params: &Params, overrides: &BTreeMap<String, String>) -> String {
    match overrides.get(code.as_str()) {
        Some(template) => render(template, params),
        None => render(default_template(code, params), params),
    }
}

/// One entry of the rule catalog: a code, its severity and its default message.
#[derive(Debug, Clone, Serialize)]
pub struct Rule {
    /// The stable code.
    pub code: Code,
    /// Error or warning.
    pub severity: Severity,
    /// The default English message template.
    pub message: &'static str,
}

/// Every rule, in the order of SPEC section 3.
pub fn catalog() -> Vec<Rule> {
    Code::ALL
        .iter()
        .map(|&code| Rule {
            code,
            severity: code.severity(),
            message: code.default_message(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn render_fills_known_params_and_keeps_unknown_placeholders() {
        let params = Params::new().with("max", 128usize);
        assert_eq!(
            render("at most {max} ({unit})", &params),
            "at most 128 ({unit})"
        );
        assert_eq!(render("open { brace", &params), "open { brace");
    }

    #[test]
    fn pointer_escapes_tilde_and_slash() {
        let path = vec![Segment::Key("a/b~c".into()), Segment::Index(3)];
        assert_eq!(pointer_of(&path), "/a~1b~0c/3");
    }

    #[test]
    fn concerns_matches_pointer_prefixes_on_segment_boundaries() {
        let issue = Issue {
            code: Code::InvalidRange,
            severity: Severity::Error,
            message: String::new(),
            path: vec![],
            pointer: "/access_schedule/schedule_items/10/ending_before".into(),
            params: Params::new(),
            related: vec!["/access_schedule/schedule_items/10/starting_at".into()],
        };
        assert!(issue.concerns("/access_schedule/schedule_items/10/starting_at"));
        assert!(issue.concerns("/access_schedule/schedule_items/10"));
        assert!(issue.concerns(""));
        assert!(!issue.concerns("/access_schedule/schedule_items/1"));
    }
}
