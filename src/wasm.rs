//! The JS edge: values cross the boundary in bulk, as tapes, not one by one.
//!
//! A call crosses a handful of times whatever the draft: `js/edge.js` reads the options and
//! the draft along the schema in one JS pass (every read that can run user code inside a
//! `try`), Rust rebuilds an [`Input`] from the tape borrowing its text, checks it, and writes
//! the result as a second tape that `js/edge.js` turns into plain JS values.
//!
//! Draft tape (JS → Rust), numbers in a `Float64Array` plus one string holding every text
//! back to back (each text is made well-formed first; lengths are UTF-16 code units):
//!
//! - options: `now` (`0` none, `1` then a text, `2` then a `Date`'s time value), then
//!   `allowUnknownFields` (`0`/`1`), then a count of message templates and, for each, a code
//!   text and a template text;
//! - then one value: `0` undefined, `1` null, `2` false, `3` true, `4 x` a number,
//!   `5 len` a string, `6 ms` a `Date`, `7 r` a value not descended into ([`Received`] code
//!   `r`), `8 n` an array and its `n` entries, `9 n` a plain object and `n` pairs of a key
//!   (`k ≥ 0`: entry `k` of the object's table; `k < 0`: a text of length `-k - 1`) and a
//!   value, `10 r n` an array or object of `n` entries, too many to read.
//!
//! Result tape (Rust → JS): `0 len` a text, `1 x` a number, `2 n` an array, `3 n` an object
//! of a table and `n` pairs of a name number `k` (see [`descriptor`]) and a value, `10 n` a
//! string map and `n` pairs of a key text's length and a value, `6 k` the name `k` as a string, `7 len` a JSON text to parse, `8 c s` an issue
//! (code and severity names, then message, path and pointer, then flags `1` params and
//! `2` related, each followed by its value), `9 v` a report (`v` = valid, then errors,
//! warnings and, when valid, the value).

use crate::check::{self, Emit, Validated};
use crate::input::{Input, Received, Shape};
use crate::issue::{Issue, Segment, Severity};
use crate::schema::{self, Field, Kind};
use crate::{time, Code, Options};
use std::borrow::Cow;
use std::cell::Cell;
use std::sync::OnceLock;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/js/edge.js")]
extern "C" {
    #[wasm_bindgen(js_name = installSchema)]
    fn install_schema(descriptor: &str);
    // Never throws (every user read inside is guarded); `catch` keeps it so if that breaks.
    // Returns how many ops the tape has; `draftTextUnits` tells its text's length.
    #[wasm_bindgen(catch, js_name = readDraft)]
    fn read_draft(draft: &JsValue, options: &JsValue, as_body: bool) -> Result<u32, JsValue>;
    #[wasm_bindgen(js_name = draftTextUnits)]
    fn draft_text_units() -> u32;
    /// Copies the tape into `ops` and encodes its text into `text` as UTF-8 (both views of
    /// wasm memory, so nothing is copied twice); returns the bytes written.
    #[wasm_bindgen(js_name = takeDraft)]
    fn take_draft(ops: &mut [f64], text: &mut [u8]) -> u32;
    #[wasm_bindgen(js_name = buildValue)]
    fn build_value(ops: &[f64], text: &str) -> JsValue;
}

/// The keys and names the result tape writes by number: a report's and an issue's keys,
/// the severities, the codes, then every table's field names.
const FIXED_NAMES: &[&str] = &[
    "code",
    "severity",
    "message",
    "error",
    "warning",
    // Param names (src/check.rs names each where it reports).
    "expected",
    "received",
    "suggestion",
    "reason",
    "max",
    "part",
    "allowed",
    "with",
    "count",
    "detail",
];
const CODE: usize = 0;
const SEVERITY: usize = 1;
const MESSAGE: usize = 2;
const ERROR: usize = 3;
const WARNING: usize = 4;

/// Every table with the number of names before its own, in the order the tapes number them:
/// the order a walk from the body's table finds them. They are found at run time, through the
/// very references the checker follows: a table written as a constant may be compiled into
/// several copies (debug builds do), so comparing with `&schema::ACCESS_SCHEDULE` could miss.
fn tables() -> &'static [(&'static [Field], usize)] {
    static TABLES: OnceLock<Vec<(&'static [Field], usize)>> = OnceLock::new();
    TABLES.get_or_init(|| {
        let mut found: Vec<&'static [Field]> = vec![schema::BODY];
        let mut next = 0;
        while let Some(table) = found.get(next).copied() {
            for field in table {
                if let Kind::Object(inner) | Kind::Objects(inner) = &field.kind {
                    if !found.iter().any(|known| std::ptr::eq(*known, *inner)) {
                        found.push(inner);
                    }
                }
            }
            next += 1;
        }
        let mut before = FIXED_NAMES.len() + Code::ALL.len();
        found
            .into_iter()
            .map(|table| {
                let numbered = (table, before);
                before += table.len();
                numbered
            })
            .collect()
    })
}

fn fixed_name(name: &str) -> Option<usize> {
    FIXED_NAMES.iter().position(|fixed| *fixed == name)
}

fn severity_name(severity: Severity) -> usize {
    match severity {
        Severity::Error => ERROR,
        Severity::Warning => WARNING,
    }
}

fn code_name(code: Code) -> usize {
    FIXED_NAMES.len() + code as usize
}

fn table_number(fields: &'static [Field]) -> usize {
    tables()
        .iter()
        .position(|(table, _)| std::ptr::eq(*table, fields))
        .unwrap_or(0)
}

/// The name number of entry `index` of the table `fields`.
fn field_name(fields: &'static [Field], index: usize) -> usize {
    let before = tables()
        .iter()
        .find(|(table, _)| std::ptr::eq(*table, fields))
        .map_or(0, |(_, before)| *before);
    before + index
}

/// `{"names":[...],"tables":[[[name, shape, table], ...], ...]}` for `installSchema`. Every
/// name is a plain identifier, so no escaping is needed.
fn descriptor() -> String {
    let quoted = |name: &str| format!("\"{name}\"");
    let names: Vec<String> = FIXED_NAMES
        .iter()
        .copied()
        .chain(Code::ALL.iter().map(|code| code.as_str()))
        .chain(
            tables()
                .iter()
                .flat_map(|(table, _)| table.iter().map(|field| field.name)),
        )
        .map(quoted)
        .collect();
    let tables: Vec<String> = tables()
        .iter()
        .map(|(table, _)| {
            let fields: Vec<String> = table
                .iter()
                .map(|field| {
                    let (shape, sub) = match Shape::of(&field.kind) {
                        Shape::Scalar => (0, 0),
                        Shape::Object(inner) => (1, table_number(inner)),
                        Shape::Objects(inner) => (2, table_number(inner)),
                        Shape::Strings => (3, 0),
                        Shape::Map => (4, 0),
                    };
                    format!("[{},{shape},{sub}]", quoted(field.name))
                })
                .collect();
            format!("[{}]", fields.join(","))
        })
        .collect();
    format!(
        "{{\"names\":[{}],\"tables\":[{}]}}",
        names.join(","),
        tables.join(",")
    )
}

thread_local! {
    static INSTALLED: Cell<bool> = const { Cell::new(false) };
    /// The buffers of the last result tape, kept for the next call: a form validates on
    /// every keystroke, and growing fresh buffers each time showed in profiles.
    static SPARE: Cell<(Vec<f64>, String)> = const { Cell::new((Vec::new(), String::new())) };
}

/// Hands `js/edge.js` the tables and names once, before its first use.
fn ensure_installed() {
    if !INSTALLED.with(|installed| installed.replace(true)) {
        install_schema(&descriptor());
    }
}

/// Reads options and a draft through `js/edge.js`, then hands them to `use_them` while the
/// tape's text can be borrowed.
fn with_draft<R>(
    draft: &JsValue,
    options: &JsValue,
    as_body: bool,
    use_them: impl FnOnce(Input<'_>, &Options) -> R,
) -> R {
    ensure_installed();
    let count = read_draft(draft, options, as_body).unwrap_or(0) as usize;
    let mut ops = vec![0.0; count];
    // Every UTF-16 code unit takes at most 3 bytes of UTF-8.
    let mut bytes = vec![0u8; (draft_text_units() as usize).saturating_mul(3)];
    let written = take_draft(&mut ops, &mut bytes) as usize;
    bytes.truncate(written);
    let text = String::from_utf8(bytes).unwrap_or_default();
    let mut tape = DraftTape::new(&ops, &text);
    let options = tape.options();
    let shape = if as_body {
        Shape::Object(schema::BODY)
    } else {
        Shape::Scalar
    };
    let input = if ops.is_empty() {
        Input::Opaque(Received::Unreadable)
    } else {
        tape.value(shape)
    };
    use_them(input, &options)
}

/// Reads a draft tape; a tape cut short reads as `undefined`s and empty texts, never a panic.
struct DraftTape<'t> {
    ops: &'t [f64],
    at: usize,
    text: &'t str,
    cut: usize,
    ascii: bool,
}

impl<'t> DraftTape<'t> {
    fn new(ops: &'t [f64], text: &'t str) -> Self {
        DraftTape {
            ops,
            at: 0,
            text,
            cut: 0,
            ascii: text.is_ascii(),
        }
    }

    fn next(&mut self) -> f64 {
        let op = self.ops.get(self.at).copied().unwrap_or(f64::NAN);
        self.at += 1;
        op
    }

    /// A count, bounded by what is left of the tape so that a bad count cannot allocate.
    fn count(&mut self) -> usize {
        let count = self.next();
        if count >= 0.0 {
            (count as usize).min(self.ops.len().saturating_sub(self.at))
        } else {
            0
        }
    }

    /// The next `units` UTF-16 code units of text.
    fn text(&mut self, units: f64) -> &'t str {
        let units = if units >= 0.0 { units as usize } else { 0 };
        let rest = self.text.get(self.cut..).unwrap_or("");
        let bytes = if self.ascii {
            units.min(rest.len())
        } else {
            let mut seen = 0;
            rest.char_indices()
                .find(|(_, c)| {
                    let before = seen;
                    seen += c.len_utf16();
                    before >= units
                })
                .map_or(rest.len(), |(at, _)| at)
        };
        self.cut += bytes;
        rest.get(..bytes).unwrap_or("")
    }

    fn options(&mut self) -> Options {
        let mut options = Options::default();
        let now = match self.next() as u8 {
            1 => {
                let units = self.next();
                Some(Input::String(Cow::Borrowed(self.text(units))))
            }
            2 => Some(Input::Date(self.next())),
            _ => None,
        };
        options.now = now
            .and_then(|now| time::read(&now)?.ok())
            .and_then(|instant| instant.to_datetime());
        options.allow_unknown_fields = self.next() == 1.0;
        for _ in 0..self.count() {
            let code = self.next();
            let code = self.text(code).to_owned();
            let template = self.next();
            let template = self.text(template).to_owned();
            options.messages.insert(code, template);
        }
        options
    }

    fn value(&mut self, shape: Shape) -> Input<'t> {
        match self.next() as u8 {
            1 => Input::Null,
            2 => Input::Bool(false),
            3 => Input::Bool(true),
            4 => Input::Number(self.next()),
            5 => {
                let units = self.next();
                Input::String(Cow::Borrowed(self.text(units)))
            }
            6 => Input::Date(self.next()),
            7 => Input::Opaque(received(self.next())),
            8 => {
                let entry = shape.entry().unwrap_or(Shape::Scalar);
                let count = self.count();
                Input::Array((0..count).map(|_| self.value(entry)).collect())
            }
            9 => {
                let count = self.count();
                let mut entries = Vec::with_capacity(count);
                for _ in 0..count {
                    let key = self.next();
                    // A known key comes as its place in the table: no lookup by name.
                    let known = match shape {
                        Shape::Object(fields) if key >= 0.0 => fields.get(key as usize),
                        _ => None,
                    };
                    let (key, member) = match known {
                        Some(field) => (field.name, Shape::of(&field.kind)),
                        None => (self.text(-key - 1.0), Shape::Scalar),
                    };
                    entries.push((Cow::Borrowed(key), self.value(member)));
                }
                Input::Object(entries)
            }
            10 => {
                let kind = received(self.next());
                let count = self.next();
                Input::TooMany {
                    received: kind,
                    count: if count >= 0.0 { count as usize } else { 0 },
                }
            }
            _ => Input::Undefined,
        }
    }
}

/// The [`Received`] numbered `code` by `js/edge.js`.
fn received(code: f64) -> Received {
    match code as u8 {
        0 => Received::Null,
        1 => Received::Undefined,
        2 => Received::Boolean,
        3 => Received::Number,
        4 => Received::Bigint,
        5 => Received::String,
        6 => Received::Symbol,
        7 => Received::Function,
        8 => Received::Array,
        9 => Received::Object,
        10 => Received::Date,
        11 => Received::Instance,
        _ => Received::Unreadable,
    }
}

/// A result being written for `js/edge.js` to build.
struct ResultTape {
    ops: Vec<f64>,
    text: String,
}

impl ResultTape {
    fn new() -> Self {
        let (mut ops, mut text) = SPARE.with(Cell::take);
        ops.clear();
        text.clear();
        ResultTape { ops, text }
    }

    fn units(text: &str) -> f64 {
        let units = if text.is_ascii() {
            text.len()
        } else {
            text.encode_utf16().count()
        };
        units as f64
    }

    fn name(&mut self, name: usize) {
        self.ops.extend([6.0, name as f64]);
    }

    fn named_key(&mut self, name: usize) {
        self.ops.push(name as f64);
    }

    fn json(&mut self, json: &str) {
        self.ops.extend([7.0, Self::units(json)]);
        self.text.push_str(json);
    }

    fn issues(&mut self, issues: &[Issue]) {
        self.array(issues.len());
        for issue in issues {
            self.issue(issue);
        }
    }

    fn issue(&mut self, issue: &Issue) {
        self.ops.extend([
            8.0,
            code_name(issue.code) as f64,
            severity_name(issue.severity) as f64,
        ]);
        self.text(&issue.message);
        self.array(issue.path.len());
        for segment in &issue.path {
            match segment {
                Segment::Key(key) => self.text(key),
                Segment::Index(index) => self.number(*index as f64),
            }
        }
        self.text(&issue.pointer);
        let flags = u8::from(!issue.params.is_empty()) | (u8::from(!issue.related.is_empty()) << 1);
        self.ops.push(f64::from(flags));
        if !issue.params.is_empty() {
            let named = issue
                .params
                .iter()
                .all(|(name, _)| fixed_name(name).is_some());
            if named {
                self.object(issue.params.iter().count());
            } else {
                self.map(issue.params.iter().count());
            }
            for (name, value) in issue.params.iter() {
                match fixed_name(name).filter(|_| named) {
                    Some(number) => self.named_key(number),
                    None => self.key(name),
                }
                match value {
                    crate::ParamValue::Text(text) => self.text(text),
                    crate::ParamValue::Number(number) => self.number(*number as f64),
                }
            }
        }
        if !issue.related.is_empty() {
            self.array(issue.related.len());
            for pointer in &issue.related {
                self.text(pointer);
            }
        }
    }

    /// `{valid, errors, warnings, value?}`.
    fn report(&mut self, validated: &Validated<'_>) {
        self.ops
            .extend([9.0, f64::from(u8::from(validated.valid()))]);
        self.issues(&validated.errors);
        self.issues(&validated.warnings);
        validated.emit_value(self);
    }

    fn finish(self) -> JsValue {
        ensure_installed();
        let value = build_value(&self.ops, &self.text);
        // A very large result's buffers are not worth keeping.
        if self.ops.capacity() <= 1 << 16 && self.text.capacity() <= 1 << 20 {
            SPARE.with(|spare| spare.set((self.ops, self.text)));
        }
        value
    }
}

impl Emit for ResultTape {
    fn text(&mut self, text: &str) {
        self.ops.extend([0.0, Self::units(text)]);
        self.text.push_str(text);
    }

    fn number(&mut self, number: f64) {
        self.ops.extend([1.0, number]);
    }

    fn array(&mut self, len: usize) {
        self.ops.extend([2.0, len as f64]);
    }

    fn object(&mut self, len: usize) {
        self.ops.extend([3.0, len as f64]);
    }

    fn map(&mut self, len: usize) {
        self.ops.extend([10.0, len as f64]);
    }

    fn field(&mut self, fields: &'static [Field], index: usize) {
        self.named_key(field_name(fields, index));
    }

    fn key(&mut self, key: &str) {
        self.ops.push(Self::units(key));
        self.text.push_str(key);
    }
}

fn report_value(validated: &Validated<'_>) -> JsValue {
    let mut tape = ResultTape::new();
    tape.report(validated);
    tape.finish()
}

/// Validates and normalizes a draft given as a JS value. Never throws.
#[wasm_bindgen(js_name = validateCredit, skip_typescript)]
pub fn validate_credit(draft: JsValue, options: JsValue) -> JsValue {
    with_draft(&draft, &options, true, |input, options| {
        report_value(&check::validate_input(&input, options))
    })
}

/// Validates a draft given as JSON text; a non-string is `invalid_type` at `""`.
#[wasm_bindgen(js_name = validateCreditJson, skip_typescript)]
pub fn validate_credit_json(json: JsValue, options: JsValue) -> JsValue {
    with_draft(&json, &options, false, |input, options| {
        crate::validate_json_input(input, options, |validated| report_value(&validated))
    })
}

/// The issues under one input: errors, then warnings, whose pointer or a related pointer is
/// `pointer` or below it, computed on the whole draft.
#[wasm_bindgen(js_name = validateField, skip_typescript)]
pub fn validate_field(draft: JsValue, pointer: JsValue, options: JsValue) -> JsValue {
    let pointer = pointer.as_string().unwrap_or_default();
    with_draft(&draft, &options, true, |input, options| {
        let validated = check::validate_input(&input, options);
        let under = crate::issues_at(&validated.errors, &validated.warnings, &pointer);
        let mut tape = ResultTape::new();
        tape.issues(&under);
        tape.finish()
    })
}

/// JSON Schema 2020-12 of the normalized body.
#[wasm_bindgen(js_name = creditJsonSchema, skip_typescript)]
pub fn credit_json_schema() -> JsValue {
    let mut tape = ResultTape::new();
    // Generated from the table by `json_schema` and kept current by tests/typescript.rs.
    tape.json(include_str!("../js/credit.schema.json"));
    tape.finish()
}

/// One English sentence about a credit.
#[wasm_bindgen(js_name = describeCredit, skip_typescript)]
pub fn describe_credit(value: JsValue) -> String {
    with_draft(&value, &JsValue::UNDEFINED, true, |input, options| {
        check::validate_input(&input, options).describe()
    })
}

/// Every rule: code, severity and default message.
#[wasm_bindgen(js_name = ruleCatalog, skip_typescript)]
pub fn rule_catalog() -> JsValue {
    let mut tape = ResultTape::new();
    tape.array(Code::ALL.len());
    for &code in Code::ALL {
        tape.object(3);
        tape.named_key(CODE);
        tape.name(code_name(code));
        tape.named_key(SEVERITY);
        tape.name(severity_name(code.severity()));
        tape.named_key(MESSAGE);
        tape.text(code.default_message());
    }
    tape.finish()
}
