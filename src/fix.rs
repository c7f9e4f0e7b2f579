//! Fixes (SPEC section 8): edits that resolve an issue, offered as RFC 6902 patches on the
//! draft as given, the recommended one first. Nothing here changes a draft; a form applies
//! a fix when the user asks (`applyFix` in JS, [`apply_fix`](crate::apply_fix) in Rust).
//!
//! Every fix is worked out from the issue and the draft as read, after the walk: the rules
//! stay pure, and section 8's table is this one file. A fix is offered only where applying
//! it removes its issue and adds errors only at or below the places its patch writes.

use crate::collect::Found;
use crate::input::Input;
use crate::issue::{Code, ParamValue, Params};
use crate::path::Step;
use crate::prelude::*;
use crate::rules;
use crate::schema::{body, schedule_item, Field};
use crate::time::{self, Instant};

macro_rules! kinds {
    ($( $variant:ident = $kind:literal, $message:literal; )*) => {
        /// What a fix does (SPEC section 8).
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum FixKind {
            $(
                #[doc = $message]
                $variant,
            )*
        }

        impl FixKind {
            /// Every kind, in the order of SPEC section 8.
            pub const ALL: &'static [FixKind] = &[$(FixKind::$variant),*];

            /// The kind as it appears in JSON, e.g. `"round_down"`.
            pub fn as_str(self) -> &'static str {
                match self { $(FixKind::$variant => $kind),* }
            }

            /// The default English message template, with `{param}` placeholders.
            pub fn default_message(self) -> &'static str {
                match self { $(FixKind::$variant => $message),* }
            }
        }
    };
}

kinds! {
    RoundDown = "round_down", "Round down to {value}";
    RoundUp = "round_up", "Round up to {value}";
    AssumeUtc = "assume_utc", "Assume UTC: {value}";
    Rename = "rename", "Rename to {to}";
    Replace = "replace", "Replace with {value}";
    Round = "round", "Round to {value}";
    StartAfter = "start_after", "Start at {value}, when the other item ends";
    Swap = "swap", "Swap the start and the end";
}

/// The key of a fix's message in the `messages` option: `fix.<kind>`.
pub fn message_key(kind: FixKind) -> String {
    format!("fix.{}", kind.as_str())
}

/// One operation of a patch (RFC 6902); pointers address the draft as given.
#[derive(Debug, Clone, PartialEq)]
pub enum PatchOperation {
    /// `{"op": "replace", "path", "value"}`.
    Replace {
        /// Where.
        path: String,
        /// The new value: a text or a number.
        value: ParamValue,
    },
    /// `{"op": "move", "from", "path"}`.
    Move {
        /// The key moved.
        from: String,
        /// Where it goes.
        path: String,
    },
}

/// An edit that resolves an issue: `{kind, message, params?, patch}`.
#[derive(Debug, Clone, PartialEq)]
pub struct Fix {
    /// What it does.
    pub kind: FixKind,
    /// The message, from the catalog (`fix.<kind>`) or the caller's override.
    pub message: String,
    /// The values the message was built from.
    pub params: Params,
    /// The patch to apply to the draft as given.
    pub patch: Vec<PatchOperation>,
}

/// A fix as offered: its patch written relative to its issue ([`Edit`]s), so that no pointer
/// is made for it until the fix is given out: as the Rust API's [`Fix`] (`Offer::fix`), or
/// on the wasm's result tape, which names the places and leaves the pointers to JS.
#[derive(Debug)]
pub(crate) struct Offer {
    pub(crate) kind: FixKind,
    pub(crate) params: Params,
    pub(crate) edits: Vec<Edit>,
}

/// One operation of a fix's patch, relative to its issue.
#[derive(Debug)]
pub(crate) enum Edit {
    /// Replace the value at the place with `value`, or with the fix's `value` param when
    /// `None` (the fixes that replace one value show it).
    Replace {
        at: Target,
        value: Option<ParamValue>,
    },
    /// Move the member at `from` to `to`.
    Move { from: Target, to: Target },
}

/// A place a patch operation writes, relative to its issue.
#[derive(Debug)]
pub(crate) enum Target {
    /// The issue's own.
    Here,
    /// The member of this name of the object that holds the issue's.
    Sibling(Cow<'static, str>),
}

#[cfg(not(target_arch = "wasm32"))]
impl Offer {
    /// The fix of the Rust API for the issue at `pointer` (its message left to the caller).
    pub(crate) fn fix(self, pointer: &str) -> Fix {
        let place = |target: &Target| match target {
            Target::Here => pointer.to_owned(),
            Target::Sibling(name) => sibling(pointer, name),
        };
        let patch = self
            .edits
            .iter()
            .map(|edit| match edit {
                Edit::Replace { at, value } => PatchOperation::Replace {
                    path: place(at),
                    value: value
                        .clone()
                        .or_else(|| self.params.get("value").cloned())
                        .unwrap_or_else(|| ParamValue::Text(String::new())),
                },
                Edit::Move { from, to } => PatchOperation::Move {
                    from: place(from),
                    path: place(to),
                },
            })
            .collect();
        Fix {
            kind: self.kind,
            message: String::new(),
            params: self.params,
            patch,
        }
    }
}

/// A fix that replaces the issue's value with `value` (its param `value`).
fn replace(kind: FixKind, value: ParamValue) -> Offer {
    Offer {
        kind,
        params: Params::new().with("value", value),
        edits: vec![Edit::Replace {
            at: Target::Here,
            value: None,
        }],
    }
}

/// The fixes section 8 offers for `issue` of `draft`, the recommended one first.
pub(crate) fn offer(issue: &Found<'_>, draft: &Input<'_>) -> Vec<Offer> {
    let mut fixes = candidates(issue, draft);
    fixes.retain(|fix| !adds_elsewhere(issue, draft, fix));
    fixes
}

/// Whether a rename or a respelled UUID could add an error outside what it writes: an
/// `invalid_range` on the item's end (a start moved in that is not before it), or a
/// `conflict` on `/specifiers` (a value moved or made valid on one side of the targeting
/// while the other side is given). The value of an unknown key is read only when it is a
/// scalar, so for targeting this is decided without it: not offered while the other side is
/// given.
fn adds_elsewhere(issue: &Found<'_>, draft: &Input<'_>, fix: &Offer) -> bool {
    let to = match fix.params.get("to") {
        Some(ParamValue::Text(to)) => to.as_str(),
        _ => "",
    };
    if issue.code == Code::UnknownField && to == schedule_item::STARTING_AT.name {
        let start = value_at(draft, &issue.steps).and_then(time::read);
        let place = Place::of(
            draft,
            issue.steps.split_last().map_or(&[], |(_, parent)| parent),
        );
        if let (Some(Ok(start)), Some(end)) =
            (start, place.instant(schedule_item::ENDING_BEFORE.name))
        {
            return start >= end;
        }
        return false;
    }
    if !matches!(issue.code, Code::UnknownField | Code::InvalidUuid) {
        return false;
    }
    // Given: with an entry that is not blank (what normalization leaves, roughly: an entry in
    // error counts too, which only makes this more careful).
    fn filled(value: &Input<'_>) -> bool {
        match value {
            Input::Undefined | Input::Null => false,
            Input::String(text) => !trim(text).is_empty(),
            Input::Array(entries) => entries.iter().any(filled),
            _ => true,
        }
    }
    let given = |field: &Field| member(draft, field.name).is_some_and(filled);
    let product_level = [
        &body::APPLICABLE_PRODUCT_IDS,
        &body::APPLICABLE_PRODUCT_TAGS,
    ];
    // The body field the value lands in or under.
    let first = match issue.steps.first() {
        Some(Step::Key(key, _)) if issue.steps.len() > 1 => key,
        _ => to,
    };
    if product_level.iter().any(|field| field.name == first) {
        given(&body::SPECIFIERS)
    } else {
        first == body::SPECIFIERS.name
            && issue.steps.len() > 1
            && product_level.iter().any(|field| given(field))
    }
}

/// The fixes of section 8's table for `issue`, before `adds_elsewhere` judges them. Kept
/// out of line, so that the walk's entry (which calls it once per issue) stays as small as
/// it was.
#[inline(never)]
fn candidates(issue: &Found<'_>, draft: &Input<'_>) -> Vec<Offer> {
    let Some((last, parent)) = issue.steps.split_last() else {
        return Vec::new();
    };
    let field = match last {
        Step::Key(key, _) => key,
        Step::Index(_) => "",
    };
    let here = Place::of(draft, parent);
    let text = |name: &str| ParamValue::Text(name.to_owned());
    let mut fixes = Vec::new();
    let mut replace_here = |kind, value| fixes.push(replace(kind, value));
    match issue.code {
        Code::NotHourAligned => {
            let Some(instant) = here.instant(field) else {
                return Vec::new();
            };
            // The hour at or before and the hour after, the one that keeps the credit as long
            // first; neither past year 9999, nor one that reaches the item's other end (an
            // `invalid_range` where the patch does not write).
            let starts = field == schedule_item::STARTING_AT.name;
            let other = here.instant(if starts {
                schedule_item::ENDING_BEFORE.name
            } else {
                schedule_item::STARTING_AT.name
            });
            let down = Instant::whole(instant.hour_start())
                .filter(|down| starts || other.as_ref().is_none_or(|start| down > start));
            let up = Instant::whole(instant.hour_start() + 3600)
                .filter(|up| !starts || other.as_ref().is_none_or(|end| up < end));
            let mut rounded = [(FixKind::RoundDown, down), (FixKind::RoundUp, up)];
            if !starts {
                rounded.reverse();
            }
            for (kind, instant) in rounded {
                if let Some(instant) = instant {
                    replace_here(kind, iso(&instant));
                }
            }
        }
        // A date and time without an offset: the same read as UTC; on a start, only when it
        // stays before the item's end (an `invalid_range` where the patch does not write).
        Code::InvalidTimestamp => {
            let end = here.instant(schedule_item::ENDING_BEFORE.name);
            let starts = field == schedule_item::STARTING_AT.name;
            if let Some(text) = here.text(field) {
                if time::parse(text) == Err(time::TimestampError::MissingOffset) {
                    if let Ok(instant) = time::parse_as_utc(text) {
                        if !starts || end.is_none_or(|end| instant < end) {
                            replace_here(FixKind::AssumeUtc, iso(&instant));
                        }
                    }
                }
            }
        }
        Code::InvalidEnum => {
            if let Some(ParamValue::Text(value)) = issue.params.get("suggestion") {
                replace_here(FixKind::Replace, text(value));
            }
        }
        Code::InvalidUuid => {
            let own = match value_at(draft, &issue.steps) {
                Some(Input::String(text)) => respelled_uuid(trim(text)),
                _ => None,
            };
            if let Some(uuid) = own {
                replace_here(FixKind::Replace, ParamValue::Text(uuid));
            }
        }
        // Whole cents, halves away from zero (an amount here is above 0: up), when above 0.
        Code::FractionalCents => {
            let amount = match here.value(field) {
                Some(Input::Number(amount)) => Some(*amount),
                Some(Input::String(text)) => rules::parse_number_input(trim(text)),
                _ => None,
            };
            if let Some(amount) = amount {
                let whole = floor(amount);
                let rounded = whole + f64::from(u8::from(amount - whole >= 0.5));
                if rounded > 0.0 {
                    replace_here(FixKind::Round, ParamValue::Number(rounded));
                }
            }
        }
        // Start when the other item ends, when that is before this item's own end.
        Code::OverlappingSchedule => {
            if let (Some(ParamValue::Number(with)), Some((_, items))) =
                (issue.params.get("with"), parent.split_last())
            {
                let other = Place::of(draft, items);
                let end = schedule_item::ENDING_BEFORE.name;
                if let (Some(other_end), Some(own_end)) =
                    (other.item_instant(*with as usize, end), here.instant(end))
                {
                    if other_end < own_end {
                        replace_here(FixKind::StartAfter, iso(&other_end));
                    }
                }
            }
        }
        Code::UnknownField => {
            // Move the key to the suggested one, when the object does not have that.
            if let (Some(ParamValue::Text(to)), Some(Input::Object(entries))) =
                (issue.params.get("suggestion"), value_at(draft, parent))
            {
                if !entries.iter().any(|(key, _)| key == to) {
                    fixes.push(Offer {
                        kind: FixKind::Rename,
                        params: Params::new().with("to", to.as_str()),
                        edits: vec![Edit::Move {
                            from: Target::Here,
                            to: Target::Sibling(Cow::Owned(to.clone())),
                        }],
                    });
                }
            }
        }
        // Exchange the start and the end, when both are timestamps and differ.
        Code::InvalidRange => {
            let start_name = schedule_item::STARTING_AT.name;
            if let (Some(start), Some(end)) = (here.instant(start_name), here.instant(field)) {
                if start != end {
                    fixes.push(Offer {
                        kind: FixKind::Swap,
                        params: Params::new(),
                        edits: vec![
                            Edit::Replace {
                                at: Target::Sibling(Cow::Borrowed(start_name)),
                                value: Some(iso(&end)),
                            },
                            Edit::Replace {
                                at: Target::Here,
                                value: Some(iso(&start)),
                            },
                        ],
                    });
                }
            }
        }
        _ => {}
    }
    fixes
}

/// Where an issue is: the members of its parent object, read from the draft as given.
#[derive(Clone, Copy)]
struct Place<'d> {
    /// The value that holds the issue's, found once.
    parent: Option<&'d Input<'d>>,
}

impl<'d> Place<'d> {
    /// The place under the value at `parent` of `draft`.
    fn of(draft: &'d Input<'d>, parent: &[Step<'_>]) -> Self {
        Place {
            parent: value_at(draft, parent),
        }
    }

    /// The member `name` of the parent object.
    fn value(&self, name: &str) -> Option<&'d Input<'d>> {
        member(self.parent?, name)
    }

    fn text(&self, name: &str) -> Option<&'d str> {
        match self.value(name)? {
            Input::String(text) => Some(trim(text)),
            _ => None,
        }
    }

    /// The member `name` as an instant, if it is a timestamp (on the hour or not).
    fn instant(&self, name: &str) -> Option<Instant> {
        time::read(self.value(name)?)?.ok()
    }

    /// Member `name` of entry `index` of the parent array, as an instant.
    fn item_instant(&self, index: usize, name: &str) -> Option<Instant> {
        match self.parent? {
            Input::Array(items) => time::read(member(items.get(index)?, name)?)?.ok(),
            _ => None,
        }
    }
}

/// The pointer of the member `name` of the object that holds the member at `pointer`
/// (js/edge.js `place` writes it the same way).
#[cfg(not(target_arch = "wasm32"))]
fn sibling(pointer: &str, name: &str) -> String {
    // An escaped key has no '/': the parent's pointer ends at the last one. `name` is a
    // table's field name, which needs no escaping.
    let cut = pointer.rfind('/').unwrap_or(0);
    let mut sibling = pointer.get(..cut).unwrap_or_default().to_owned();
    sibling.push('/');
    sibling.push_str(name);
    sibling
}

/// The value at `path` of the draft as read (the first of repeated keys, as the walk reads).
fn value_at<'d>(draft: &'d Input<'d>, path: &[Step<'_>]) -> Option<&'d Input<'d>> {
    let mut value = draft;
    for step in path {
        value = match (value, step) {
            (object, Step::Key(key, _)) => member(object, key)?,
            (Input::Array(entries), Step::Index(index)) => entries.get(*index)?,
            _ => return None,
        };
    }
    Some(value)
}

fn member<'d>(object: &'d Input<'d>, name: &str) -> Option<&'d Input<'d>> {
    match object {
        // A known key of the draft and a field's name share their text's address: found
        // with no text compared.
        Input::Object(entries) => entries
            .iter()
            .find(|(key, _)| core::ptr::eq(key.as_ref(), name) || key == name)
            .map(|(_, member)| member),
        _ => None,
    }
}

fn iso(instant: &Instant) -> ParamValue {
    ParamValue::Text(instant.to_iso())
}

/// One UUID in another common spelling (in braces, after `urn:uuid:`, or 32 hexadecimal
/// digits without hyphens), canonical and lowercase.
fn respelled_uuid(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let hyphenated = match (bytes.first(), bytes.last()) {
        (Some(b'{'), Some(b'}')) => text.get(1..text.len() - 1),
        _ => match text.get(..9) {
            Some(prefix) if prefix.eq_ignore_ascii_case("urn:uuid:") => text.get(9..),
            _ => None,
        },
    };
    if let Some(inner) = hyphenated.filter(|inner| rules::is_uuid(inner)) {
        return Some(inner.to_ascii_lowercase());
    }
    if bytes.len() != 32 || !bytes.iter().all(u8::is_ascii_hexdigit) {
        return None;
    }
    let mut uuid = String::with_capacity(36);
    for (at, &byte) in bytes.iter().enumerate() {
        if matches!(at, 8 | 12 | 16 | 20) {
            uuid.push('-');
        }
        uuid.push(char::from(byte.to_ascii_lowercase()));
    }
    Some(uuid)
}

#[cfg(not(target_arch = "wasm32"))]
mod json {
    use super::{Fix, FixKind, PatchOperation};
    use serde::ser::{SerializeMap, Serializer};
    use serde::Serialize;

    impl Serialize for FixKind {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            serializer.serialize_str(self.as_str())
        }
    }

    /// RFC 6902: `{"op", "path", "value"}` or `{"op", "from", "path"}`.
    impl Serialize for PatchOperation {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let mut map = serializer.serialize_map(Some(3))?;
            match self {
                PatchOperation::Replace { path, value } => {
                    map.serialize_entry("op", "replace")?;
                    map.serialize_entry("path", path)?;
                    map.serialize_entry("value", value)?;
                }
                PatchOperation::Move { from, path } => {
                    map.serialize_entry("op", "move")?;
                    map.serialize_entry("from", from)?;
                    map.serialize_entry("path", path)?;
                }
            }
            map.end()
        }
    }

    impl Serialize for Fix {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let mut map = serializer.serialize_map(None)?;
            map.serialize_entry("kind", &self.kind)?;
            map.serialize_entry("message", &self.message)?;
            if !self.params.is_empty() {
                map.serialize_entry("params", &self.params)?;
            }
            map.serialize_entry("patch", &self.patch)?;
            map.end()
        }
    }
}

/// `draft` with `fix`'s patch applied (what `applyFix` does in JS): a new value, `draft`
/// untouched; `draft` as it is when a path of the patch is not there.
#[cfg(not(target_arch = "wasm32"))]
pub fn apply_fix(draft: &serde_json::Value, fix: &Fix) -> serde_json::Value {
    let mut patched = draft.clone();
    for operation in &fix.patch {
        let applied = match operation {
            PatchOperation::Replace { path, value } => patched
                .pointer_mut(path)
                .map(|slot| *slot = serde_json::json!(value)),
            PatchOperation::Move { from, path } => {
                take(&mut patched, from).and_then(|value| insert(&mut patched, path, value))
            }
        };
        if applied.is_none() {
            return draft.clone();
        }
    }
    patched
}

/// Splits a pointer into its parent's pointer and its last key, unescaped.
#[cfg(not(target_arch = "wasm32"))]
fn split_pointer(pointer: &str) -> Option<(&str, String)> {
    let slash = pointer.rfind('/')?;
    let key = pointer
        .get(slash + 1..)?
        .replace("~1", "/")
        .replace("~0", "~");
    Some((pointer.get(..slash)?, key))
}

#[cfg(not(target_arch = "wasm32"))]
fn take(draft: &mut serde_json::Value, pointer: &str) -> Option<serde_json::Value> {
    let (parent, key) = split_pointer(pointer)?;
    draft
        .pointer_mut(parent)?
        .as_object_mut()?
        .shift_remove(&key)
}

#[cfg(not(target_arch = "wasm32"))]
fn insert(draft: &mut serde_json::Value, pointer: &str, value: serde_json::Value) -> Option<()> {
    let (parent, key) = split_pointer(pointer)?;
    draft
        .pointer_mut(parent)?
        .as_object_mut()?
        .insert(key, value);
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uuids_in_other_spellings_are_respelled() {
        let canonical = "13117714-3f05-48e5-a6e9-a66093f13b4d";
        for text in [
            "{13117714-3F05-48E5-A6E9-A66093F13B4D}",
            "urn:uuid:13117714-3f05-48e5-a6e9-a66093f13b4d",
            "URN:UUID:13117714-3f05-48e5-a6e9-a66093f13b4d",
            "131177143f0548e5a6e9a66093f13b4d",
            "131177143F0548E5A6E9A66093F13B4D",
        ] {
            assert_eq!(respelled_uuid(text).as_deref(), Some(canonical), "{text}");
        }
        for text in [
            "{131177143f0548e5a6e9a66093f13b4d}",
            "urn:uuid:131177143f0548e5a6e9a66093f13b4d",
            "{13117714-3f05-48e5-a6e9-a66093f13b4}",
            "131177143f0548e5a6e9a66093f13b4",
            "131177143f0548e5a6e9a66093f13b4g",
            "13117714-3f05-48e5-a6e9-a66093f13b4d-",
            "{}",
            "{",
            "",
            "uuid:urn:13117714-3f05-48e5-a6e9-a66093f13b4d",
        ] {
            assert_eq!(respelled_uuid(text), None, "{text}");
        }
    }

    #[test]
    #[cfg(not(target_arch = "wasm32"))]
    fn apply_fix_replaces_and_moves_on_escaped_pointers_and_leaves_a_stale_patch_alone() {
        use serde_json::json;
        let draft = json!({"a/b": {"x~y": 1, "keep": 2}, "list": [0, 1]});
        let fix = |patch| Fix {
            kind: FixKind::Replace,
            message: String::new(),
            params: Params::new(),
            patch,
        };
        let replace = |path: &str, value: ParamValue| PatchOperation::Replace {
            path: path.into(),
            value,
        };
        assert_eq!(
            apply_fix(
                &draft,
                &fix(vec![
                    replace("/a~1b/x~0y", ParamValue::Text("z".into())),
                    replace("/list/1", ParamValue::Number(5.0)),
                ])
            ),
            json!({"a/b": {"x~y": "z", "keep": 2}, "list": [0, 5]})
        );
        let moved = apply_fix(
            &draft,
            &fix(vec![PatchOperation::Move {
                from: "/a~1b/x~0y".into(),
                path: "/a~1b/to~1o".into(),
            }]),
        );
        assert_eq!(
            moved,
            json!({"a/b": {"keep": 2, "to/o": 1}, "list": [0, 1]})
        );
        for stale in [
            vec![replace("/nope/x", ParamValue::Number(1.0))],
            vec![
                replace("/list/0", ParamValue::Number(1.0)),
                PatchOperation::Move {
                    from: "/a~1b/gone".into(),
                    path: "/a~1b/x".into(),
                },
            ],
            vec![PatchOperation::Move {
                from: "/a~1b/keep".into(),
                path: "/list/x".into(),
            }],
        ] {
            assert_eq!(apply_fix(&draft, &fix(stale)), draft);
        }
    }

    #[test]
    fn fix_kinds_have_their_catalog_keys() {
        assert_eq!(message_key(FixKind::StartAfter), "fix.start_after");
        assert_eq!(FixKind::ALL.len(), 8);
    }
}
