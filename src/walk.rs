//! The walk: goes down a draft along the field table, applies each field's rule
//! (`crate::rules`) with the parameters its [`Kind`] carries, and builds the [`Checked`]
//! tree; then runs the cross-field rules over it. Issues go to [`Issues`], which orders them.

use crate::checked::{Checked, Norm, Outcome, Slot};
use crate::collect::{Issues, Ordered};
use crate::input::Input;
use crate::issue::{Code, Severity};
use crate::options::Options;
use crate::path::{Path, Step};
use crate::prelude::*;
use crate::rules::{self, Finding, Verdict};
use crate::schema::{self, Entry, Field, Kind, BODY, MAX_ENTRIES};
use crate::sort;
use crate::time::Instant;
use crate::{schedule, targeting, view};

/// A checked draft: its issues in the stable order and its checked body (when it was an
/// object), still borrowing the input.
pub(crate) struct Validated<'i> {
    pub(crate) issues: Ordered<'i>,
    /// Kept whatever the errors, so that it is let go of with the rest: the wasm leaves it
    /// undropped (`Leave`), where dropping an invalid draft's tree was part of every call.
    body: Option<Checked<'i>>,
}

impl<'i> Validated<'i> {
    /// No errors (warnings allowed).
    pub(crate) fn valid(&self) -> bool {
        self.issues.valid()
    }

    /// The normalized body, when there are no errors.
    pub(crate) fn value(&self) -> Option<&Checked<'i>> {
        self.body.as_ref().filter(|_| self.valid())
    }
}

/// Validates a draft read along the schema, its issues with their fixes.
pub(crate) fn validate_input<'i>(input: &'i Input<'_>, options: &Options) -> Validated<'i> {
    let mut walk = Walk {
        issues: Issues::new(),
        path: Path::root(),
        options,
    };
    let body = match input {
        Input::Object(entries) => Some(walk.check_object(BODY, entries)),
        other => {
            walk.wrong_container(other, "object");
            None
        }
    };
    let mut issues = walk.issues;
    if let Some(body) = &body {
        if let Some(schedule) = view::schedule(body) {
            schedule::check(&schedule, &now(options), &mut issues);
        }
        targeting::check(&view::targeting(body), &mut issues);
    }
    issues.offer_fixes(input);
    finish(issues, body)
}

/// A result with one issue about the whole body (for input that is not a draft at all).
pub(crate) fn whole_body_error(finding: Finding) -> Validated<'static> {
    let mut issues = Issues::new();
    issues.report(&Path::root(), finding);
    finish(issues, None)
}

fn finish<'i>(issues: Issues<'i>, body: Option<Checked<'i>>) -> Validated<'i> {
    Validated {
        issues: issues.finish(),
        body,
    }
}

/// The instant `ends_in_past` compares against.
fn now(options: &Options) -> Instant {
    #[cfg(not(target_arch = "wasm32"))]
    let given = options.now.as_ref().map(Instant::from_datetime);
    #[cfg(target_arch = "wasm32")]
    let given = options.now.clone();
    given.unwrap_or_else(crate::time::current_time)
}

/// The most fields a table has (the body's 15, with room to grow); a test keeps it so.
const MAX_FIELDS: usize = 24;

struct Walk<'i, 'o> {
    issues: Issues<'i>,
    path: Path<'i>,
    options: &'o Options,
}

impl<'i> Walk<'i, '_> {
    /// Runs `check` one step down.
    fn at<R>(&mut self, step: Step<'i>, check: impl FnOnce(&mut Self) -> R) -> R {
        self.path.push(step);
        let result = check(self);
        self.path.pop();
        result
    }

    fn report(&mut self, finding: Finding) {
        self.issues.report(&self.path, finding);
    }

    /// The value of a rule's verdict, its finding reported.
    #[inline(always)]
    fn verdict<T>(&mut self, verdict: Verdict<T>) -> Option<T> {
        let (value, finding) = match verdict {
            Verdict::Valid(value, finding) => (Some(value), finding),
            Verdict::Invalid(finding) => (None, Some(finding)),
        };
        self.note(finding);
        value
    }

    fn note(&mut self, finding: Option<Finding>) {
        if let Some(finding) = finding {
            self.report(finding);
        }
    }

    /// The issue for a value that is not the array or object expected: `too_many` when it is
    /// one with too many entries, `invalid_type` otherwise.
    fn wrong_container(&mut self, value: &Input<'_>, expected: &'static str) -> Outcome<'i> {
        let finding = match value {
            Input::TooMany { .. } => Finding::new(Code::TooMany).with("max", MAX_ENTRIES),
            other => Finding::invalid_type(expected, other.received()),
        };
        self.report(finding);
        Outcome::Invalid
    }

    fn check_object(
        &mut self,
        fields: &'static [Field],
        entries: &'i [(Cow<'_, str>, Input<'_>)],
    ) -> Checked<'i> {
        // Each key is looked up in the table once: the value of every field, and which
        // entries are unknown. Tables have at most MAX_FIELDS fields.
        let mut given: [Option<&'i Input<'_>>; MAX_FIELDS] = [None; MAX_FIELDS];
        // The places in `entries` of the keys the table does not have.
        let mut unknown = Vec::new();
        // Keys mostly come in the table's order: the field after the last one found is
        // tried first, by address (a known key borrows the table's name).
        let mut next = 0;
        for (order, (key, value)) in entries.iter().enumerate() {
            let place = match fields.get(next) {
                Some(field) if core::ptr::eq(field.name, key.as_ref()) => Some(next),
                _ => schema::position(fields, key),
            };
            match place {
                Some(at) => {
                    if let Some(slot) = given.get_mut(at) {
                        slot.get_or_insert(value);
                    }
                    next = at + 1;
                }
                None => unknown.push(order),
            }
        }
        let mut slots = Vec::with_capacity(fields.len());
        for (place, field) in fields.iter().enumerate() {
            let value = given.get(place).copied().flatten();
            if value.is_none() && !field.required {
                // Not given, and not required: nothing to check (most optional fields of
                // most drafts), so no step down either; the slot written as it is.
                slots.push(Slot {
                    outcome: Outcome::Absent,
                    errors: false,
                });
                continue;
            }
            let before = self.issues.errors();
            let outcome = self.at(Step::field(fields, place), |walk| {
                walk.check_field(field, value)
            });
            slots.push(Slot {
                outcome,
                errors: self.issues.errors() > before,
            });
        }
        if !unknown.is_empty() {
            self.unknown_fields(fields, entries, &unknown);
        }
        Checked { fields, slots }
    }

    /// `unknown_field` for each key the table does not have, ranked after the table's keys
    /// in input order; a warning when unknown fields are allowed.
    fn unknown_fields(
        &mut self,
        fields: &'static [Field],
        entries: &'i [(Cow<'_, str>, Input<'_>)],
        unknown: &[usize],
    ) {
        let severity = if self.options.allow_unknown_fields {
            Severity::Warning
        } else {
            Severity::Error
        };
        for &order in unknown {
            let Some((key, value)) = entries.get(order) else {
                continue;
            };
            if matches!(value, Input::Undefined) {
                continue;
            }
            let mut finding = Finding::new(Code::UnknownField);
            if let Some(known) = schema::suggestion(fields, key) {
                finding = finding.with("suggestion", known);
            }
            let rank = u32::try_from(fields.len() + order).unwrap_or(u32::MAX);
            self.at(Step::Key(key, rank), |walk| {
                walk.issues
                    .report_as(&walk.path, finding, severity, Vec::new())
            });
        }
    }

    fn check_field(&mut self, field: &'static Field, value: Option<&'i Input<'_>>) -> Outcome<'i> {
        let value = match value {
            Some(value) if !is_blank(value) => value,
            _ => {
                if field.required {
                    self.report(Finding::new(Code::Required));
                }
                return Outcome::Absent;
            }
        };
        let norm = match (&field.kind, value) {
            (Kind::Uuid { .. }, Input::String(text)) => {
                self.verdict(rules::uuid(trim(text)).into()).map(Norm::Text)
            }
            (Kind::Text { max }, Input::String(text)) => self
                .verdict(rules::text(trim(text), *max).into())
                .map(|text| Norm::Text(Cow::Borrowed(text))),
            (Kind::Enum { values, .. }, Input::String(text)) => self
                .verdict(rules::one_of(trim(text), values).into())
                .map(|value| Norm::Text(Cow::Borrowed(value))),
            (Kind::Uuid { .. } | Kind::Text { .. } | Kind::Enum { .. }, other) => {
                self.report(Finding::invalid_type("string", other.received()));
                None
            }
            (Kind::Number(bounds), value) => {
                self.verdict(rules::number(value, bounds)).map(Norm::Number)
            }
            (Kind::Timestamp { align }, value) => self
                .verdict(rules::timestamp(value, *align))
                .map(Norm::Time),
            (Kind::Object(fields), Input::Object(entries)) => {
                Some(Norm::Object(self.check_object(fields, entries)))
            }
            (Kind::Objects(fields), Input::Array(entries)) => {
                return self.objects(fields, entries, field.required)
            }
            (Kind::Strings(entry), Input::Array(entries)) => {
                return self.strings(entries, *entry, field.required)
            }
            (Kind::Map { key_max, value_max }, Input::Object(entries)) => {
                return self.map(entries, *key_max, *value_max)
            }
            (Kind::Object(_) | Kind::Map { .. }, other) => {
                return self.wrong_container(other, "object")
            }
            (Kind::Objects(_) | Kind::Strings(_), other) => {
                return self.wrong_container(other, "array")
            }
        };
        norm.map_or(Outcome::Invalid, Outcome::Valid)
    }

    fn objects(
        &mut self,
        fields: &'static [Field],
        entries: &'i [Input<'_>],
        required: bool,
    ) -> Outcome<'i> {
        if entries.is_empty() {
            if required {
                self.report(Finding::new(Code::Empty));
                return Outcome::Invalid;
            }
            return Outcome::Absent;
        }
        let mut checked = Vec::with_capacity(entries.len());
        for (index, entry) in entries.iter().enumerate() {
            self.at(Step::Index(index), |walk| match entry {
                Input::Object(members) => {
                    checked.push((index, walk.check_object(fields, members)));
                }
                other => {
                    walk.wrong_container(other, "object");
                }
            });
        }
        Outcome::Valid(Norm::Objects(checked))
    }

    /// A string array; a required one that keeps no entry (and has none in error) is `empty`.
    fn strings(&mut self, entries: &'i [Input<'_>], rule: Entry, required: bool) -> Outcome<'i> {
        let errors_before = self.issues.errors();
        let mut kept: Vec<Cow<'i, str>> = Vec::new();
        for (index, entry) in entries.iter().enumerate() {
            let verdict = match entry {
                Input::String(text) if trim(text).is_empty() => continue,
                Input::String(text) => rules::string_entry(trim(text), rule),
                other => Verdict::Invalid(Finding::invalid_type("string", other.received())),
            };
            if let Some(normalized) = self.at(Step::Index(index), |walk| walk.verdict(verdict)) {
                kept.push(normalized);
            }
        }
        let (kept, repeated) = rules::first_of_each(kept, &|entry| entry);
        self.duplicates_removed(repeated);
        match self.collection(kept.is_empty(), errors_before, || Norm::Strings(kept)) {
            Outcome::Absent if required => {
                self.report(Finding::new(Code::Empty));
                Outcome::Invalid
            }
            outcome => outcome,
        }
    }

    fn map(
        &mut self,
        entries: &'i [(Cow<'_, str>, Input<'_>)],
        key_max: Option<usize>,
        value_max: Option<usize>,
    ) -> Outcome<'i> {
        let errors_before = self.issues.errors();
        let mut kept: Vec<(&'i str, &'i str)> = Vec::new();
        for (order, (raw_key, value)) in entries.iter().enumerate() {
            let step = Step::Key(raw_key, u32::try_from(order).unwrap_or(u32::MAX));
            let text = match value {
                Input::Undefined | Input::Null => continue,
                Input::String(text) if trim(text).is_empty() => continue,
                Input::String(text) => trim(text),
                other => {
                    let finding = Finding::invalid_type("string", other.received());
                    self.at(step, |walk| walk.report(finding));
                    continue;
                }
            };
            match rules::map_entry(trim(raw_key), text, key_max, value_max) {
                Ok(entry) => kept.push(entry),
                Err(findings) => self.at(step, |walk| {
                    for finding in findings.into_iter().flatten() {
                        walk.report(finding);
                    }
                }),
            }
        }
        let (kept, repeated) = rules::first_of_each(kept, &|(key, _)| key);
        self.duplicates_removed(repeated);
        self.collection(kept.is_empty(), errors_before, || {
            Norm::Map(sort::sort_by(kept, &mut |(a, _), (b, _)| a.cmp(b)))
        })
    }

    /// What a string array or map gave: entries in error still make the field given (a
    /// specifier is then not empty).
    fn collection(
        &self,
        empty: bool,
        errors_before: usize,
        norm: impl FnOnce() -> Norm<'i>,
    ) -> Outcome<'i> {
        match (empty, self.issues.errors() > errors_before) {
            (true, true) => Outcome::Invalid,
            (true, false) => Outcome::Absent,
            (false, _) => Outcome::Valid(norm()),
        }
    }

    fn duplicates_removed(&mut self, count: usize) {
        if count > 0 {
            self.report(Finding::new(Code::DuplicateRemoved).with("count", count));
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_table_fits_the_field_lookup() {
        for table in [
            schema::BODY,
            schema::ACCESS_SCHEDULE,
            schema::SCHEDULE_ITEM,
            schema::SPECIFIER,
            schema::EXCLUSION,
        ] {
            assert!(table.len() <= MAX_FIELDS);
        }
    }
}
