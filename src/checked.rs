//! What the walk gives: each object checked against its table, one slot per field, the
//! values normalized and typed. The cross-field rules read it through `view`; the output is
//! built from it (`output` natively, the wasm edge's result tape on wasm).

use crate::prelude::*;
use crate::schema::Field;
use crate::time::Instant;

/// What checking one field gave.
#[derive(Debug)]
pub(crate) enum Outcome<'i> {
    /// Not given (absent, `undefined`, `null`, blank, or empty after normalization).
    Absent,
    /// Given, in error, with nothing to output.
    Invalid,
    /// Given and readable; the field may still carry an error (a timestamp off the hour).
    Valid(Norm<'i>),
}

/// A normalized value; text is borrowed from the input unless normalization changed it.
#[derive(Debug)]
pub(crate) enum Norm<'i> {
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
pub(crate) struct Checked<'i> {
    /// The table: slot `i` is field `i` (the wasm edge writes keys by their place in it).
    pub(crate) fields: &'static [Field],
    pub(crate) slots: Vec<Slot<'i>>,
}

/// One field of a checked object.
#[derive(Debug)]
pub(crate) struct Slot<'i> {
    pub(crate) outcome: Outcome<'i>,
    /// Whether any error was reported at or below this field.
    pub(crate) errors: bool,
}

impl<'i> Checked<'i> {
    /// The slot of `field` (a const of `crate::schema`, so no rule spells a name).
    pub(crate) fn slot(&self, field: &Field) -> Option<&Slot<'i>> {
        // By address first: the const and the table share their name's text.
        let place = crate::schema::position(self.fields, field.name)?;
        self.slots.get(place)
    }

    /// The normalized value of `field`, if it is valid.
    pub(crate) fn valid(&self, field: &Field) -> Option<&Norm<'i>> {
        match self.slot(field) {
            Some(Slot {
                outcome: Outcome::Valid(norm),
                ..
            }) => Some(norm),
            _ => None,
        }
    }

    /// Whether `field` was given, valid, with no error at or below it.
    pub(crate) fn is_clean(&self, field: &Field) -> bool {
        matches!(
            self.slot(field),
            Some(Slot {
                outcome: Outcome::Valid(_),
                errors: false,
                ..
            })
        )
    }

    /// Whether no field of the object was given.
    pub(crate) fn is_empty(&self) -> bool {
        self.slots
            .iter()
            .all(|slot| matches!(slot.outcome, Outcome::Absent))
    }
}
