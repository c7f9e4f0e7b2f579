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

/// The credit type id of USD (cents): `access_schedule.credit_type_id`'s default, and the
/// credit type whose amounts are whole cents (`fractional_cents`).
pub const USD_CENTS_CREDIT_TYPE_ID: &str = "2714e483-4ff1-48e4-9e25-ac732e8f24f2";

/// The `access_schedule.access_type` whose amounts are quantities, not money: no
/// `fractional_cents`, and `describeCredit` writes them as units.
pub const QUANTITY_ACCESS_TYPE: &str = "QUANTITY";

/// The most entries any array or object may have (a guard against hostile input).
pub const MAX_ENTRIES: usize = 10_000;

/// One key of an object in the request body.
#[derive(Debug)]
pub struct Field {
    /// The key, exactly as the API spells it.
    pub name: &'static str,
    /// Whether the body is incomplete without it.
    pub required: bool,
    /// What the value is and the parameters of its rules.
    pub kind: Kind,
    /// What the field means, for the JSON Schema and the TypeScript declarations; the rule
    /// (limits, bounds, allowed values) is written from `kind` (see `Kind::rule_text`).
    pub doc: &'static str,
}

/// What a field holds, with the parameters of its rules. The walk, the messages (as params),
/// the JSON Schema, the TypeScript declarations, the field docs and the demo page read them
/// here and nowhere else.
#[derive(Debug)]
pub enum Kind {
    /// A UUID string, lowercased.
    Uuid {
        /// What an absent value means, if anything.
        default: Option<&'static str>,
    },
    /// A trimmed string.
    Text {
        /// The length limit in code points (`too_long`, param `max`), if any.
        max: Option<usize>,
    },
    /// A finite number (or a number-input string).
    Number(&'static Bounds),
    /// An RFC 3339 instant, written back in UTC.
    Timestamp {
        /// The boundary it must fall on (`not_hour_aligned`).
        align: Align,
    },
    /// One of these uppercase values, any ASCII letter case accepted (`invalid_enum`, param
    /// `allowed`).
    Enum {
        /// The allowed values, in the order `allowed` lists them.
        values: &'static [&'static str],
        /// What an absent value means, if anything (never written into the output).
        default: Option<&'static str>,
    },
    /// A nested object with its own table.
    Object(&'static [Field]),
    /// An array of objects with this table; `required` arrays must not be empty.
    Objects(&'static [Field]),
    /// An array of strings.
    Strings(Entry),
    /// An object string → string.
    Map {
        /// The length limit of a key in code points (`too_long`, params `max`, `part`), if any.
        key_max: Option<usize>,
        /// The length limit of a value in code points, if any.
        value_max: Option<usize>,
    },
}

/// The bounds of a number beyond "finite".
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bounds {
    /// The value must be greater than this (`not_positive`, param `min`).
    pub above: Option<f64>,
    /// A value below this is a warning (`negative_priority`, param `min`).
    pub warn_below: Option<f64>,
}

/// The boundary a timestamp must fall on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// Minutes, seconds and fraction zero in UTC.
    Hour,
}

impl Align {
    /// The length of the boundary in seconds.
    pub const fn seconds(self) -> i64 {
        match self {
            Align::Hour => 3600,
        }
    }
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

/// One table: a `pub mod` with a const per field, which the cross-field rules name (so that
/// no rule spells a field name), and the table itself, the fields in key order.
macro_rules! table {
    ($(#[$doc:meta])* $table:ident in $module:ident { $($field:ident = $value:expr;)* }) => {
        $(#[$doc])*
        ///
        /// Its fields one by one, for the rules that name a field, are in the module of the same name.
        pub static $table: &[Field] = &[$($module::$field),*];

        $(#[$doc])*
        #[allow(missing_docs)]
        pub mod $module {
            use super::*;
            $(pub const $field: Field = $value;)*
        }
    };
}

table! {
    /// The body: `CreditCreateParams`.
    BODY in body {
        CUSTOMER_ID = Field { name: "customer_id", required: true, kind: Kind::Uuid { default: None }, doc: doc!("The customer to credit.") };
        PRODUCT_ID = Field { name: "product_id", required: true, kind: Kind::Uuid { default: None }, doc: doc!("The fixed product used to invoice the credit.") };
        PRIORITY = Field { name: "priority", required: true, kind: Kind::Number(&Bounds { above: None, warn_below: Some(0.0) }), doc: doc!("Lower priorities are consumed first.") };
        ACCESS_SCHEDULE = Field { name: "access_schedule", required: true, kind: Kind::Object(super::ACCESS_SCHEDULE), doc: doc!("When and how much credit is available.") };
        NAME = Field { name: "name", required: false, kind: Kind::Text { max: None }, doc: doc!("Displayed on invoices.") };
        DESCRIPTION = Field { name: "description", required: false, kind: Kind::Text { max: None }, doc: doc!("Shown in the UI and API only.") };
        APPLICABLE_CONTRACT_IDS = Field { name: "applicable_contract_ids", required: false, kind: Kind::Strings(Entry::ContractId), doc: doc!("Contracts the credit applies to; absent: all of the customer's contracts.") };
        APPLICABLE_PRODUCT_IDS = Field { name: "applicable_product_ids", required: false, kind: Kind::Strings(Entry::Uuid), doc: doc!("Products the credit applies to; absent together with tags: all products.") };
        APPLICABLE_PRODUCT_TAGS = Field { name: "applicable_product_tags", required: false, kind: Kind::Strings(Entry::Tag), doc: doc!("Product tags the credit applies to.") };
        SPECIFIERS = Field { name: "specifiers", required: false, kind: Kind::Objects(SPECIFIER), doc: doc!("Finer targeting; not together with applicable_product_ids or applicable_product_tags.") };
        CUSTOM_FIELDS = Field { name: "custom_fields", required: false, kind: Kind::Map { key_max: Some(100), value_max: Some(200) }, doc: doc!("Custom fields.") };
        RATE_TYPE = Field { name: "rate_type", required: false, kind: Kind::Enum { values: &["COMMIT_RATE", "LIST_RATE"], default: None }, doc: doc!("The rate the credit applies at.") };
        UNIQUENESS_KEY = Field { name: "uniqueness_key", required: false, kind: Kind::Text { max: Some(128) }, doc: doc!("Reusing one gives 409 upstream.") };
        NETSUITE_SALES_ORDER_ID = Field { name: "netsuite_sales_order_id", required: false, kind: Kind::Text { max: None }, doc: doc!("The NetSuite sales order id.") };
        SALESFORCE_OPPORTUNITY_ID = Field { name: "salesforce_opportunity_id", required: false, kind: Kind::Text { max: None }, doc: doc!("The Salesforce opportunity id.") };
    }
}

table! {
    /// `access_schedule`.
    ACCESS_SCHEDULE in access_schedule {
        CREDIT_TYPE_ID = Field { name: "credit_type_id", required: false, kind: Kind::Uuid { default: Some(USD_CENTS_CREDIT_TYPE_ID) }, doc: doc!("The credit type.") };
        SCHEDULE_ITEMS = Field { name: "schedule_items", required: true, kind: Kind::Objects(SCHEDULE_ITEM), doc: doc!("The amounts and when each is available.") };
        ACCESS_TYPE = Field { name: "access_type", required: false, kind: Kind::Enum { values: &["SPEND", QUANTITY_ACCESS_TYPE], default: Some("SPEND") }, doc: doc!("Whether the amounts are money or quantities (an account feature); with QUANTITY no fractional_cents, amounts are units.") };
    }
}

table! {
    /// One item of `access_schedule.schedule_items`.
    SCHEDULE_ITEM in schedule_item {
        AMOUNT = Field { name: "amount", required: true, kind: Kind::Number(&Bounds { above: Some(0.0), warn_below: None }), doc: doc!("In the credit type's unit (USD: cents).") };
        STARTING_AT = Field { name: "starting_at", required: true, kind: Kind::Timestamp { align: Align::Hour }, doc: doc!("Inclusive start.") };
        ENDING_BEFORE = Field { name: "ending_before", required: true, kind: Kind::Timestamp { align: Align::Hour }, doc: doc!("Exclusive end, later than starting_at.") };
    }
}

table! {
    /// One entry of `specifiers`.
    SPECIFIER in specifier {
        PRODUCT_ID = Field { name: "product_id", required: false, kind: Kind::Uuid { default: None }, doc: doc!("A product.") };
        PRODUCT_TAGS = Field { name: "product_tags", required: false, kind: Kind::Strings(Entry::Tag), doc: doc!("Product tags.") };
        PRICING_GROUP_VALUES = Field { name: "pricing_group_values", required: false, kind: Kind::Map { key_max: None, value_max: None }, doc: doc!("Pricing group key → value.") };
        PRESENTATION_GROUP_VALUES = Field { name: "presentation_group_values", required: false, kind: Kind::Map { key_max: None, value_max: None }, doc: doc!("Presentation group key → value.") };
        EXCLUDE = Field { name: "exclude", required: false, kind: Kind::Objects(EXCLUSION), doc: doc!("Products whose usage never draws the credit down (an account feature).") };
    }
}

table! {
    /// One entry of `specifiers[].exclude`.
    EXCLUSION in exclusion {
        PRODUCT_TAGS = Field { name: "product_tags", required: true, kind: Kind::Strings(Entry::Tag), doc: doc!("Tags: products with one of them are excluded.") };
    }
}

impl Field {
    /// What an absent value means, when the table says (`credit_type_id`: USD cents,
    /// `access_type`: SPEND).
    pub const fn default(&self) -> Option<&'static str> {
        match self.kind {
            Kind::Uuid { default } | Kind::Enum { default, .. } => default,
            _ => None,
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
impl Field {
    /// The field's doc line: what it means, then its rule as the kind's parameters state it.
    /// The JSON Schema's descriptions and the TypeScript declarations' comments are this.
    pub fn describe(&self) -> String {
        match self.rule_text() {
            Some(rule) => format!("{} {rule}", self.doc),
            None => self.doc.to_owned(),
        }
    }

    /// The rule of the field in words, written from its kind's parameters.
    pub fn rule_text(&self) -> Option<String> {
        let limit = |max: Option<usize>| max.map(|max| format!("at most {max} characters"));
        match &self.kind {
            Kind::Uuid { default: None } => Some("A UUID.".into()),
            Kind::Uuid {
                default: Some(default),
            } => {
                let usd = if *default == USD_CENTS_CREDIT_TYPE_ID {
                    " (USD, in cents)"
                } else {
                    ""
                };
                Some(format!("A UUID; absent means {default}{usd}."))
            }
            Kind::Text { max } => max.map(|max| format!("1 to {max} characters.")),
            Kind::Number(Bounds { above, warn_below }) => match (above, warn_below) {
                (Some(above), Some(below)) => {
                    Some(format!("Greater than {above}; below {below} is a warning."))
                }
                (Some(above), None) => Some(format!("Greater than {above}.")),
                (None, Some(below)) => Some(format!("Below {below} is a warning.")),
                (None, None) => None,
            },
            Kind::Timestamp { align: Align::Hour } => {
                Some("RFC 3339, on an hour boundary, written in UTC.".into())
            }
            Kind::Enum { values, default } => {
                let listed = match values.split_last() {
                    Some((last, [])) => format!("{last}."),
                    Some((last, rest)) => format!("{} or {last}.", rest.join(", ")),
                    None => String::new(),
                };
                Some(match default {
                    Some(default) => format!("{listed} Absent means {default}."),
                    None => listed,
                })
            }
            Kind::Objects(_) | Kind::Strings(_) if self.required => Some("At least one.".into()),
            Kind::Object(_) | Kind::Objects(_) => None,
            Kind::Strings(Entry::Uuid) => Some("UUIDs.".into()),
            Kind::Strings(Entry::ContractId | Entry::Tag) => None,
            Kind::Map { key_max, value_max } => match (limit(*key_max), limit(*value_max)) {
                (Some(key), Some(value)) => Some(format!("Keys {key}, values {value}.")),
                (Some(key), None) => Some(format!("Keys {key}.")),
                (None, Some(value)) => Some(format!("Values {value}.")),
                (None, None) => None,
            },
        }
    }
}

/// The position of `name` in `fields`, if it is one of them.
pub fn position(fields: &[Field], name: &str) -> Option<usize> {
    // A known key read from the tape, and a field const, borrow the table's own name: its
    // address finds it (`ptr::eq` on `&str` compares the address and the length), with no
    // text compared on the way. Other names (JSON text, unknown keys) by their text.
    let by_address = fields
        .iter()
        .position(|field| core::ptr::eq(field.name, name));
    by_address.or_else(|| fields.iter().position(|field| field.name == name))
}

/// The known key closest to `unknown` (Levenshtein over code points, case-sensitive, at most
/// 2), ties to the first in the table.
pub fn suggestion(fields: &[Field], unknown: &str) -> Option<&'static str> {
    closest(&mut fields.iter().map(|field| field.name), unknown)
}

/// The candidate closest to `text` (Levenshtein over code points, case-sensitive, at most
/// 2), ties to the first: "did you mean" for keys and for enumerations' values.
pub(crate) fn closest(
    candidates: &mut dyn Iterator<Item = &'static str>,
    text: &str,
) -> Option<&'static str> {
    let points = code_points(text);
    let mut best: Option<(usize, &'static str)> = None;
    for candidate in candidates {
        // Lengths apart by more than 2 are too far: told without a scan of an ASCII candidate
        // (every field name and value is), whose length is its code points.
        let length = if candidate.is_ascii() {
            candidate.len()
        } else {
            code_points(candidate)
        };
        if length.abs_diff(points) > 2 {
            continue;
        }
        let distance = levenshtein(text, candidate, 2);
        if distance <= 2 && best.is_none_or(|(best_distance, _)| distance < best_distance) {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, name)| name)
}

/// Levenshtein distance over code points; anything above `limit` is reported as `limit + 1`.
fn levenshtein(a: &str, b: &str, limit: usize) -> usize {
    // A 50 MB unknown key must not cost a 50 MB table: lengths apart by more than the limit
    // are already too far.
    if code_points(a).abs_diff(code_points(b)) > limit {
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
    fn levenshtein_is_the_edit_distance_up_to_the_limit() {
        for (a, b, distance) in [
            ("", "abc", 3),
            ("a", "b", 1),
            ("ab", "ba", 2),
            ("ab", "abcd", 2),
            ("flaw", "lawn", 2),
            ("kitten", "sitting", 3),
            ("sunday", "saturday", 3),
        ] {
            assert_eq!(levenshtein(a, b, 10), distance, "{a:?} {b:?}");
            assert_eq!(levenshtein(b, a, 10), distance, "{b:?} {a:?}");
            assert_eq!(
                levenshtein(a, b, 2),
                distance.min(3),
                "{a:?} {b:?}, limit 2"
            );
        }
    }

    #[test]
    fn closest_keeps_the_nearest_and_ties_to_the_first() {
        let pick =
            |candidates: &[&'static str], text| closest(&mut candidates.iter().copied(), text);
        assert_eq!(pick(&["ab", "ac"], "aa"), Some("ab"));
        assert_eq!(pick(&["abcd", "abc"], "ab"), Some("abc"));
        assert_eq!(pick(&["abc", "abcd"], "ab"), Some("abc"));
        assert_eq!(pick(&["wxyz"], "ab"), None);
    }

    #[test]
    fn levenshtein_counts_code_points() {
        assert_eq!(levenshtein("namé", "name", 2), 1);
        assert_eq!(levenshtein("abc", "abcdef", 2), 3);
    }
}
