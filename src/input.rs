//! Reading a draft along the schema into an [`Input`]: from a JSON value or JSON text natively
//! (the wasm edge reads its tape in `src/wasm.rs`, the JSON text reader is `src/json_text.rs`).
//!
//! Only what the schema describes is descended into, so a cycle or nesting 100,000 deep under
//! an unknown key costs nothing, and an array or object with more than
//! [`MAX_ENTRIES`](crate::schema::MAX_ENTRIES) entries is not read at all.

use crate::prelude::*;
#[cfg(not(target_arch = "wasm32"))]
use crate::repeats::ObjectEntries;
#[cfg(not(target_arch = "wasm32"))]
use crate::schema::MAX_ENTRIES;
use crate::schema::{Field, Kind};
#[cfg(not(target_arch = "wasm32"))]
use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
#[cfg(not(target_arch = "wasm32"))]
use std::fmt;

/// What a value is, as `invalid_type` reports it in `received`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Received {
    /// `null`.
    Null,
    /// `undefined`, or a hole in a sparse array.
    Undefined,
    /// `true` or `false`.
    Boolean,
    /// A number.
    Number,
    /// A JS BigInt.
    Bigint,
    /// A string.
    String,
    /// A JS Symbol.
    Symbol,
    /// A JS function.
    Function,
    /// An array.
    Array,
    /// A plain object.
    Object,
    /// A JS `Date`.
    Date,
    /// An object that is not plain: a `Map`, `Set`, class instance or boxed primitive.
    Instance,
    /// A value whose reading threw.
    Unreadable,
}

impl Received {
    /// The name `invalid_type` puts in its `received` param.
    pub fn as_str(self) -> &'static str {
        match self {
            Received::Null => "null",
            Received::Undefined => "undefined",
            Received::Boolean => "boolean",
            Received::Number => "number",
            Received::Bigint => "bigint",
            Received::String => "string",
            Received::Symbol => "symbol",
            Received::Function => "function",
            Received::Array => "array",
            Received::Object => "object",
            Received::Date => "date",
            Received::Instance => "instance",
            Received::Unreadable => "unreadable",
        }
    }
}

/// A draft as read along the schema: only what the rules look at. Text is borrowed from the
/// source where possible, so reading a draft copies little.
#[derive(Debug, Clone, PartialEq)]
pub enum Input<'a> {
    /// `undefined`.
    Undefined,
    /// `null`.
    Null,
    /// A boolean.
    Bool(bool),
    /// A number.
    Number(f64),
    /// A string.
    String(Cow<'a, str>),
    /// A `Date` as milliseconds since the epoch.
    Date(f64),
    /// An array the schema expects, entries read along the schema.
    Array(Vec<Input<'a>>),
    /// A plain object the schema expects, entries in input order.
    Object(Vec<(Cow<'a, str>, Input<'a>)>),
    /// A value not descended into (an array or object where a scalar belongs, or a value
    /// no JSON has), with what it is.
    Opaque(Received),
    /// An array or object with more than the allowed number of entries, not read.
    TooMany {
        /// Array or object.
        received: Received,
        /// How many entries it has.
        count: usize,
    },
}

impl Input<'_> {
    /// What this value is, for `invalid_type`.
    pub fn received(&self) -> Received {
        match self {
            Input::Undefined => Received::Undefined,
            Input::Null => Received::Null,
            Input::Bool(_) => Received::Boolean,
            Input::Number(_) => Received::Number,
            Input::String(_) => Received::String,
            Input::Date(_) => Received::Date,
            Input::Array(_) => Received::Array,
            Input::Object(_) => Received::Object,
            Input::Opaque(received) | Input::TooMany { received, .. } => *received,
        }
    }
}

/// What the walk expects at a position.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Shape {
    /// A primitive: anything else is not descended into.
    Scalar,
    /// A plain object with this table.
    Object(&'static [Field]),
    /// An array of objects with this table.
    Objects(&'static [Field]),
    /// An array of strings.
    Strings,
    /// An object string → string.
    Map,
}

impl Shape {
    pub(crate) fn of(kind: &Kind) -> Shape {
        match kind {
            Kind::Object(fields) => Shape::Object(fields),
            Kind::Objects(fields) => Shape::Objects(fields),
            Kind::Strings(_) => Shape::Strings,
            Kind::Map { .. } => Shape::Map,
            Kind::Uuid { .. }
            | Kind::Text { .. }
            | Kind::Number(_)
            | Kind::Timestamp { .. }
            | Kind::Enum { .. } => Shape::Scalar,
        }
    }

    /// The shape of the value under `key` of an object of this shape; a key the table does
    /// not describe is read as a scalar, which never descends (its value only tells
    /// `undefined`, which means absent, from anything else).
    #[cfg(not(target_arch = "wasm32"))]
    pub(crate) fn member(self, key: &str) -> Shape {
        self.field(key)
            .map_or(Shape::Scalar, |field| Shape::of(&field.kind))
    }

    /// The table's field named `key`, if this shape is an object that has one.
    pub(crate) fn field(self, key: &str) -> Option<&'static Field> {
        match self {
            Shape::Object(fields) => {
                crate::schema::position(fields, key).and_then(|index| fields.get(index))
            }
            Shape::Scalar | Shape::Objects(_) | Shape::Strings | Shape::Map => None,
        }
    }

    /// The shape of an entry of an array of this shape, if this shape is an array.
    pub(crate) fn entry(self) -> Option<Shape> {
        match self {
            Shape::Objects(fields) => Some(Shape::Object(fields)),
            Shape::Strings => Some(Shape::Scalar),
            Shape::Scalar | Shape::Object(_) | Shape::Map => None,
        }
    }

    /// Whether an object is read here (the others take it as an opaque value).
    pub(crate) fn takes_object(self) -> bool {
        matches!(self, Shape::Object(_) | Shape::Map)
    }
}

/// Reads one value where a scalar belongs: primitives as they are, anything else not descended.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn read_scalar(value: &serde_json::Value) -> Input<'_> {
    read(value, Shape::Scalar)
}

/// Reads a whole draft along the body's table.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn read_body(value: &serde_json::Value) -> Input<'_> {
    read(value, Shape::Object(crate::schema::BODY))
}

#[cfg(not(target_arch = "wasm32"))]
fn read(value: &serde_json::Value, shape: Shape) -> Input<'_> {
    use serde_json::Value;
    match value {
        Value::Null => Input::Null,
        Value::Bool(value) => Input::Bool(*value),
        Value::Number(number) => Input::Number(number.as_f64().unwrap_or(f64::NAN)),
        Value::String(text) => Input::String(Cow::Borrowed(text)),
        Value::Array(entries) => match shape.entry() {
            Some(_) if entries.len() > MAX_ENTRIES => Input::TooMany {
                received: Received::Array,
                count: entries.len(),
            },
            Some(entry) => Input::Array(entries.iter().map(|value| read(value, entry)).collect()),
            None => Input::Opaque(Received::Array),
        },
        Value::Object(map) if shape.takes_object() => {
            if map.len() > MAX_ENTRIES {
                return Input::TooMany {
                    received: Received::Object,
                    count: map.len(),
                };
            }
            let entries = map
                .iter()
                .map(|(key, value)| (Cow::Borrowed(key.as_str()), read(value, shape.member(key))))
                .collect();
            Input::Object(entries)
        }
        Value::Object(_) => Input::Opaque(Received::Object),
    }
}

#[cfg(not(target_arch = "wasm32"))]
/// Reads JSON text along the schema with serde_json, without building a `serde_json::Value`:
/// what the schema does not describe is parsed (so that serde_json still decides what is
/// valid JSON: nesting, number overflow, lone surrogates) but nothing of it is kept.
/// Duplicate keys: the last value wins, at the first key's place (as `JSON.parse` does).
pub(crate) fn read_json(text: &str) -> Result<Input<'_>, serde_json::Error> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let input = Along(Some(Shape::Object(crate::schema::BODY))).deserialize(&mut deserializer)?;
    deserializer.end()?;
    Ok(input)
}

#[cfg(not(target_arch = "wasm32"))]
/// Reads one JSON value at a shape; `None` reads and keeps nothing (only what it was).
#[derive(Clone, Copy)]
struct Along(Option<Shape>);

#[cfg(not(target_arch = "wasm32"))]
impl<'de> DeserializeSeed<'de> for Along {
    type Value = Input<'de>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Input<'de>, D::Error> {
        deserializer.deserialize_any(self)
    }
}

#[cfg(not(target_arch = "wasm32"))]
impl<'de> Visitor<'de> for Along {
    type Value = Input<'de>;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("a JSON value")
    }

    fn visit_unit<E>(self) -> Result<Input<'de>, E> {
        Ok(Input::Null)
    }

    fn visit_bool<E>(self, value: bool) -> Result<Input<'de>, E> {
        Ok(Input::Bool(value))
    }

    fn visit_i64<E>(self, value: i64) -> Result<Input<'de>, E> {
        Ok(Input::Number(value as f64))
    }

    fn visit_u64<E>(self, value: u64) -> Result<Input<'de>, E> {
        Ok(Input::Number(value as f64))
    }

    fn visit_f64<E>(self, value: f64) -> Result<Input<'de>, E> {
        Ok(Input::Number(value))
    }

    fn visit_borrowed_str<E>(self, value: &'de str) -> Result<Input<'de>, E> {
        Ok(match self.0 {
            Some(_) => Input::String(Cow::Borrowed(value)),
            None => Input::Opaque(Received::String),
        })
    }

    fn visit_str<E>(self, value: &str) -> Result<Input<'de>, E> {
        Ok(match self.0 {
            Some(_) => Input::String(Cow::Owned(value.to_owned())),
            None => Input::Opaque(Received::String),
        })
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Input<'de>, A::Error> {
        let entry = self.0.and_then(Shape::entry);
        let mut entries = Vec::new();
        let mut count = 0usize;
        while let Some(value) =
            seq.next_element_seed(Along(entry.filter(|_| count < MAX_ENTRIES)))?
        {
            count += 1;
            if entry.is_some() && count <= MAX_ENTRIES {
                entries.push(value);
            }
        }
        Ok(match entry {
            None => Input::Opaque(Received::Array),
            Some(_) if count > MAX_ENTRIES => Input::TooMany {
                received: Received::Array,
                count,
            },
            Some(_) => Input::Array(entries),
        })
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Input<'de>, A::Error> {
        let shape = self.0.filter(|shape| shape.takes_object());
        let mut entries = ObjectEntries::new();
        while let Some(key) = map.next_key_seed(Along(Some(Shape::Scalar)))? {
            let Input::String(key) = key else {
                // serde_json keys are always strings.
                map.next_value_seed(Along(None))?;
                continue;
            };
            let value = map.next_value_seed(Along(shape.map(|shape| shape.member(&key))))?;
            if shape.is_none() {
                continue;
            }
            *entries.slot(key) = value;
            entries.settle();
        }
        let entries = entries.finish();
        Ok(match shape {
            None => Input::Opaque(Received::Object),
            Some(_) if entries.len() > MAX_ENTRIES => Input::TooMany {
                received: Received::Object,
                count: entries.len(),
            },
            Some(_) => Input::Object(entries),
        })
    }
}
