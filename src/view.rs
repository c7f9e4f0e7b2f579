//! The checked draft as the cross-field rules read it: typed, each value found by its
//! field's const in `crate::schema` (no field name is spelled here), each place a [`Path`].
//! Renaming a field in the table renames it here; removing one fails to compile.

use crate::checked::{Checked, Norm, Outcome, Slot};
use crate::path::Path;
use crate::prelude::*;
use crate::schema::{
    access_schedule, body, schedule_item, Field, ACCESS_SCHEDULE, BODY, SCHEDULE_ITEM,
};
use crate::time::Instant;

/// `access_schedule`, when it is a valid object.
pub(crate) struct Schedule<'c> {
    /// The credit type the amounts are in: the one given, or the table's default when none
    /// is; `None` when the one given is in error.
    pub(crate) credit_type: Option<&'c str>,
    /// The access type, likewise: the one given, else the table's default (SPEND); `None`
    /// when the one given is in error.
    pub(crate) access_type: Option<&'c str>,
    /// The items that are objects, in input order.
    pub(crate) items: Vec<Item<'c>>,
}

/// One schedule item: its valid values.
pub(crate) struct Item<'c> {
    /// Its raw index in `schedule_items`.
    pub(crate) index: usize,
    pub(crate) amount: Option<f64>,
    pub(crate) starting_at: Option<&'c Instant>,
    pub(crate) ending_before: Option<&'c Instant>,
}

impl Item<'_> {
    /// The path of the item.
    pub(crate) fn path(&self) -> Path<'static> {
        Path::root()
            .field(BODY, &body::ACCESS_SCHEDULE)
            .field(ACCESS_SCHEDULE, &access_schedule::SCHEDULE_ITEMS)
            .index(self.index)
    }

    /// The path of one of the item's fields.
    pub(crate) fn path_of(&self, field: &Field) -> Path<'static> {
        self.path().field(SCHEDULE_ITEM, field)
    }
}

/// The schedule of `body`, if `access_schedule` and its `schedule_items` are valid.
pub(crate) fn schedule<'c>(body: &'c Checked<'_>) -> Option<Schedule<'c>> {
    let Some(Norm::Object(schedule)) = body.valid(&body::ACCESS_SCHEDULE) else {
        return None;
    };
    let Some(Norm::Objects(items)) = schedule.valid(&access_schedule::SCHEDULE_ITEMS) else {
        return None;
    };
    let credit_type = text_or_default(schedule, &access_schedule::CREDIT_TYPE_ID);
    let access_type = text_or_default(schedule, &access_schedule::ACCESS_TYPE);
    let items = items
        .iter()
        .map(|(index, item)| Item {
            index: *index,
            amount: match item.valid(&schedule_item::AMOUNT) {
                Some(Norm::Number(amount)) => Some(*amount),
                _ => None,
            },
            starting_at: time_of(item, &schedule_item::STARTING_AT),
            ending_before: time_of(item, &schedule_item::ENDING_BEFORE),
        })
        .collect();
    Some(Schedule {
        credit_type,
        access_type,
        items,
    })
}

/// The text of `field` when it is valid, the table's default when it is absent, `None` when
/// it is in error.
fn text_or_default<'c>(object: &'c Checked<'_>, field: &Field) -> Option<&'c str> {
    match object.slot(field) {
        Some(Slot {
            outcome: Outcome::Absent,
            ..
        }) => field.default(),
        Some(Slot {
            outcome: Outcome::Valid(Norm::Text(text)),
            errors: false,
            ..
        }) => Some(text.as_ref()),
        _ => None,
    }
}

fn time_of<'c>(object: &'c Checked<'_>, field: &Field) -> Option<&'c Instant> {
    match object.valid(field) {
        Some(Norm::Time(instant)) => Some(instant),
        _ => None,
    }
}

/// The targeting fields of the body.
pub(crate) struct Targeting<'c> {
    /// The specifiers that are objects, with their raw index, when `specifiers` is valid.
    pub(crate) specifiers: &'c [(usize, Checked<'c>)],
    /// Whether `specifiers` is given and valid with no error below it.
    pub(crate) specifiers_clean: bool,
    /// The product-level fields given and valid with no error below them.
    pub(crate) product_fields: Vec<&'static Field>,
}

/// The targeting fields of `body`.
pub(crate) fn targeting<'c>(body: &'c Checked<'c>) -> Targeting<'c> {
    let specifiers = match body.valid(&body::SPECIFIERS) {
        Some(Norm::Objects(entries)) => entries.as_slice(),
        _ => &[],
    };
    let product_fields = [
        &body::APPLICABLE_PRODUCT_IDS,
        &body::APPLICABLE_PRODUCT_TAGS,
    ]
    .into_iter()
    .filter(|field| body.is_clean(field))
    .collect();
    Targeting {
        specifiers,
        specifiers_clean: body.is_clean(&body::SPECIFIERS),
        product_fields,
    }
}

/// The path of a body field.
pub(crate) fn body_path(field: &Field) -> Path<'static> {
    Path::root().field(BODY, field)
}
