//! JSON text read along the schema by hand, into the same [`Input`] as
//! [`read_json`](crate::input::read_json) gives with serde_json (about 50 KB of wasm less).
//!
//! serde_json decides what JSON text is (SPEC section 6): this reader accepts exactly the
//! texts it accepts, refuses the others with the same message at the same line and column,
//! and checks in the same order, so that the first problem found is the same one. Its limits
//! are serde_json's: 128 arrays and objects nested (127 pass; levels the schema does not
//! describe count too), a number literal beyond the largest double, an escaped lone surrogate.
//! What the schema does not describe is parsed and checked, and nothing of it is kept.
//!
//! Each value is written in place, into its array's or object's entry, rather than returned:
//! returning each `Input` through a `Result` and copying it on made the whole read about a
//! fifth slower (measured natively on the bench corpus), slower than serde_json.

use crate::input::{Input, Received, Shape};
use crate::repeats::ObjectEntries;
use crate::schema::MAX_ENTRIES;
use alloc::borrow::Cow;
use alloc::vec::Vec;

mod error;
mod number;
mod string;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;

pub(crate) use error::JsonError;
use error::{Fault, Problem};

/// Reads a whole body along the schema (the same [`Input`] as
/// [`read_json`](crate::input::read_json)), or says why the text is not JSON.
pub(crate) fn read(text: &str) -> Result<Input<'_>, JsonError> {
    let mut reader = Reader {
        text,
        bytes: text.as_bytes(),
        index: 0,
        remaining_depth: 128,
    };
    let mut input = Input::Null;
    reader
        .body(&mut input)
        .map_err(|fault| JsonError::new(text.as_bytes(), fault))?;
    Ok(input)
}

/// Writes `value` to `slot`. A slot is most often a fresh entry, `Null`: then there is
/// nothing to drop, and no call to drop it.
#[inline(always)]
fn put<'a>(slot: &mut Input<'a>, value: Input<'a>) {
    if matches!(slot, Input::Null) {
        core::mem::forget(core::mem::replace(slot, value));
    } else {
        *slot = value;
    }
}

/// A byte in each of the eight lanes of a word.
const ONES: u64 = u64::MAX / 255;

/// Where the reading is in the text.
struct Reader<'a> {
    text: &'a str,
    bytes: &'a [u8],
    /// The next byte to read.
    index: usize,
    /// serde_json's count: 128 at the start, one less inside each array or object, and an
    /// array or object that would bring it to 0 is refused (so 127 levels pass).
    remaining_depth: u8,
}

impl<'a> Reader<'a> {
    #[inline(always)]
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.index).copied()
    }

    #[inline(always)]
    fn next(&mut self) -> Option<u8> {
        let byte = self.peek();
        if byte.is_some() {
            self.index += 1;
        }
        byte
    }

    /// Skips JSON whitespace; the byte after it, not consumed.
    #[inline(always)]
    fn whitespace(&mut self) -> Option<u8> {
        // Compact text has none: a byte above the space is returned without a call.
        match self.peek() {
            Some(byte) if byte > b' ' => Some(byte),
            _ => self.skip_whitespace(),
        }
    }

    fn skip_whitespace(&mut self) -> Option<u8> {
        loop {
            match self.peek() {
                Some(b'\n') => {
                    self.index += 1;
                    self.skip_spaces();
                }
                Some(b' ' | b'\t' | b'\r') => self.index += 1,
                other => return other,
            }
        }
    }

    /// A problem with the byte just consumed (serde_json's `error`).
    #[cold]
    fn error(&self, problem: Problem) -> Fault {
        Fault {
            problem,
            at: self.index,
        }
    }

    /// A problem with the byte about to be consumed (serde_json's `peek_error`).
    #[cold]
    fn peek_error(&self, problem: Problem) -> Fault {
        Fault {
            problem,
            at: self.bytes.len().min(self.index + 1),
        }
    }

    /// The whole text: one value at the body's shape, then only whitespace.
    fn body(&mut self, slot: &mut Input<'a>) -> Result<(), Fault> {
        self.value(Some(Shape::Object(crate::schema::BODY)), slot)?;
        match self.whitespace() {
            Some(_) => Err(self.peek_error(Problem::TrailingCharacters)),
            None => Ok(()),
        }
    }

    /// One value at `shape`, written to `slot`; `None` checks it and keeps nothing
    /// (serde_json's `deserialize_any` with the `Along` visitor).
    fn value(&mut self, shape: Option<Shape>, slot: &mut Input<'a>) -> Result<(), Fault> {
        let Some(peek) = self.whitespace() else {
            return Err(self.peek_error(Problem::EofWhileParsingValue));
        };
        match peek {
            b'"' => {
                self.index += 1;
                let value = match shape {
                    Some(_) => Input::String(self.string()?),
                    None => {
                        self.skip_string()?;
                        Input::Opaque(Received::String)
                    }
                };
                put(slot, value);
            }
            b'-' | b'0'..=b'9' => {
                let number = self.number()?;
                put(slot, Input::Number(number));
            }
            b'n' => {
                self.ident(b"null")?;
                put(slot, Input::Null);
            }
            b't' => {
                self.ident(b"true")?;
                put(slot, Input::Bool(true));
            }
            b'f' => {
                self.ident(b"false")?;
                put(slot, Input::Bool(false));
            }
            b'[' => {
                self.enter()?;
                self.array(shape.and_then(Shape::entry), slot)?;
                self.remaining_depth += 1;
            }
            b'{' => {
                self.enter()?;
                self.object(shape.filter(|shape| shape.takes_object()), slot)?;
                self.remaining_depth += 1;
            }
            _ => return Err(self.peek_error(Problem::ExpectedSomeValue)),
        }
        Ok(())
    }

    /// One level deeper, at the `[` or `{` about to be consumed, which it consumes.
    fn enter(&mut self) -> Result<(), Fault> {
        self.remaining_depth = self.remaining_depth.saturating_sub(1);
        if self.remaining_depth == 0 {
            return Err(self.peek_error(Problem::RecursionLimitExceeded));
        }
        self.index += 1;
        Ok(())
    }

    /// `null`, `true` or `false`, whose first byte is next.
    fn ident(&mut self, ident: &[u8]) -> Result<(), Fault> {
        self.index += 1;
        for &expected in ident.iter().skip(1) {
            match self.next() {
                None => return Err(self.error(Problem::EofWhileParsingValue)),
                Some(byte) if byte != expected => {
                    return Err(self.error(Problem::ExpectedSomeIdent))
                }
                Some(_) => {}
            }
        }
        Ok(())
    }

    /// The entries of an array whose `[` is consumed, each at `entry`, written to `slot`;
    /// `None` keeps nothing.
    fn array(&mut self, entry: Option<Shape>, slot: &mut Input<'a>) -> Result<(), Fault> {
        let mut entries: Vec<Input<'a>> = Vec::new();
        // Where values not kept go.
        let mut ignored = Input::Null;
        let mut count = 0usize;
        loop {
            let Some(peek) = self.whitespace() else {
                return Err(self.peek_error(Problem::EofWhileParsingList));
            };
            if peek == b']' {
                self.index += 1;
                break;
            }
            if count > 0 {
                if peek != b',' {
                    return Err(self.peek_error(Problem::ExpectedListCommaOrEnd));
                }
                self.index += 1;
                match self.whitespace() {
                    Some(b']') => return Err(self.peek_error(Problem::TrailingComma)),
                    Some(_) => {}
                    None => return Err(self.peek_error(Problem::EofWhileParsingValue)),
                }
            }
            // Entries past the limit are checked, counted and not kept.
            match entry.filter(|_| count < MAX_ENTRIES) {
                Some(entry) => {
                    entries.push(Input::Null);
                    let last = entries.last_mut().unwrap_or(&mut ignored);
                    self.value(Some(entry), last)?;
                }
                None => self.value(None, &mut ignored)?,
            }
            count += 1;
        }
        let array = match entry {
            None => Input::Opaque(Received::Array),
            Some(_) if count > MAX_ENTRIES => Input::TooMany {
                received: Received::Array,
                count,
            },
            Some(_) => Input::Array(entries),
        };
        put(slot, array);
        Ok(())
    }

    /// The entries of an object whose `{` is consumed, at `shape`, written to `slot`; `None`
    /// keeps nothing. A repeated key keeps its first place and takes the last value (as
    /// `JSON.parse`).
    fn object(&mut self, shape: Option<Shape>, slot: &mut Input<'a>) -> Result<(), Fault> {
        let mut entries = ObjectEntries::new();
        // Where values not kept go.
        let mut ignored = Input::Null;
        let mut first = true;
        loop {
            let Some(peek) = self.whitespace() else {
                return Err(self.peek_error(Problem::EofWhileParsingObject));
            };
            if peek == b'}' {
                self.index += 1;
                break;
            }
            if first {
                first = false;
                if peek != b'"' {
                    return Err(self.peek_error(Problem::KeyMustBeAString));
                }
            } else if peek == b',' {
                self.index += 1;
                match self.whitespace() {
                    Some(b'"') => {}
                    Some(b'}') => return Err(self.peek_error(Problem::TrailingComma)),
                    Some(_) => return Err(self.peek_error(Problem::KeyMustBeAString)),
                    None => return Err(self.peek_error(Problem::EofWhileParsingValue)),
                }
            } else {
                return Err(self.peek_error(Problem::ExpectedObjectCommaOrEnd));
            }
            self.index += 1;
            let Some(shape) = shape else {
                self.skip_string()?;
                self.colon()?;
                self.value(None, &mut ignored)?;
                continue;
            };
            let key = self.string()?;
            self.colon()?;
            // A known key borrows the table's name, which the walk then finds by address.
            let known = shape.field(&key);
            let key = known.map_or(key, |field| Cow::Borrowed(field.name));
            // Past the limit the object is `TooMany` whatever follows: only its keys count.
            let member = Some(known.map_or(Shape::Scalar, |field| Shape::of(&field.kind)))
                .filter(|_| entries.distinct() <= MAX_ENTRIES);
            self.value(member, entries.slot(key))?;
            entries.settle();
        }
        if shape.is_none() {
            put(slot, Input::Opaque(Received::Object));
            return Ok(());
        }
        let entries = entries.finish();
        let object = if entries.len() > MAX_ENTRIES {
            Input::TooMany {
                received: Received::Object,
                count: entries.len(),
            }
        } else {
            Input::Object(entries)
        };
        put(slot, object);
        Ok(())
    }

    /// The `:` after a key.
    fn colon(&mut self) -> Result<(), Fault> {
        match self.whitespace() {
            Some(b':') => {
                self.index += 1;
                Ok(())
            }
            Some(_) => Err(self.peek_error(Problem::ExpectedColon)),
            None => Err(self.peek_error(Problem::EofWhileParsingObject)),
        }
    }
}
