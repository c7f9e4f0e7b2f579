//! THE field table of SPEC section 2, once, as data.
//!
//! Unknown-key detection, "did you mean" suggestions, the key order of the output, the JSON
//! Schema export and the TypeScript declarations all read these tables.

use crate::prelude::*;

/// A field's doc line: for the JSON Schema and the TypeScript declarations, which are
/// generated natively, so the wasm carries none of the text.
#[cfg(not(target_arch = "wasm32"))]
macro_rules! doc {
    ($text:literal) => {
        $text
    };
}
#[cfg(target_arch = "wasm32")]
macro_rules! doc {
    ($text:literal) => {
        ""
    };
}

/// The credit type id of USD (cents), the default when `credit_type_id` is absent.
pub const USD_CENTS_CREDIT_TYPE_ID: &str = "2714e483-4ff1-48e4-9e25-ac732e8f24f2";

/// The most entries any array or object may have (a guard against hostile input).
pub const MAX_ENTRIES: usize = 10_000;

/// The allowed values of `rate_type`, uppercase.
pub const RATE_TYPES: &[&str] = &["COMMIT_RATE", "LIST_RATE"];

/// One key of an object in the request body.
#[derive(Debug)]
pub struct Field {
    /// The key, exactly as the API spells it.
    pub name: &'static str,
    /// Whether the body is incomplete without it.
    pub required: bool,
    /// What the value is and which rules apply.
    pub kind: Kind,
    /// One line for the JSON Schema and the TypeScript declarations.
    pub doc: &'static str,
}

/// What a field holds.
#[derive(Debug)]
pub enum Kind {
    /// A UUID string, lowercased.
    Uuid,
    /// A trimmed string, at most `max` code points.
    Text {
        /// The length limit in code points, if any.
        max: Option<usize>,
    },
    /// A finite number (or a number-input string).
    Number(NumberRule),
    /// An RFC 3339 instant on an hour boundary, written back in UTC.
    Timestamp,
    /// One of these uppercase values, any ASCII letter case accepted.
    Enum(&'static [&'static str]),
    /// A nested object with its own table.
    Object(&'static [Field]),
    /// An array of objects with this table; `required` arrays must not be empty.
    Objects(&'static [Field]),
    /// An array of strings.
    Strings(Entry),
    /// An object string → string.
    Map {
        /// The length limit of a key in code points, if any.
        key_max: Option<usize>,
        /// The length limit of a value in code points, if any.
        value_max: Option<usize>,
    },
}

/// The rules of a numeric field beyond "finite".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberRule {
    /// `priority`: any finite number; negative warns.
    Priority,
    /// `amount`: greater than 0; fractions of USD cents warn.
    Amount,
}

/// What an entry of a string array must be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    /// A UUID (error otherwise), lowercased.
    Uuid,
    /// A contract id: UUID-shaped ones are lowercased, others kept with a warning.
    ContractId,
    /// Any non-blank string.
    Tag,
}

/// The body: `CreditCreateParams`.
#[rustfmt::skip]
pub static BODY: &[Field] = &[
    Field { name: "customer_id", required: true, kind: Kind::Uuid, doc: doc!("The customer to credit (UUID).") },
    Field { name: "product_id", required: true, kind: Kind::Uuid, doc: doc!("The fixed product used to invoice the credit (UUID).") },
    Field { name: "priority", required: true, kind: Kind::Number(NumberRule::Priority), doc: doc!("Lower priorities are consumed first.") },
    Field { name: "access_schedule", required: true, kind: Kind::Object(ACCESS_SCHEDULE), doc: doc!("When and how much credit is available.") },
    Field { name: "name", required: false, kind: Kind::Text { max: None }, doc: doc!("Displayed on invoices.") },
    Field { name: "description", required: false, kind: Kind::Text { max: None }, doc: doc!("Shown in the UI and API only.") },
    Field { name: "applicable_contract_ids", required: false, kind: Kind::Strings(Entry::ContractId), doc: doc!("Contracts the credit applies to; absent: all of the customer's contracts.") },
    Field { name: "applicable_product_ids", required: false, kind: Kind::Strings(Entry::Uuid), doc: doc!("Products the credit applies to (UUIDs); absent together with tags: all products.") },
    Field { name: "applicable_product_tags", required: false, kind: Kind::Strings(Entry::Tag), doc: doc!("Product tags the credit applies to.") },
    Field { name: "specifiers", required: false, kind: Kind::Objects(SPECIFIER), doc: doc!("Finer targeting; not together with applicable_product_ids or applicable_product_tags.") },
    Field { name: "custom_fields", required: false, kind: Kind::Map { key_max: Some(100), value_max: Some(200) }, doc: doc!("Custom fields: keys at most 100 characters, values at most 200.") },
    Field { name: "rate_type", required: false, kind: Kind::Enum(RATE_TYPES), doc: doc!("COMMIT_RATE or LIST_RATE.") },
    Field { name: "uniqueness_key", required: false, kind: Kind::Text { max: Some(128) }, doc: doc!("1 to 128 characters; reusing one gives 409 upstream.") },
    Field { name: "netsuite_sales_order_id", required: false, kind: Kind::Text { max: None }, doc: doc!("The NetSuite sales order id.") },
    Field { name: "salesforce_opportunity_id", required: false, kind: Kind::Text { max: None }, doc: doc!("The Salesforce opportunity id.") },
];

/// `access_schedule`.
#[rustfmt::skip]
pub static ACCESS_SCHEDULE: &[Field] = &[
    Field { name: "credit_type_id", required: false, kind: Kind::Uuid, doc: doc!("The credit type (UUID); absent means USD (cents).") },
    Field { name: "schedule_items", required: true, kind: Kind::Objects(SCHEDULE_ITEM), doc: doc!("At least one item.") },
];

/// One item of `access_schedule.schedule_items`.
#[rustfmt::skip]
pub static SCHEDULE_ITEM: &[Field] = &[
    Field { name: "amount", required: true, kind: Kind::Number(NumberRule::Amount), doc: doc!("Greater than 0, in the credit type's unit (USD: cents).") },
    Field { name: "starting_at", required: true, kind: Kind::Timestamp, doc: doc!("Inclusive start, on an hour boundary (UTC).") },
    Field { name: "ending_before", required: true, kind: Kind::Timestamp, doc: doc!("Exclusive end, on an hour boundary, later than starting_at.") },
];

/// One entry of `specifiers`.
#[rustfmt::skip]
pub static SPECIFIER: &[Field] = &[
    Field { name: "product_id", required: false, kind: Kind::Uuid, doc: doc!("A product (UUID).") },
    Field { name: "product_tags", required: false, kind: Kind::Strings(Entry::Tag), doc: doc!("Product tags.") },
    Field { name: "pricing_group_values", required: false, kind: Kind::Map { key_max: None, value_max: None }, doc: doc!("Pricing group key → value.") },
    Field { name: "presentation_group_values", required: false, kind: Kind::Map { key_max: None, value_max: None }, doc: doc!("Presentation group key → value.") },
];

/// The position of `name` in `fields`, if it is one of them.
pub fn position(fields: &[Field], name: &str) -> Option<usize> {
    // A known key read from the tape borrows the table's own name: its address finds it.
    for (at, field) in fields.iter().enumerate() {
        if core::ptr::eq(field.name.as_ptr(), name.as_ptr()) && field.name.len() == name.len()
            || field.name == name
        {
            return Some(at);
        }
    }
    None
}

/// The known key closest to `unknown` (Levenshtein over code points, case-sensitive, at most
/// 2), ties to the first in the table.
pub fn suggestion(fields: &[Field], unknown: &str) -> Option<&'static str> {
    let mut best: Option<(usize, &'static str)> = None;
    for field in fields {
        let distance = levenshtein(unknown, field.name, 2);
        if distance <= 2 && best.is_none_or(|(best_distance, _)| distance < best_distance) {
            best = Some((distance, field.name));
        }
    }
    best.map(|(_, name)| name)
}

/// Levenshtein distance over code points; anything above `limit` is reported as `limit + 1`.
fn levenshtein(a: &str, b: &str, limit: usize) -> usize {
    // A 50 MB unknown key must not cost a 50 MB table: lengths apart by more than the limit
    // are already too far.
    if a.chars().count().abs_diff(b.chars().count()) > limit {
        return limit + 1;
    }
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    // The classic two-row table, read with `get` so that no index can panic.
    let cell = |row: &[usize], at: usize| row.get(at).copied().unwrap_or(usize::MAX);
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut current = Vec::with_capacity(b.len() + 1);
        current.push(i + 1);
        for (j, cb) in b.iter().enumerate() {
            let substitution = cell(&previous, j).saturating_add(usize::from(ca != cb));
            let deletion = cell(&previous, j + 1).saturating_add(1);
            let insertion = cell(&current, j).saturating_add(1);
            current.push(substitution.min(deletion).min(insertion));
        }
        previous = current;
    }
    cell(&previous, b.len()).min(limit + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestion_finds_close_keys_and_prefers_the_table_order() {
        assert_eq!(
            suggestion(BODY, "applicable_product_id"),
            Some("applicable_product_ids")
        );
        assert_eq!(suggestion(SCHEDULE_ITEM, "amout"), Some("amount"));
        assert_eq!(suggestion(BODY, "notes"), None);
        assert_eq!(suggestion(BODY, "Name"), Some("name"));
    }

    #[test]
    fn levenshtein_counts_code_points() {
        assert_eq!(levenshtein("namé", "name", 2), 1);
        assert_eq!(levenshtein("abc", "abcdef", 2), 3);
    }
}
