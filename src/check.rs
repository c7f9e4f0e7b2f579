//! The walk: checks a draft read along the schema, collects every issue, and builds the
//! normalized value. Field rules dispatch on [`Kind`]; the few cross-field rules (schedule,
//! targeting) look fields up by name in the checked result.

use crate::decimal;
use crate::input::{Input, Received};
#[cfg(not(target_arch = "wasm32"))]
use crate::issue;
use crate::issue::{pointer_of, Code, Issue, Params, Segment, Severity};
use crate::prelude::*;
use crate::repeats;
use crate::schema::{
    self, Entry, Field, Kind, NumberRule, BODY, MAX_ENTRIES, USD_CENTS_CREDIT_TYPE_ID,
};
use crate::sort;
use crate::time::{self, Instant};
use crate::Options;
#[cfg(not(target_arch = "wasm32"))]
use crate::Report;
#[cfg(not(target_arch = "wasm32"))]
use serde_json::{Map, Value};

/// What checking one field gave.
#[derive(Debug)]
enum Outcome<'i> {
    /// Not given (absent, `undefined`, `null`, blank, or empty after normalization).
    Absent,
    /// Given, in error, with nothing to output.
    Invalid,
    /// Given and readable; the field may still carry an error (a timestamp off the hour).
    Valid(Norm<'i>),
}

/// A normalized value, typed for the cross-field rules; text is borrowed from the input
/// unless normalization changed it.
#[derive(Debug)]
enum Norm<'i> {
    Text(Cow<'i, str>),
    Number(f64),
    Time(Instant),
    Strings(Vec<Cow<'i, str>>),
    Map(Vec<(&'i str, &'i str)>),
    Object(Checked<'i>),
    /// Object entries of an array, with their raw index.
    Objects(Vec<(usize, Checked<'i>)>),
}

/// One object checked against its table: one slot per field, in table order.
#[derive(Debug)]
struct Checked<'i> {
    /// The table, for writing keys by their place in it (the wasm edge).
    #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
    fields: &'static [Field],
    slots: Vec<Slot<'i>>,
}

#[derive(Debug)]
struct Slot<'i> {
    name: &'static str,
    outcome: Outcome<'i>,
    /// Whether any error was reported at or below this field.
    errors: bool,
}

impl<'i> Checked<'i> {
    fn slot(&self, name: &str) -> Option<&Slot<'i>> {
        self.slots.iter().find(|slot| slot.name == name)
    }

    fn valid(&self, name: &str) -> Option<&Norm<'i>> {
        match self.slot(name) {
            Some(Slot {
                outcome: Outcome::Valid(norm),
                ..
            }) => Some(norm),
            _ => None,
        }
    }

    fn is_absent(&self, name: &str) -> bool {
        matches!(
            self.slot(name),
            Some(Slot {
                outcome: Outcome::Absent,
                ..
            })
        )
    }
}

/// An issue with its place in the stable order: table positions, indexes and input order.
struct Ranked {
    rank: Vec<u32>,
    /// The order of reporting, which decides between equal ranks.
    order: usize,
    issue: Issue,
}

/// One step of the walk's current place: keys are borrowed (table names or input keys) and
/// become [`Segment`]s only when an issue is reported.
#[derive(Clone, Copy)]
enum Step<'i> {
    Key(&'i str),
    Index(usize),
}

struct Walk<'i, 'o> {
    options: &'o Options,
    issues: Vec<Ranked>,
    errors: usize,
    path: Vec<Step<'i>>,
    rank: Vec<u32>,
}

/// A checked draft: its issues in the stable order and, when it has no errors, its
/// normalized body, still borrowing the input. It becomes a [`Report`], or at the wasm edge
/// is written straight to JS without a `serde_json::Value` in between.
pub(crate) struct Validated<'i> {
    pub(crate) errors: Vec<Issue>,
    pub(crate) warnings: Vec<Issue>,
    body: Option<Checked<'i>>,
}

impl Validated<'_> {
    /// No errors (warnings allowed).
    #[cfg(target_arch = "wasm32")]
    pub(crate) fn valid(&self) -> bool {
        self.errors.is_empty()
    }

    /// The report of the Rust API, with the normalized body as a JSON value.
    #[cfg(not(target_arch = "wasm32"))]
    pub(crate) fn into_report(self) -> Report {
        Report {
            valid: self.errors.is_empty(),
            value: self
                .body
                .as_ref()
                .map(|body| Value::Object(object_value(body))),
            errors: self.errors,
            warnings: self.warnings,
        }
    }

    /// Writes the normalized body, if there is one, to `out`.
    #[cfg(target_arch = "wasm32")]
    pub(crate) fn emit_value<E: Emit>(&self, out: &mut E) {
        if let Some(body) = &self.body {
            emit_object(body, out);
        }
    }
}

/// A writer of normalized values, in prefix order (a container's length before its entries).
#[cfg(target_arch = "wasm32")]
pub(crate) trait Emit {
    /// A string.
    fn text(&mut self, text: &str);
    /// A number.
    fn number(&mut self, number: f64);
    /// An array of `len` entries follows.
    fn array(&mut self, len: usize);
    /// An object of a table with `len` entries follows, each a [`Emit::field`] then a value.
    fn object(&mut self, len: usize);
    /// A string map of `len` entries follows, each a [`Emit::key`] then a value.
    fn map(&mut self, len: usize);
    /// The key of entry `index` of the table `fields`.
    fn field(&mut self, fields: &'static [Field], index: usize);
    /// A key of a string map.
    fn key(&mut self, key: &str);
}

#[cfg(target_arch = "wasm32")]
fn emit_object<E: Emit>(checked: &Checked<'_>, out: &mut E) {
    let given = |slot: &&Slot<'_>| matches!(slot.outcome, Outcome::Valid(_));
    out.object(checked.slots.iter().filter(given).count());
    for (index, slot) in checked.slots.iter().enumerate() {
        if let Outcome::Valid(norm) = &slot.outcome {
            out.field(checked.fields, index);
            emit_norm(norm, out);
        }
    }
}

#[cfg(target_arch = "wasm32")]
fn emit_norm<E: Emit>(norm: &Norm<'_>, out: &mut E) {
    match norm {
        Norm::Text(text) => out.text(text),
        Norm::Number(number) => out.number(*number),
        Norm::Time(instant) => {
            let iso = instant.iso_bytes();
            out.text(core::str::from_utf8(&iso).unwrap_or_default());
        }
        Norm::Strings(entries) => {
            out.array(entries.len());
            for entry in entries {
                out.text(entry);
            }
        }
        Norm::Map(entries) => {
            out.map(entries.len());
            for (key, value) in entries {
                out.key(key);
                out.text(value);
            }
        }
        Norm::Object(checked) => emit_object(checked, out),
        Norm::Objects(entries) => {
            out.array(entries.len());
            for (_, checked) in entries {
                emit_object(checked, out);
            }
        }
    }
}

/// Validates a draft read along the schema.
pub(crate) fn validate_input<'i>(input: &'i Input<'_>, options: &Options) -> Validated<'i> {
    let mut walk = Walk::new(options);
    let body = match input {
        Input::Object(entries) => Some(walk.check_object(BODY, entries)),
        other => {
            walk.wrong_container(other, "object");
            None
        }
    };
    if let Some(body) = &body {
        walk.schedule_rules(body);
        walk.targeting_rules(body);
    }
    walk.finish(body)
}

/// A result with one issue about the whole body (for input that is not a draft at all).
pub(crate) fn whole_body_error(
    code: Code,
    params: Params,
    options: &Options,
) -> Validated<'static> {
    let mut walk = Walk::new(options);
    walk.report(code, params, Vec::new());
    walk.finish(None)
}

/// The most fields a table has (the body's 15, with room to grow); a test keeps it so.
const MAX_FIELDS: usize = 24;

fn rank_index(index: usize) -> u32 {
    u32::try_from(index).unwrap_or(u32::MAX)
}

impl<'i, 'o> Walk<'i, 'o> {
    fn new(options: &'o Options) -> Self {
        Walk {
            options,
            issues: Vec::new(),
            errors: 0,
            path: Vec::with_capacity(8),
            rank: Vec::with_capacity(8),
        }
    }

    /// Runs `check` one level down, at `segment` ranked `rank`.
    fn at<R>(&mut self, step: Step<'i>, rank: usize, check: impl FnOnce(&mut Self) -> R) -> R {
        self.path.push(step);
        self.rank.push(rank_index(rank));
        let result = check(self);
        self.path.pop();
        self.rank.pop();
        result
    }

    fn report(&mut self, code: Code, params: Params, related: Vec<String>) {
        self.report_as(code, code.severity(), params, related);
    }

    fn report_as(&mut self, code: Code, severity: Severity, params: Params, related: Vec<String>) {
        let rank = self.rank.clone();
        let path = self
            .path
            .iter()
            .map(|step| match step {
                Step::Key(key) => Segment::Key((*key).to_owned()),
                Step::Index(index) => Segment::Index(*index),
            })
            .collect();
        self.push(rank, path, code, severity, params, related);
    }

    /// Reports at a place named by a path of known keys and indexes (cross-field rules).
    fn report_at(&mut self, path: Vec<Segment>, code: Code, params: Params, related: Vec<String>) {
        let rank = rank_of(&path);
        self.push(rank, path, code, code.severity(), params, related);
    }

    fn push(
        &mut self,
        rank: Vec<u32>,
        path: Vec<Segment>,
        code: Code,
        severity: Severity,
        params: Params,
        related: Vec<String>,
    ) {
        if severity == Severity::Error {
            self.errors += 1;
        }
        // The wasm leaves messages to js/edge.js, which renders them from the same catalog.
        #[cfg(not(target_arch = "wasm32"))]
        let message = issue::message(code, &params, &self.options.messages);
        #[cfg(target_arch = "wasm32")]
        let message = String::new();
        let issue = Issue {
            code,
            severity,
            message,
            pointer: pointer_of(&path),
            path,
            params,
            related,
        };
        let order = self.issues.len();
        self.issues.push(Ranked { rank, order, issue });
    }

    fn invalid_type(&mut self, expected: &str, received: Received) -> Outcome<'i> {
        self.report(
            Code::InvalidType,
            Params::new()
                .with("expected", expected)
                .with("received", received.as_str()),
            Vec::new(),
        );
        Outcome::Invalid
    }

    /// The issue for a value that is not the array or object expected: `too_many` when it is
    /// one with too many entries, `invalid_type` otherwise.
    fn wrong_container(&mut self, value: &Input<'_>, expected: &str) -> Outcome<'i> {
        match value {
            Input::TooMany { .. } => {
                self.report(
                    Code::TooMany,
                    Params::new().with("max", MAX_ENTRIES),
                    Vec::new(),
                );
                Outcome::Invalid
            }
            other => self.invalid_type(expected, other.received()),
        }
    }

    fn finish(self, body: Option<Checked<'i>>) -> Validated<'i> {
        let ranked = sort::sort_by(self.issues, &mut |a, b| {
            a.rank.cmp(&b.rank).then(a.order.cmp(&b.order))
        });
        let (errors, warnings): (Vec<Issue>, Vec<Issue>) = ranked
            .into_iter()
            .map(|ranked| ranked.issue)
            .partition(|issue| issue.severity == Severity::Error);
        let body = body.filter(|_| errors.is_empty());
        Validated {
            errors,
            warnings,
            body,
        }
    }

    fn check_object(
        &mut self,
        fields: &'static [Field],
        entries: &'i [(Cow<'_, str>, Input<'_>)],
    ) -> Checked<'i> {
        // Each key is looked up in the table once: the value of every field, and which
        // entries are unknown. Tables have at most MAX_FIELDS fields.
        let mut given: [Option<&'i Input<'_>>; MAX_FIELDS] = [None; MAX_FIELDS];
        let mut unknown = false;
        for (key, value) in entries {
            match schema::position(fields, key).and_then(|at| given.get_mut(at)) {
                Some(slot) => {
                    slot.get_or_insert(value);
                }
                None => unknown = true,
            }
        }
        let mut slots = Vec::with_capacity(fields.len());
        for (position, field) in fields.iter().enumerate() {
            let value = given.get(position).copied().flatten();
            let before = self.errors;
            let outcome = self.at(Step::Key(field.name), position, |walk| {
                walk.check_field(field, value)
            });
            slots.push(Slot {
                name: field.name,
                outcome,
                errors: self.errors > before,
            });
        }
        for (order, (key, value)) in entries.iter().enumerate().filter(|_| unknown) {
            if schema::position(fields, key).is_some() || matches!(value, Input::Undefined) {
                continue;
            }
            let severity = if self.options.allow_unknown_fields {
                Severity::Warning
            } else {
                Severity::Error
            };
            let params = match schema::suggestion(fields, key) {
                Some(known) => Params::new().with("suggestion", known),
                None => Params::new(),
            };
            self.at(Step::Key(key), fields.len() + order, |walk| {
                walk.report_as(Code::UnknownField, severity, params, Vec::new())
            });
        }
        Checked { fields, slots }
    }

    fn check_field(&mut self, field: &'static Field, value: Option<&'i Input<'_>>) -> Outcome<'i> {
        let value = match value {
            Some(value) if !is_blank(value) => value,
            _ => {
                if field.required {
                    self.report(Code::Required, Params::new(), Vec::new());
                }
                return Outcome::Absent;
            }
        };
        match &field.kind {
            Kind::Uuid => match value {
                Input::String(text) => self.uuid(trim(text)),
                other => self.invalid_type("string", other.received()),
            },
            Kind::Text { max } => match value {
                Input::String(text) => self.text(trim(text), *max, None),
                other => self.invalid_type("string", other.received()),
            },
            Kind::Enum(allowed) => match value {
                Input::String(text) => self.one_of(trim(text), allowed),
                other => self.invalid_type("string", other.received()),
            },
            Kind::Number(rule) => self.number(value, *rule),
            Kind::Timestamp => self.timestamp(value),
            Kind::Object(fields) => match value {
                Input::Object(entries) => {
                    Outcome::Valid(Norm::Object(self.check_object(fields, entries)))
                }
                other => self.wrong_container(other, "object"),
            },
            Kind::Objects(fields) => match value {
                Input::Array(entries) => self.objects(fields, entries, field.required),
                other => self.wrong_container(other, "array"),
            },
            Kind::Strings(entry) => match value {
                Input::Array(entries) => self.strings(entries, *entry),
                other => self.wrong_container(other, "array"),
            },
            Kind::Map { key_max, value_max } => match value {
                Input::Object(entries) => self.map(entries, *key_max, *value_max),
                other => self.wrong_container(other, "object"),
            },
        }
    }

    fn uuid(&mut self, text: &'i str) -> Outcome<'i> {
        if is_uuid(text) {
            Outcome::Valid(Norm::Text(ascii_lowercase(text)))
        } else {
            self.report(Code::InvalidUuid, Params::new(), Vec::new());
            Outcome::Invalid
        }
    }

    fn text(&mut self, text: &'i str, max: Option<usize>, part: Option<&str>) -> Outcome<'i> {
        match max {
            Some(max) if text.chars().count() > max => {
                let mut params = Params::new().with("max", max);
                if let Some(part) = part {
                    params = params.with("part", part);
                }
                self.report(Code::TooLong, params, Vec::new());
                Outcome::Invalid
            }
            _ => Outcome::Valid(Norm::Text(Cow::Borrowed(text))),
        }
    }

    fn one_of(&mut self, text: &str, allowed: &[&'static str]) -> Outcome<'i> {
        if let Some(value) = allowed
            .iter()
            .find(|value| value.eq_ignore_ascii_case(text))
        {
            Outcome::Valid(Norm::Text(Cow::Borrowed(value)))
        } else {
            self.report(
                Code::InvalidEnum,
                Params::new().with("allowed", allowed.join(", ")),
                Vec::new(),
            );
            Outcome::Invalid
        }
    }

    fn number(&mut self, value: &Input<'_>, rule: NumberRule) -> Outcome<'i> {
        let number = match value {
            Input::Number(number) => *number,
            Input::String(text) => match parse_number_input(trim(text)) {
                Some(number) => number,
                None => return self.invalid_type("number", Received::String),
            },
            other => return self.invalid_type("number", other.received()),
        };
        if !number.is_finite() {
            self.report(Code::NotFinite, Params::new(), Vec::new());
            return Outcome::Invalid;
        }
        // -0 becomes 0 (adding 0.0 maps -0.0 to +0.0 and leaves every other number alone).
        let number = number + 0.0;
        match rule {
            NumberRule::Priority if number < 0.0 => {
                self.report(Code::NegativePriority, Params::new(), Vec::new());
            }
            NumberRule::Amount if number <= 0.0 => {
                self.report(Code::NotPositive, Params::new(), Vec::new());
                return Outcome::Invalid;
            }
            NumberRule::Priority | NumberRule::Amount => {}
        }
        Outcome::Valid(Norm::Number(number))
    }

    fn timestamp(&mut self, value: &Input<'_>) -> Outcome<'i> {
        let Some(parsed) = time::read(value) else {
            return self.invalid_type("timestamp", value.received());
        };
        match parsed {
            Ok(instant) => {
                if !instant.is_hour_aligned() {
                    self.report(Code::NotHourAligned, Params::new(), Vec::new());
                }
                Outcome::Valid(Norm::Time(instant))
            }
            Err(error) => {
                self.report(
                    Code::InvalidTimestamp,
                    Params::new().with("reason", error.reason()),
                    Vec::new(),
                );
                Outcome::Invalid
            }
        }
    }

    fn objects(
        &mut self,
        fields: &'static [Field],
        entries: &'i [Input<'_>],
        required: bool,
    ) -> Outcome<'i> {
        if entries.is_empty() {
            if required {
                self.report(Code::Empty, Params::new(), Vec::new());
                return Outcome::Invalid;
            }
            return Outcome::Absent;
        }
        let mut checked = Vec::with_capacity(entries.len());
        for (index, entry) in entries.iter().enumerate() {
            self.at(Step::Index(index), index, |walk| match entry {
                Input::Object(members) => {
                    let object = walk.check_object(fields, members);
                    // An object with no required field must still say something (a specifier).
                    let says_nothing = fields.iter().all(|field| !field.required)
                        && fields.iter().all(|field| object.is_absent(field.name));
                    if says_nothing {
                        walk.report(Code::Empty, Params::new(), Vec::new());
                    }
                    checked.push((index, object));
                }
                other => {
                    walk.wrong_container(other, "object");
                }
            });
        }
        Outcome::Valid(Norm::Objects(checked))
    }

    fn strings(&mut self, entries: &'i [Input<'_>], rule: Entry) -> Outcome<'i> {
        let errors_before = self.errors;
        let mut kept: Vec<Cow<'i, str>> = Vec::new();
        for (index, entry) in entries.iter().enumerate() {
            let text = match entry {
                Input::String(text) if trim(text).is_empty() => continue,
                Input::String(text) => trim(text),
                other => {
                    self.at(Step::Index(index), index, |walk| {
                        walk.invalid_type("string", other.received())
                    });
                    continue;
                }
            };
            let normalized = match rule {
                Entry::Tag => Cow::Borrowed(text),
                Entry::Uuid if is_uuid(text) => ascii_lowercase(text),
                Entry::Uuid => {
                    self.at(Step::Index(index), index, |walk| {
                        walk.report(Code::InvalidUuid, Params::new(), Vec::new())
                    });
                    continue;
                }
                Entry::ContractId if is_uuid(text) => ascii_lowercase(text),
                Entry::ContractId => {
                    self.at(Step::Index(index), index, |walk| {
                        walk.report(Code::NotUuid, Params::new(), Vec::new())
                    });
                    Cow::Borrowed(text)
                }
            };
            kept.push(normalized);
        }
        let (kept, repeated) = first_of_each(kept, &|entry| entry);
        self.duplicates_removed(repeated);
        match (kept.is_empty(), self.errors > errors_before) {
            // Entries in error still make the field given (a specifier is then not empty).
            (true, true) => Outcome::Invalid,
            (true, false) => Outcome::Absent,
            (false, _) => Outcome::Valid(Norm::Strings(kept)),
        }
    }

    fn map(
        &mut self,
        entries: &'i [(Cow<'_, str>, Input<'_>)],
        key_max: Option<usize>,
        value_max: Option<usize>,
    ) -> Outcome<'i> {
        let errors_before = self.errors;
        let mut kept: Vec<(&'i str, &'i str)> = Vec::new();

        for (order, (raw_key, value)) in entries.iter().enumerate() {
            let text = match value {
                Input::Undefined | Input::Null => continue,
                Input::String(text) if trim(text).is_empty() => continue,
                Input::String(text) => trim(text),
                other => {
                    self.at(Step::Key(raw_key), order, |walk| {
                        walk.invalid_type("string", other.received())
                    });
                    continue;
                }
            };
            let key = trim(raw_key);
            let entry_ok = self.at(Step::Key(raw_key), order, |walk| {
                if key.is_empty() {
                    walk.report(Code::Required, Params::new(), Vec::new());
                    return false;
                }
                let key_ok = matches!(walk.text(key, key_max, Some("key")), Outcome::Valid(_));
                let value_ok =
                    matches!(walk.text(text, value_max, Some("value")), Outcome::Valid(_));
                key_ok && value_ok
            });
            if !entry_ok {
                continue;
            }
            kept.push((key, text));
        }
        let (kept, repeated) = first_of_each(kept, &|(key, _)| key);
        self.duplicates_removed(repeated);
        match (kept.is_empty(), self.errors > errors_before) {
            (true, true) => Outcome::Invalid,
            (true, false) => Outcome::Absent,
            (false, _) => {
                let kept = sort::sort_by(kept, &mut |(a, _), (b, _)| a.cmp(b));
                Outcome::Valid(Norm::Map(kept))
            }
        }
    }

    fn duplicates_removed(&mut self, count: usize) {
        if count > 0 {
            self.report(
                Code::DuplicateRemoved,
                Params::new().with("count", count),
                Vec::new(),
            );
        }
    }

    /// `invalid_range`, `ends_in_past`, `overlapping_schedule` and `fractional_cents`.
    fn schedule_rules(&mut self, body: &Checked<'_>) {
        let Some(Norm::Object(schedule)) = body.valid("access_schedule") else {
            return;
        };
        let usd = match schedule.slot("credit_type_id") {
            Some(Slot {
                outcome: Outcome::Absent,
                ..
            }) => Some(true),
            Some(Slot {
                outcome: Outcome::Valid(Norm::Text(id)),
                errors: false,
                ..
            }) => Some(id == USD_CENTS_CREDIT_TYPE_ID),
            _ => None,
        };
        let Some(Norm::Objects(items)) = schedule.valid("schedule_items") else {
            return;
        };
        let now = self.now();
        let mut intervals: Vec<(usize, &Instant, &Instant)> = Vec::new();
        for (index, item) in items {
            let at = |field: &str| item_path(*index, field);
            if let (Some(Norm::Number(amount)), Some(true)) = (item.valid("amount"), usd) {
                if !is_whole(*amount) {
                    self.report_at(
                        at("amount"),
                        Code::FractionalCents,
                        Params::new(),
                        Vec::new(),
                    );
                }
            }
            let start = match item.valid("starting_at") {
                Some(Norm::Time(start)) => Some(start),
                _ => None,
            };
            let Some(Norm::Time(end)) = item.valid("ending_before") else {
                continue;
            };
            let mut in_range = true;
            if let Some(start) = start {
                if end <= start {
                    in_range = false;
                    let related = vec![pointer_of(&at("starting_at"))];
                    self.report_at(
                        at("ending_before"),
                        Code::InvalidRange,
                        Params::new(),
                        related,
                    );
                }
            }
            if *end <= now {
                self.report_at(
                    at("ending_before"),
                    Code::EndsInPast,
                    Params::new(),
                    Vec::new(),
                );
            }
            if let (Some(start), true) = (start, in_range) {
                intervals.push((*index, start, end));
            }
        }
        // One sweep in start order (equal starts: index order): an item overlaps an earlier
        // one exactly when the latest end so far is after its start; that item is `with`.
        let intervals = sort::sort_by(intervals, &mut |a, b| a.1.cmp(b.1).then(a.0.cmp(&b.0)));
        let mut latest: Option<(usize, &Instant)> = None;
        for &(index, start, end) in &intervals {
            if let Some((other, other_end)) = latest {
                if other_end > start {
                    self.report_at(
                        item_path(index, "starting_at"),
                        Code::OverlappingSchedule,
                        Params::new().with("with", other),
                        vec![pointer_of(&item(other))],
                    );
                }
            }
            if latest.is_none_or(|(_, latest_end)| end > latest_end) {
                latest = Some((index, end));
            }
        }
    }

    /// `conflict`: specifiers together with applicable product ids or tags.
    fn targeting_rules(&mut self, body: &Checked<'_>) {
        let participates = |name: &str| {
            matches!(
                body.slot(name),
                Some(Slot {
                    outcome: Outcome::Valid(_),
                    errors: false,
                    ..
                })
            )
        };
        if !participates("specifiers") {
            return;
        }
        let with: Vec<&str> = ["applicable_product_ids", "applicable_product_tags"]
            .into_iter()
            .filter(|name| participates(name))
            .collect();
        if with.is_empty() {
            return;
        }
        let related = with
            .iter()
            .map(|name| pointer_of(&[Segment::Key((*name).to_owned())]))
            .collect();
        self.report_at(
            vec![Segment::Key("specifiers".into())],
            Code::Conflict,
            Params::new().with("with", with.join(", ")),
            related,
        );
    }

    fn now(&self) -> Instant {
        match &self.options.now {
            Some(now) => Instant::from_datetime(now),
            None => current_time(),
        }
    }
}

fn current_time() -> Instant {
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

#[cfg(target_arch = "wasm32")]
fn now_millis() -> f64 {
    // std's clock panics on wasm32-unknown-unknown; the browser's is the one to ask.
    js_sys::Date::now()
}

/// The path of `field` of schedule item `index`.
fn item_path(index: usize, field: &str) -> Vec<Segment> {
    let mut path = item(index);
    path.push(Segment::Key(field.into()));
    path
}

/// The path of schedule item `index`.
fn item(index: usize) -> Vec<Segment> {
    vec![
        Segment::Key("access_schedule".into()),
        Segment::Key("schedule_items".into()),
        Segment::Index(index),
    ]
}

/// The stable-order rank of a path made of known keys and indexes.
fn rank_of(path: &[Segment]) -> Vec<u32> {
    let mut fields: &[Field] = BODY;
    let mut rank = Vec::with_capacity(path.len());
    for segment in path {
        match segment {
            Segment::Index(index) => rank.push(rank_index(*index)),
            Segment::Key(key) => {
                let position = schema::position(fields, key).unwrap_or(fields.len());
                rank.push(rank_index(position));
                fields = match fields.get(position).map(|field| &field.kind) {
                    Some(Kind::Object(inner) | Kind::Objects(inner)) => inner,
                    _ => &[],
                };
            }
        }
    }
    rank
}

/// `undefined`, `null` and blank strings mean "not given", whatever the field's type.
#[inline(always)]
fn is_blank(value: &Input<'_>) -> bool {
    match value {
        Input::Undefined | Input::Null => true,
        Input::String(text) => trim(text).is_empty(),
        _ => false,
    }
}

/// The first of each group of equal entries, in input order, and how many were dropped.
fn first_of_each<T>(entries: Vec<T>, key: &dyn Fn(&T) -> &str) -> (Vec<T>, usize) {
    let total = entries.len();
    let keys: Vec<&str> = entries.iter().map(key).collect();
    let first = repeats::first_equal(&keys);
    drop(keys);
    let kept: Vec<T> = entries
        .into_iter()
        .zip(first.iter().enumerate())
        .filter(|(_, (at, first))| at == *first)
        .map(|(entry, _)| entry)
        .collect();
    let count = total - kept.len();
    (kept, count)
}

/// Lowercases ASCII letters, copying only when there is one to change.
#[inline(always)]
fn ascii_lowercase(text: &str) -> Cow<'_, str> {
    if text.bytes().any(|byte| byte.is_ascii_uppercase()) {
        Cow::Owned(text.to_ascii_lowercase())
    } else {
        Cow::Borrowed(text)
    }
}

/// `8-4-4-4-12` hexadecimal digits, any letter case.
#[inline(always)]
pub(crate) fn is_uuid(text: &str) -> bool {
    // A plain loop: at opt-level "z" a closure per byte stays a call.
    let bytes = text.as_bytes();
    if bytes.len() != 36 {
        return false;
    }
    for (at, &byte) in bytes.iter().enumerate() {
        let fits = match at {
            8 | 13 | 18 | 23 => byte == b'-',
            _ => byte.is_ascii_hexdigit(),
        };
        if !fits {
            return false;
        }
    }
    true
}

/// An HTML "valid floating-point number" (what number inputs give), parsed; `None` otherwise.
fn parse_number_input(text: &str) -> Option<f64> {
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

#[cfg(not(target_arch = "wasm32"))]
fn object_value(checked: &Checked<'_>) -> Map<String, Value> {
    let mut object = Map::new();
    for slot in &checked.slots {
        if let Outcome::Valid(norm) = &slot.outcome {
            object.insert(slot.name.to_owned(), norm_value(norm));
        }
    }
    object
}

#[cfg(not(target_arch = "wasm32"))]
fn norm_value(norm: &Norm<'_>) -> Value {
    match norm {
        Norm::Text(text) => Value::String(text.to_string()),
        Norm::Number(number) => number_value(*number),
        Norm::Time(instant) => Value::String(instant.to_iso()),
        Norm::Strings(entries) => Value::Array(
            entries
                .iter()
                .map(|entry| Value::String(entry.to_string()))
                .collect(),
        ),
        Norm::Map(entries) => Value::Object(
            entries
                .iter()
                .map(|(key, value)| ((*key).to_owned(), Value::String((*value).to_owned())))
                .collect(),
        ),
        Norm::Object(checked) => Value::Object(object_value(checked)),
        Norm::Objects(entries) => Value::Array(
            entries
                .iter()
                .map(|(_, checked)| Value::Object(object_value(checked)))
                .collect(),
        ),
    }
}

#[cfg(not(target_arch = "wasm32"))]
/// A whole number is written without a fraction (`1000`, never `1000.0`).
fn number_value(number: f64) -> Value {
    const SAFE: f64 = 9_007_199_254_740_992.0;
    if number.fract() == 0.0 && number.abs() < SAFE {
        Value::from(number as i64)
    } else {
        serde_json::Number::from_f64(number).map_or(Value::Null, Value::Number)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn uuids_are_8_4_4_4_12_hex() {
        assert!(is_uuid("13117714-3F05-48e5-a6e9-a66093f13b4d"));
        assert!(!is_uuid("13117714-3f05-48e5-a6e9-a66093f13b4"));
        assert!(!is_uuid("13117714x3f05-48e5-a6e9-a66093f13b4d"));
        assert!(!is_uuid("g3117714-3f05-48e5-a6e9-a66093f13b4d"));
    }

    #[test]
    #[cfg(not(target_arch = "wasm32"))]
    fn whole_numbers_have_no_fraction_in_text() {
        assert_eq!(number_value(1000.0).to_string(), "1000");
        assert_eq!(number_value(12.5).to_string(), "12.5");
        assert_eq!(number_value(-0.0 + 0.0).to_string(), "0");
        assert_eq!(number_value(1e300).to_string(), "1e+300");
    }

    #[test]
    fn first_of_each_keeps_first_seen_order_below_and_above_the_switch_to_a_table() {
        for size in [5usize, 40, 3000] {
            let texts: Vec<String> = (0..size).map(|n| n.to_string()).collect();
            let values: Vec<&str> = (0..size)
                .chain(0..size)
                .chain([3, size - 1])
                .map(|n| texts[n].as_str())
                .collect();
            let (kept, dropped) = first_of_each(values, &|value| value);
            assert_eq!(dropped, size + 2);
            assert_eq!(kept, texts.iter().map(String::as_str).collect::<Vec<_>>());
        }
    }

    #[test]
    fn every_table_fits_the_field_lookup() {
        for table in [
            schema::BODY,
            schema::ACCESS_SCHEDULE,
            schema::SCHEDULE_ITEM,
            schema::SPECIFIER,
        ] {
            assert!(table.len() <= MAX_FIELDS);
        }
    }

    #[test]
    fn ranks_follow_the_table() {
        let path = item_path(2, "ending_before");
        assert_eq!(rank_of(&path), vec![3, 1, 2, 2]);
        assert_eq!(rank_of(&[Segment::Key("specifiers".into())]), vec![9]);
    }
}
