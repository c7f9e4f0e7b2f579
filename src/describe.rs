//! `describeCredit`: one English sentence about a credit, for previews and confirmations.

use crate::report::Report;
use crate::schema::{
    access_schedule, body as field, schedule_item, QUANTITY_ACCESS_TYPE, USD_CENTS_CREDIT_TYPE_ID,
};
use crate::time::{self, Instant};
use serde_json::Value;

/// The entries of a top-level string array (`applicable_product_ids`, ...).
fn texts<'v>(body: &'v Value, field: &str) -> Vec<&'v str> {
    body.get(field)
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect()
}

/// Each schedule item's amount, start and end.
fn items(body: &Value) -> Vec<(Option<f64>, Option<Instant>, Option<Instant>)> {
    let when = |item: &Value, field: &str| {
        let text = item.get(field)?.as_str()?;
        time::parse(text).ok()
    };
    body.get(field::ACCESS_SCHEDULE.name)
        .and_then(|schedule| schedule.get(access_schedule::SCHEDULE_ITEMS.name))
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .map(|item| {
            (
                item.get(schedule_item::AMOUNT.name).and_then(Value::as_f64),
                when(item, schedule_item::STARTING_AT.name),
                when(item, schedule_item::ENDING_BEFORE.name),
            )
        })
        .collect()
}

/// Describes a validated draft; a draft with errors is described by its error count.
pub fn describe_report(report: &Report) -> String {
    match &report.value {
        Some(value) => describe(value),
        None => errors_to_fix(report.errors.len()),
    }
}

/// What a draft with `count` errors is described as.
fn errors_to_fix(count: usize) -> String {
    match count {
        1 => "This credit draft has 1 error to fix.".to_owned(),
        count => format!("This credit draft has {count} errors to fix."),
    }
}

/// One sentence for a normalized body, e.g. `$10.00 of credit from 2026-01-01 00:00 UTC to
/// 2026-02-01 00:00 UTC, priority 100, for all products on all contracts.`
pub fn describe(body: &Value) -> String {
    let schedule_text = |field: &crate::schema::Field| {
        body.get(field::ACCESS_SCHEDULE.name)
            .and_then(|schedule| schedule.get(field.name))
            .and_then(Value::as_str)
            .or(field.default())
            .unwrap_or_default()
    };
    let credit_type = schedule_text(&access_schedule::CREDIT_TYPE_ID);
    // Quantities are units whatever the credit type; money in USD is dollars.
    let cents = credit_type == USD_CENTS_CREDIT_TYPE_ID
        && schedule_text(&access_schedule::ACCESS_TYPE) != QUANTITY_ACCESS_TYPE;
    let when = |instant: &Option<Instant>| {
        instant
            .as_ref()
            .map_or_else(|| "?".to_owned(), Instant::to_human)
    };
    let items: Vec<String> = items(body)
        .iter()
        .enumerate()
        .map(|(index, (amount, start, end))| {
            let amount = amount_text(*amount, cents);
            let credit = if index == 0 { " of credit" } else { "" };
            format!("{amount}{credit} from {} to {}", when(start), when(end))
        })
        .collect();
    let mut sentence = String::new();
    if let Some(name) = body.get(field::NAME.name).and_then(Value::as_str) {
        sentence.push_str(&format!("“{name}”: "));
    }
    sentence.push_str(&join(&items));
    if credit_type != USD_CENTS_CREDIT_TYPE_ID {
        sentence.push_str(&format!(" (credit type {credit_type})"));
    }
    if let Some(priority) = body.get(field::PRIORITY.name).and_then(Value::as_f64) {
        sentence.push_str(&format!(", priority {}", plain_number(priority)));
    }
    sentence.push_str(&format!(", for {} on {}.", products(body), contracts(body)));
    sentence
}

fn amount_text(amount: Option<f64>, cents: bool) -> String {
    let Some(amount) = amount else {
        return "?".to_owned();
    };
    if cents {
        format!("${}", dollars_from_cents(amount))
    } else {
        format!("{} units", group_thousands(&plain_number(amount)))
    }
}

/// Cents as dollars with at least two decimals, shifting the decimal text exactly.
pub fn dollars_from_cents(cents: f64) -> String {
    let text = plain_number(cents.abs());
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
    let padded = format!("{whole:0>3}");
    let split = padded.len() - 2;
    let dollars = padded.get(..split).unwrap_or("0").trim_start_matches('0');
    let dollars = if dollars.is_empty() { "0" } else { dollars };
    let decimals = format!("{}{fraction}", padded.get(split..).unwrap_or("00"));
    let sign = if cents < 0.0 { "-" } else { "" };
    format!("{sign}{}.{decimals}", group_thousands(dollars))
}

/// A number written out in full, without an exponent (`1e21` → `1000000000000000000000`,
/// `1.5e-7` → `0.00000015`), from the shortest digits that read back as the same number.
/// serde_json's writer gives those digits; `format!("{number}")` would too, but would bring
/// core's float formatting (about 20 KB) into the wasm for this one sentence.
fn plain_number(number: f64) -> String {
    let shortest = serde_json::to_string(&number).unwrap_or_default();
    let (negative, unsigned) = match shortest.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, shortest.as_str()),
    };
    let (mantissa, exponent) = match unsigned.split_once(['e', 'E']) {
        Some((mantissa, exponent)) => (mantissa, exponent.parse::<i64>().unwrap_or(0)),
        None => (unsigned, 0),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits: String = whole.chars().chain(fraction.chars()).collect();
    // Where the decimal point falls among `digits` once the exponent is applied.
    let point = whole.len() as i64 + exponent;
    let mut text = String::new();
    if negative {
        text.push('-');
    }
    if point <= 0 {
        text.push_str("0.");
        text.extend(std::iter::repeat_n('0', point.unsigned_abs() as usize));
        text.push_str(&digits);
    } else {
        let point = point as usize;
        let integer = digits.get(..point.min(digits.len())).unwrap_or("");
        text.push_str(integer);
        text.extend(std::iter::repeat_n('0', point.saturating_sub(digits.len())));
        text.push('.');
        text.push_str(digits.get(point.min(digits.len())..).unwrap_or(""));
    }
    // Never empty: the text starts with a digit or `-` and a digit, and the digits before the
    // point are kept.
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}

fn group_thousands(number: &str) -> String {
    let (whole, rest) = match number.find('.') {
        Some(dot) => number.split_at(dot),
        None => (number, ""),
    };
    let digits: Vec<char> = whole.chars().collect();
    let mut grouped = String::new();
    for (index, digit) in digits.iter().enumerate() {
        if index > 0 && (digits.len() - index) % 3 == 0 && digit.is_ascii_digit() {
            grouped.push(',');
        }
        grouped.push(*digit);
    }
    grouped + rest
}

fn listed(noun: &str, entries: &[&str]) -> String {
    match entries {
        [one] => format!("{noun} {one}"),
        many if many.len() <= 3 => format!("{noun}s {}", join(many)),
        many => format!("{} {noun}s", many.len()),
    }
}

fn products(body: &Value) -> String {
    let specifiers = body.get(field::SPECIFIERS.name).and_then(Value::as_array);
    if let Some(specifiers) = specifiers.map(Vec::len) {
        return match specifiers {
            1 => "the products of 1 specifier".to_owned(),
            count => format!("the products of {count} specifiers"),
        };
    }
    let ids = texts(body, field::APPLICABLE_PRODUCT_IDS.name);
    let tags = texts(body, field::APPLICABLE_PRODUCT_TAGS.name);
    match (ids.is_empty(), tags.is_empty()) {
        (true, true) => "all products".to_owned(),
        (false, true) => listed("product", &ids),
        (true, false) => format!("products tagged {}", join(&tags)),
        (false, false) => format!(
            "{} and products tagged {}",
            listed("product", &ids),
            join(&tags)
        ),
    }
}

fn contracts(body: &Value) -> String {
    let ids = texts(body, field::APPLICABLE_CONTRACT_IDS.name);
    if ids.is_empty() {
        "all contracts".to_owned()
    } else {
        listed("contract", &ids)
    }
}

fn join<S: AsRef<str>>(parts: &[S]) -> String {
    match parts {
        [] => String::new(),
        [one] => one.as_ref().to_owned(),
        [init @ .., last] => {
            let init: Vec<&str> = init.iter().map(AsRef::as_ref).collect();
            format!("{} and {}", init.join(", "), last.as_ref())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_spec_example() {
        let value = json!({
            "customer_id": "13117714-3f05-48e5-a6e9-a66093f13b4d",
            "product_id": "f14d6729-6a44-4b13-9908-9387f1918790",
            "priority": 100,
            "access_schedule": {"schedule_items": [{"amount": 1000, "starting_at": "2026-01-01T00:00:00.000Z", "ending_before": "2026-02-01T00:00:00.000Z"}]}
        });
        assert_eq!(
            describe(&value),
            "$10.00 of credit from 2026-01-01 00:00 UTC to 2026-02-01 00:00 UTC, priority 100, for all products on all contracts."
        );
    }

    #[test]
    fn numbers_are_written_in_full() {
        let table = [
            (1000.0, "1000"),
            (12.5, "12.5"),
            (0.5, "0.5"),
            (1e21, "1000000000000000000000"),
            (1.5e-7, "0.00000015"),
            (-2.25, "-2.25"),
            (0.0, "0"),
            (-0.0, "-0"),
            (123456789.125, "123456789.125"),
        ];
        for (number, text) in table {
            assert_eq!(plain_number(number), text, "{number}");
            assert_eq!(plain_number(number), format!("{number}"), "{number}");
        }
    }

    #[test]
    fn cents_become_dollars_exactly() {
        let table = [
            (1000.0, "10.00"),
            (5.0, "0.05"),
            (12.5, "0.125"),
            (123456789.0, "1,234,567.89"),
            (0.5, "0.005"),
            (100.0, "1.00"),
        ];
        for (cents, dollars) in table {
            assert_eq!(dollars_from_cents(cents), dollars, "{cents}");
        }
    }

    #[test]
    fn several_items_targets_and_a_name() {
        let value = json!({
            "priority": 5,
            "name": "Launch",
            "access_schedule": {"credit_type_id": "5ae401dc-a648-4b49-9ac3-391bb5bc4d7b", "schedule_items": [
                {"amount": 1500, "starting_at": "2026-01-01T00:00:00.000Z", "ending_before": "2026-02-01T00:00:00.000Z"},
                {"amount": 2.5, "starting_at": "2026-02-01T00:00:00.000Z", "ending_before": "2026-03-01T00:00:00.000Z"}
            ]},
            "applicable_product_tags": ["compute", "storage"],
            "applicable_contract_ids": ["c1"]
        });
        assert_eq!(
            describe(&value),
            "“Launch”: 1,500 units of credit from 2026-01-01 00:00 UTC to 2026-02-01 00:00 UTC and 2.5 units from 2026-02-01 00:00 UTC to 2026-03-01 00:00 UTC (credit type 5ae401dc-a648-4b49-9ac3-391bb5bc4d7b), priority 5, for products tagged compute and storage on contract c1."
        );
    }
}
