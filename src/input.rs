//! Reading a draft along the schema, from any [`Source`]: a JSON value natively, a JS value
//! at the wasm edge.
//!
//! Only what the schema describes is descended into, so a cycle or nesting 100,000 deep under
//! an unknown key costs nothing, and an array or object with more than
//! [`MAX_ENTRIES`](crate::schema::MAX_ENTRIES) entries is not read at all.

use crate::schema::{Field, Kind, MAX_ENTRIES};

/// A value that could not be read: a getter or a Proxy trap threw.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unreadable;

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

/// The first look at a value: its kind, and the value itself when it is a primitive.
#[derive(Debug, Clone, PartialEq)]
pub enum Probe {
    /// `undefined`.
    Undefined,
    /// `null`.
    Null,
    /// A boolean.
    Bool(bool),
    /// A number (NaN and ±Infinity included, from JS).
    Number(f64),
    /// A string.
    String(String),
    /// A `Date`, as milliseconds since the epoch (NaN for an invalid date).
    Date(f64),
    /// An array: read its entries with [`Source::length`] and [`Source::element`].
    Array,
    /// A plain object: read it with [`Source::keys`] and [`Source::property`].
    Object,
    /// Anything else, not to be descended into.
    Other(Received),
}

/// A draft to read: the few operations the schema walk needs. Every read that runs user code
/// (a getter, a Proxy trap) returns `Err(Unreadable)` instead of throwing.
pub trait Source: Sized {
    /// What this value is.
    fn probe(&self) -> Probe;
    /// The length of an array.
    fn length(&self) -> Result<usize, Unreadable>;
    /// The entry at `index` of an array (`undefined` for a hole).
    fn element(&self, index: usize) -> Result<Self, Unreadable>;
    /// A key as the source holds it (a JS key may hold a lone surrogate that its text lost).
    type Key;
    /// The own, enumerable, string keys of a plain object, in order.
    fn keys(&self) -> Result<Vec<Self::Key>, Unreadable>;
    /// A key as text (lone surrogates become U+FFFD).
    fn key_text(key: &Self::Key) -> String;
    /// The value of `key` of a plain object.
    fn property(&self, key: &Self::Key) -> Result<Self, Unreadable>;
    /// The value of the property called `name` (for options, whose keys are known).
    fn named(&self, name: &str) -> Result<Self, Unreadable>;
}

/// A draft as read along the schema: only what the rules look at.
#[derive(Debug, Clone, PartialEq)]
pub enum Input {
    /// `undefined`.
    Undefined,
    /// `null`.
    Null,
    /// A boolean.
    Bool(bool),
    /// A number.
    Number(f64),
    /// A string.
    String(String),
    /// A `Date` as milliseconds since the epoch.
    Date(f64),
    /// An array the schema expects, entries read along the schema.
    Array(Vec<Input>),
    /// A plain object the schema expects, entries in input order.
    Object(Vec<(String, Input)>),
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

impl Input {
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
#[derive(Clone, Copy)]
enum Shape {
    Scalar,
    Object(&'static [Field]),
    Objects(&'static [Field]),
    Strings,
    Map,
}

impl Shape {
    fn of(kind: &Kind) -> Shape {
        match kind {
            Kind::Object(fields) => Shape::Object(fields),
            Kind::Objects(fields) => Shape::Objects(fields),
            Kind::Strings(_) => Shape::Strings,
            Kind::Map { .. } => Shape::Map,
            Kind::Uuid | Kind::Text { .. } | Kind::Number(_) | Kind::Timestamp | Kind::Enum(_) => {
                Shape::Scalar
            }
        }
    }
}

/// Reads one value where a scalar belongs: primitives as they are, anything else not descended.
pub fn read_scalar<S: Source>(source: &S) -> Input {
    read(source, Shape::Scalar)
}

/// Reads a whole draft along the body's table.
pub fn read_body<S: Source>(source: &S) -> Input {
    read(source, Shape::Object(crate::schema::BODY))
}

fn read<S: Source>(source: &S, shape: Shape) -> Input {
    match source.probe() {
        Probe::Undefined => Input::Undefined,
        Probe::Null => Input::Null,
        Probe::Bool(value) => Input::Bool(value),
        Probe::Number(value) => Input::Number(value),
        Probe::String(value) => Input::String(value),
        Probe::Date(millis) => Input::Date(millis),
        Probe::Other(received) => Input::Opaque(received),
        Probe::Array => match shape {
            Shape::Objects(fields) => read_array(source, Shape::Object(fields)),
            Shape::Strings => read_array(source, Shape::Scalar),
            Shape::Scalar | Shape::Object(_) | Shape::Map => Input::Opaque(Received::Array),
        },
        Probe::Object => match shape {
            Shape::Object(fields) => read_object(source, |key| {
                crate::schema::position(fields, key)
                    .and_then(|index| fields.get(index))
                    .map_or(Shape::Scalar, |field| Shape::of(&field.kind))
            }),
            Shape::Map => read_object(source, |_| Shape::Scalar),
            Shape::Scalar | Shape::Objects(_) | Shape::Strings => Input::Opaque(Received::Object),
        },
    }
}

fn read_array<S: Source>(source: &S, entry: Shape) -> Input {
    let length = match source.length() {
        Ok(length) => length,
        Err(Unreadable) => return Input::Opaque(Received::Unreadable),
    };
    if length > MAX_ENTRIES {
        return Input::TooMany {
            received: Received::Array,
            count: length,
        };
    }
    let entries = (0..length)
        .map(|index| match source.element(index) {
            Ok(value) => read(&value, entry),
            Err(Unreadable) => Input::Opaque(Received::Unreadable),
        })
        .collect();
    Input::Array(entries)
}

/// Reads a plain object; a key the shape does not describe is read as a scalar, which never
/// descends (its value only tells `undefined`, which means absent, from anything else).
fn read_object<S: Source>(source: &S, shape_of: impl Fn(&str) -> Shape) -> Input {
    let keys = match source.keys() {
        Ok(keys) => keys,
        Err(Unreadable) => return Input::Opaque(Received::Unreadable),
    };
    if keys.len() > MAX_ENTRIES {
        return Input::TooMany {
            received: Received::Object,
            count: keys.len(),
        };
    }
    let entries = keys
        .into_iter()
        .map(|key| {
            let text = S::key_text(&key);
            let value = match source.property(&key) {
                Ok(value) => read(&value, shape_of(&text)),
                Err(Unreadable) => Input::Opaque(Received::Unreadable),
            };
            (text, value)
        })
        .collect();
    Input::Object(entries)
}

impl<'a> Source for &'a serde_json::Value {
    type Key = &'a str;

    fn probe(&self) -> Probe {
        use serde_json::Value;
        match self {
            Value::Null => Probe::Null,
            Value::Bool(value) => Probe::Bool(*value),
            Value::Number(number) => Probe::Number(number.as_f64().unwrap_or(f64::NAN)),
            Value::String(text) => Probe::String(text.clone()),
            Value::Array(_) => Probe::Array,
            Value::Object(_) => Probe::Object,
        }
    }

    fn length(&self) -> Result<usize, Unreadable> {
        self.as_array().map(Vec::len).ok_or(Unreadable)
    }

    fn element(&self, index: usize) -> Result<Self, Unreadable> {
        self.get(index).ok_or(Unreadable)
    }

    fn keys(&self) -> Result<Vec<&'a str>, Unreadable> {
        let map = self.as_object().ok_or(Unreadable)?;
        Ok(map.keys().map(String::as_str).collect())
    }

    fn key_text(key: &&'a str) -> String {
        (*key).to_owned()
    }

    fn property(&self, key: &&'a str) -> Result<Self, Unreadable> {
        self.get(*key).ok_or(Unreadable)
    }

    fn named(&self, name: &str) -> Result<Self, Unreadable> {
        self.get(name).ok_or(Unreadable)
    }
}
