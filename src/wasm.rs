//! The JS edge: values cross the boundary in bulk, as tapes, not one by one.
//!
//! A call crosses a handful of times whatever the draft: `js/edge.js` reads the options and
//! the draft along the schema in one JS pass (every read that can run user code inside a
//! `try`), Rust rebuilds an [`Input`] from the tape borrowing its text, checks it, and writes
//! the result as a second tape that `js/edge.js` turns into plain JS values.
//!
//! Draft tape (JS → Rust), numbers in a `Float64Array` plus one string holding every text
//! back to back (lengths are UTF-16 code units; a lone surrogate is one, and `encodeInto`
//! writes it as U+FFFD, three bytes of one unit; a high surrogate that ends a text is made
//! U+FFFD on the tape, so that it cannot pair with the next text's low one):
//!
//! - first, the length of that string;
//! - options: `now` (`0` none, `1` then a text, `2` then a `Date`'s time value), then
//!   `allowUnknownFields` (`0`/`1`), then the clock (`Date.now()`, the time when no readable
//!   `now` is given) (message templates stay in JS, which renders messages);
//! - then one value: `0` undefined, `1` null, `2` false, `3` true, `4 x` a number,
//!   `6 ms` a `Date`, `7 r` a value not descended into ([`Received`] code `r`), `8 n` an
//!   array and its `n` entries, `9 n` a plain object and `n` pairs of a key (`k ≥ 0`: entry
//!   `k` of the object's table; `k < 0`: a text of length `-k - 1`) and a value, `10 r n` an
//!   array or object of `n` entries, too many to read, and `16 + len` a string: one op.
//!
//! Result tape (Rust → JS): `16 + len` a text (one op), `1 x` a number, `2 n` an array,
//! `3 n` an object of a table and `n` pairs of a name number `k` and a value, `10 n` a string
//! map and `n` pairs of a key text's length and a value, `8 c s` an issue (code and severity
//! names, then path and pointer, then flags `1` params, `2` related and `4` fixes, each
//! followed by its value; fixes are a count, then per fix its kind's number, its params and
//! its patch: a count of operations, each `0 place value` (replace), `1 place place` (move)
//! or `2 place` (replace with the fix's `value` param), a place being `3` (the issue's own)
//! or a text (the name of a member of the object that holds it), from which JS writes the
//! pointers; JS renders the messages from the codes, kinds and params), `9 v` a report
//! (`v` = valid, then errors, warnings and, when valid, the value).
//!
//! The opcodes, `received` codes, shapes and names are defined once, in `src/boundary.rs`,
//! which generates the constants of `js/edge.js`.

use crate::boundary::{self, draft, patch, result, Tables};
use crate::checked::{Checked, Norm, Outcome};
use crate::collect::Found;
use crate::fix::{Edit, Offer, Target};
use crate::input::{Input, Received, Shape};
use crate::issue::{ParamValue, Params};
use crate::options::Options;
use crate::path::{self, Step};
use crate::prelude::*;
use crate::schema::{self, Field};
use crate::time;
use crate::walk::{self, Validated};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/js/edge.js")]
extern "C" {
    // Only Rust callers of `validate_credit` and `validate_credit_json` (tests/web.rs) reach
    // this import: the package's `validateCredit` calls `readDraft` in JS before it enters the
    // wasm, so the module does not import it. Never throws (every user read inside is
    // guarded); `catch` keeps it so if that breaks. Returns how many ops the tape has.
    #[wasm_bindgen(catch, js_name = readDraft)]
    fn read_draft(draft: &JsValue, options: &JsValue, as_body: bool) -> Result<u32, JsValue>;
    /// Copies the tape into the `ops_len` f64s at byte address `ops` unless that is none, and
    /// encodes its text as UTF-8 into the `text_len` bytes at `text` unless that is none
    /// (wasm memory, which js/edge.js views itself: addresses, not slices, cross, so the glue
    /// makes no view per argument); returns the bytes written. Called twice, ops then text,
    /// so that the module imports one function signature fewer: each costs startup (README
    /// "Size and speed").
    #[wasm_bindgen(js_name = takeDraft)]
    fn take_draft(ops: u32, ops_len: u32, text: u32, text_len: u32) -> u32;
    /// Builds the JS value of the result tape (`ops_len` f64s at byte address `ops` and
    /// `text_len` bytes of UTF-8 at `text`) and keeps it for `takeResult`, which the package
    /// calls once the export returns. No JS value crosses (a call never goes through
    /// wasm-bindgen's externref table), and the signature is `takeDraft`'s: one import
    /// signature fewer to compile at startup (README "Size and speed"). Returns 0.
    #[wasm_bindgen(js_name = buildResult)]
    fn build_result(ops: u32, ops_len: u32, text: u32, text_len: u32) -> u32;
    // Only the Rust callers reach these two imports: the package's init() hands js/edge.js
    // the memory itself (js/init.js), and its entry points take the result themselves.
    #[wasm_bindgen(js_name = bindMemory)]
    fn bind_memory(memory: JsValue);
    #[wasm_bindgen(js_name = takeResult)]
    fn take_result() -> JsValue;
    /// JS `parseFloat` of the `len` bytes of UTF-8 at byte address `text`: the one global the
    /// rules ask of JS (through js/edge.js, which decodes the text itself: with no import that
    /// takes a `&str`, the glue has no decoder of its own).
    #[wasm_bindgen(js_name = parseNumber)]
    fn parse_number(text: u32, len: u32) -> f64;
}

/// `parseFloat`: number texts other than short integers (src/decimal.rs).
pub(crate) fn parse_float(text: &str) -> f64 {
    parse_number(address(text.as_ptr()), text.len() as u32)
}

/// Takes the tape of `count` ops that `readDraft` (js/edge.js) has just written, then hands
/// its options and its draft, read as a body (`as_body`) or as a scalar, to `use_them` while
/// the tape's text can be borrowed. One copy for every export (the closure is `dyn`).
fn with_tape<M: Memory>(count: u32, as_body: bool, use_them: &dyn Fn(Input<'_>, &Options)) {
    let mut ops = vec![0.0; count as usize];
    take_draft(address(ops.as_mut_ptr()), ops.len() as u32, 0, 0);
    // The first op is the text's length in UTF-16 code units (`readDraft` writes a string's
    // `length`; `as u32` reads a negative or NaN as 0), each at most 3 bytes of UTF-8.
    let units = ops.first().map_or(0, |&units| units as u32 as usize);
    let mut bytes = vec![0u8; units.saturating_mul(3)];
    let written = take_draft(0, 0, address(bytes.as_mut_ptr()), bytes.len() as u32) as usize;
    bytes.truncate(written);
    let text = String::from_utf8(bytes).unwrap_or_default();
    // As many bytes as UTF-16 units: every unit was one byte, ASCII (no second pass to tell).
    let ascii = text.len() == units;
    let ops = ops.get(1..).unwrap_or(&[]);
    let mut tape = DraftTape::new(ops, &text, ascii);
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
    use_them(input, &options);
    M::release(tape);
    M::release(text);
}

/// What a call does with what it built once the report is handed over: [`Free`] or
/// [`Leave`]. A type, not a value, so that a module has only the one it uses.
pub trait Memory {
    /// Lets go of `value`.
    fn release<T>(value: T);
}

/// Drops what a call built, as Rust does: for any allocator (Rust callers, tests/web.rs).
pub struct Free;

/// Leaves what a call built to the allocator, which takes back all of a call's memory at once
/// when the call returns (the package's module: wasm/src/allocator.rs). Dropping trees whose
/// memory is reclaimed whole anyway is only time: 3-5% of a call (README "Size and speed").
pub struct Leave;

impl Memory for Free {
    fn release<T>(value: T) {
        drop(value);
    }
}

impl Memory for Leave {
    fn release<T>(value: T) {
        core::mem::forget(value);
    }
}

/// The address in wasm memory (wasm32: 32 bits) of a buffer js/edge.js reads or writes.
fn address<T>(pointer: *const T) -> u32 {
    pointer as usize as u32
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
    /// A tape of `ops` and its `text`, `ascii` when every unit of it is one byte.
    fn new(ops: &'t [f64], text: &'t str, ascii: bool) -> Self {
        DraftTape {
            ops,
            at: 0,
            text,
            cut: 0,
            ascii,
        }
    }

    #[inline(always)]
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

    /// The next `units` UTF-16 code units of text. Inlined, with the walk for text that is
    /// not all ASCII out of line: reading the large draft 2% faster (README "Size and
    /// speed").
    #[inline(always)]
    fn text(&mut self, units: f64) -> &'t str {
        let units = if units >= 0.0 { units as usize } else { 0 };
        let rest = self.text.get(self.cut..).unwrap_or("");
        let bytes = if self.ascii {
            units.min(rest.len())
        } else {
            utf8_length(rest.as_bytes(), units)
        };
        self.cut += bytes;
        rest.get(..bytes).unwrap_or("")
    }

    fn options(&mut self) -> Options {
        let mut options = Options::default();
        let now = match self.next() as u8 {
            draft::NOW_TEXT => {
                let units = self.next();
                Some(Input::String(Cow::Borrowed(self.text(units))))
            }
            draft::NOW_DATE => Some(Input::Date(self.next())),
            _ => None,
        };
        options.now = now
            .and_then(|now| time::read(&now)?.ok())
            .map(time::Instant::at_nanoseconds);
        options.allow_unknown_fields = self.next() == 1.0;
        // The clock JS read, for a call with no readable `now` (the wasm imports no clock).
        let clock = self.next();
        if options.now.is_none() {
            options.now = time::Instant::from_millis(clock).ok();
        }
        options
    }

    fn value(&mut self, shape: Shape) -> Input<'t> {
        let op = self.next();
        let string = f64::from(draft::STRING);
        if op >= string {
            return Input::String(Cow::Borrowed(self.text(op - string)));
        }
        match op as u8 {
            draft::NULL => Input::Null,
            draft::FALSE => Input::Bool(false),
            draft::TRUE => Input::Bool(true),
            draft::NUMBER => Input::Number(self.next()),
            draft::DATE => Input::Date(self.next()),
            draft::OTHER => Input::Opaque(boundary::received(self.next())),
            draft::ARRAY => {
                let entry = shape.entry().unwrap_or(Shape::Scalar);
                let count = self.count();
                Input::Array((0..count).map(|_| self.value(entry)).collect())
            }
            draft::OBJECT => {
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
            draft::TOO_MANY => {
                let kind = boundary::received(self.next());
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

/// The bytes of UTF-8 that hold the first `units` UTF-16 code units of `bytes`: code point by
/// code point from the lead bytes (a plain loop, which "z" keeps tight), four-byte sequences
/// being two units.
fn utf8_length(bytes: &[u8], units: usize) -> usize {
    let (mut at, mut seen) = (0, 0);
    while seen < units {
        let Some(&lead) = bytes.get(at) else { break };
        let (len, width) = match lead {
            0x00..=0x7f => (1, 1),
            0x80..=0xdf => (2, 1),
            0xe0..=0xef => (3, 1),
            _ => (4, 2),
        };
        at += len;
        seen += width;
    }
    at.min(bytes.len())
}

/// A result being written for `js/edge.js` to build.
struct ResultTape {
    ops: Vec<f64>,
    /// UTF-8, written as bytes: a text known to be ASCII goes in without a check.
    text: Vec<u8>,
    /// The field tables' numbering, worked out when the first field is written: an invalid
    /// draft's report, which has no value, needs none.
    tables: Option<Tables>,
    /// The last whole-second timestamp written and its text: a schedule's items usually meet
    /// (the end of one is the start of the next), so most are printed once, not twice.
    last_time: Option<(i64, [u8; 24])>,
}

impl ResultTape {
    fn new() -> Self {
        ResultTape {
            ops: Vec::with_capacity(256),
            text: Vec::with_capacity(1024),
            tables: None,
            last_time: None,
        }
    }

    #[inline(always)]
    fn units(text: &str) -> f64 {
        let units = if text.is_ascii() {
            text.len()
        } else {
            text.encode_utf16().count()
        };
        units as f64
    }

    /// Out of line, as is `text`: the rules crate is built at opt-level 3 for the wasm
    /// (scripts/build-pkg), where inlining the two at every call site of the result tape was
    /// 0.7 KB gzipped for no measured speed.
    #[inline(never)]
    fn op(&mut self, op: u8, operand: f64) {
        self.ops.extend([f64::from(op), operand]);
    }

    #[inline(always)]
    fn named_key(&mut self, name: usize) {
        self.ops.push(name as f64);
    }

    fn issues<'f, 'i: 'f>(&mut self, issues: impl Iterator<Item = &'f Found<'i>> + Clone) {
        self.array(issues.clone().count());
        for issue in issues {
            self.issue(issue);
        }
    }

    fn issue(&mut self, issue: &Found<'_>) {
        self.ops.extend([
            f64::from(result::ISSUE),
            boundary::code_name(issue.code) as f64,
            boundary::severity_name(issue.severity) as f64,
        ]);
        self.array(issue.steps.len());
        for step in &issue.steps {
            match step {
                Step::Key(key, _) => self.text(key),
                Step::Index(index) => self.number(*index as f64),
            }
        }
        self.pointer(&issue.steps);
        let flags = u8::from(!issue.params.is_empty())
            | (u8::from(!issue.related.is_empty()) << 1)
            | (u8::from(!issue.fixes.is_empty()) << 2);
        self.ops.push(f64::from(flags));
        if !issue.params.is_empty() {
            self.params(&issue.params);
        }
        if !issue.related.is_empty() {
            self.array(issue.related.len());
            for pointer in &issue.related {
                self.text(pointer);
            }
        }
        if !issue.fixes.is_empty() {
            self.ops.push(issue.fixes.len() as f64);
            for fix in &issue.fixes {
                self.fix(fix);
            }
        }
    }

    /// Params as an object. Every param name must be a fixed name (`boundary::FIXED_NAMES`):
    /// the case tables' params and fixes, compared through the JS boundary
    /// (tests/js/suite.mjs), show a name missing there.
    fn params(&mut self, params: &Params) {
        self.object(params.iter().count());
        for (name, value) in params.iter() {
            self.named_key(boundary::fixed_name(name).unwrap_or(0));
            self.param(value);
        }
    }

    fn param(&mut self, value: &ParamValue) {
        match value {
            ParamValue::Text(text) => self.text(text),
            ParamValue::Number(number) => self.number(*number),
        }
    }

    /// A fix: its kind's number, its params, then its patch's operations (`boundary::patch`):
    /// replace, a place and a value; replace with the fix's `value` param, a place; move, the
    /// places from and to. A place is the issue's own or a text, the name of a member of the
    /// object that holds it: JS writes the pointers from the issue's, and renders the message.
    fn fix(&mut self, fix: &Offer) {
        self.ops.push(fix.kind as u8 as f64);
        self.params(&fix.params);
        self.ops.push(fix.edits.len() as f64);
        for edit in &fix.edits {
            match edit {
                Edit::Replace { at, value: None } => {
                    self.ops.push(f64::from(patch::REPLACE_WITH_VALUE));
                    self.place(at);
                }
                Edit::Replace {
                    at,
                    value: Some(value),
                } => {
                    self.ops.push(f64::from(patch::REPLACE));
                    self.place(at);
                    self.param(value);
                }
                Edit::Move { from, to } => {
                    self.ops.push(f64::from(patch::MOVE));
                    self.place(from);
                    self.place(to);
                }
            }
        }
    }

    fn place(&mut self, target: &Target) {
        match target {
            Target::Here => self.ops.push(f64::from(patch::HERE)),
            Target::Sibling(name) => self.text(name),
        }
    }

    /// `{valid, errors, warnings, value?}`.
    fn report(&mut self, validated: &Validated<'_>) {
        self.op(result::REPORT, f64::from(u8::from(validated.valid())));
        self.issues(validated.issues.errors());
        self.issues(validated.issues.warnings());
        if let Some(body) = validated.value() {
            self.checked(body);
        }
    }

    /// A checked object's valid fields, keys by their place in its table.
    fn checked(&mut self, checked: &Checked<'_>) {
        let given = |slot: &&crate::checked::Slot<'_>| matches!(slot.outcome, Outcome::Valid(_));
        self.object(checked.slots.iter().filter(given).count());
        // The table's first name number, found once: its fields' follow it.
        let first = self.first_field_name(checked.fields);
        for (index, slot) in checked.slots.iter().enumerate() {
            if let Outcome::Valid(norm) = &slot.outcome {
                self.named_key(first + index);
                self.norm(norm);
            }
        }
    }

    /// A normalized value.
    fn norm(&mut self, norm: &Norm<'_>) {
        match norm {
            Norm::Text(text) => self.text(text),
            Norm::Number(number) => self.number(*number),
            Norm::Time(instant) => self.time(instant),
            Norm::Strings(entries) => {
                self.array(entries.len());
                for entry in entries {
                    self.text(entry);
                }
            }
            Norm::Map(entries) => {
                self.map(entries.len());
                for (key, value) in entries {
                    self.key(key);
                    self.text(value);
                }
            }
            Norm::Object(checked) => self.checked(checked),
            Norm::Objects(entries) => {
                self.array(entries.len());
                for (_, checked) in entries {
                    self.checked(checked);
                }
            }
        }
    }

    fn finish<M: Memory>(self) {
        build_result(
            address(self.ops.as_ptr()),
            self.ops.len() as u32,
            address(self.text.as_ptr()),
            self.text.len() as u32,
        );
        M::release(self);
    }
}

impl ResultTape {
    #[inline(never)]
    fn text(&mut self, text: &str) {
        self.put(f64::from(result::TEXT) + Self::units(text), text.as_bytes());
    }

    /// The RFC 6901 pointer of `steps`, written straight onto the tape: no text is made for
    /// it first.
    fn pointer(&mut self, steps: &[Step<'_>]) {
        let start = self.text.len();
        path::write_pointer(steps, &mut self.text);
        let written = self.text.get(start..).unwrap_or_default();
        let units = if written.is_ascii() {
            written.len()
        } else {
            core::str::from_utf8(written).map_or(0, |text| text.encode_utf16().count())
        };
        self.ops.push(f64::from(result::TEXT) + units as f64);
    }

    /// One op, then `bytes` of text: a text's (its op and length), or a map key's (its length).
    #[inline(always)]
    fn put(&mut self, op: f64, bytes: &[u8]) {
        self.ops.push(op);
        self.text.extend_from_slice(bytes);
    }

    /// A timestamp, as `iso_bytes` prints it.
    fn time(&mut self, instant: &time::Instant) {
        let whole = instant.fraction.is_empty();
        let text = match self.last_time {
            Some((seconds, text)) if whole && seconds == instant.seconds => text,
            _ => {
                let text = instant.iso_bytes();
                if whole {
                    self.last_time = Some((instant.seconds, text));
                }
                text
            }
        };
        self.ascii(&text);
    }

    /// A text of ASCII bytes (a timestamp as `iso_bytes` prints it): one unit a byte.
    fn ascii(&mut self, text: &[u8]) {
        self.put(f64::from(result::TEXT) + text.len() as f64, text);
    }

    #[inline(always)]
    fn number(&mut self, number: f64) {
        self.op(result::NUMBER, number);
    }

    #[inline(always)]
    fn array(&mut self, len: usize) {
        self.op(result::ARRAY, len as f64);
    }

    #[inline(always)]
    fn object(&mut self, len: usize) {
        self.op(result::OBJECT, len as f64);
    }

    fn map(&mut self, len: usize) {
        self.op(result::MAP, len as f64);
    }

    /// The name number of the first field of `fields`.
    fn first_field_name(&mut self, fields: &'static [Field]) -> usize {
        self.tables
            .get_or_insert_with(Tables::walk)
            .field_name(fields, 0)
    }

    fn key(&mut self, key: &str) {
        self.put(Self::units(key), key.as_bytes());
    }
}

/// Writes the report of `validated` for `buildResult`, then lets go of both.
fn report_value<M: Memory>(validated: Validated<'_>) {
    let mut tape = ResultTape::new();
    tape.report(&validated);
    tape.finish::<M>();
    M::release(validated);
}

/// `validateCredit` of js/index.js (the module's export `validateTape`, wasm/src/lib.rs),
/// once `readDraft` has written the draft's tape of `count` ops: validates and normalizes
/// it, the report left for `takeResult`. Never throws.
pub fn validate_tape<M: Memory>(count: u32) {
    with_tape::<M>(count, true, &|input, options| {
        report_value::<M>(walk::validate_input(&input, options));
        M::release(input);
    });
}

/// `validateCreditJson` of js/json.js (the module's export `validateJsonTape`, wasm/src/lib.rs), once `readDraft` has written the tape (the text as a
/// scalar): validates a draft given as JSON text; a non-string is `invalid_type` at `""`.
/// The report is left for `takeResult`, and the answer is `true`. Built without the
/// `json-text` feature (the lite module) it answers `false`, which `js/json.js` turns into an
/// error naming the module to load; both builds keep this one signature so that they share
/// one glue.
pub fn validate_json_tape<M: Memory>(count: u32) -> bool {
    #[cfg(feature = "json-text")]
    {
        with_tape::<M>(count, false, &|input, options| {
            crate::validate_json_input(input, options, report_value::<M>, |draft| {
                M::release(draft);
            });
        });
        true
    }
    #[cfg(not(feature = "json-text"))]
    {
        let _ = count;
        false
    }
}

/// Validates and normalizes a draft given as a JS value, as the package's `validateCredit`
/// does, for Rust callers (tests/web.rs): the draft is read through the `readDraft` import.
pub fn validate_credit(draft: JsValue, options: JsValue) -> JsValue {
    bind_memory(wasm_bindgen::memory());
    validate_tape::<Free>(read_draft(&draft, &options, true).unwrap_or(0));
    take_result()
}

/// `validateCreditJson` for Rust callers, as [`validate_credit`] is `validateCredit`.
pub fn validate_credit_json(json: JsValue, options: JsValue) -> JsValue {
    bind_memory(wasm_bindgen::memory());
    if validate_json_tape::<Free>(read_draft(&json, &options, false).unwrap_or(0)) {
        take_result()
    } else {
        JsValue::UNDEFINED
    }
}
