//! The cross-field rules of the schedule: `invalid_range`, `ends_in_past`,
//! `overlapping_schedule` and `fractional_cents` (USD money, not quantities), over the typed
//! [`Schedule`].

use crate::collect::Issues;
use crate::issue::Code;
use crate::prelude::*;
use crate::rules::Finding;
use crate::schema::{schedule_item, QUANTITY_ACCESS_TYPE, USD_CENTS_CREDIT_TYPE_ID};
use crate::sort;
use crate::time::Instant;
use crate::view::{Item, Schedule};

/// Runs every schedule rule, reporting into `issues`; `now` is what `ends_in_past` compares
/// against.
pub(crate) fn check(schedule: &Schedule<'_>, now: &Instant, issues: &mut Issues<'_>) {
    // Amounts are cents when the credit type is USD and they are money, not quantities; a
    // credit type or access type in error leaves that unknown, so no `fractional_cents`.
    let cents = schedule.credit_type == Some(USD_CENTS_CREDIT_TYPE_ID)
        && schedule
            .access_type
            .is_some_and(|access_type| access_type != QUANTITY_ACCESS_TYPE);
    let mut intervals: Vec<(&Item<'_>, &Instant, &Instant)> = Vec::new();
    for item in &schedule.items {
        if cents {
            fractional_cents(item, issues);
        }
        let Some(end) = item.ending_before else {
            continue;
        };
        let in_range = range(item, end, issues);
        if end <= now {
            let path = item.path_of(&schedule_item::ENDING_BEFORE);
            issues.report(&path, Finding::new(Code::EndsInPast));
        }
        if let (Some(start), true) = (item.starting_at, in_range) {
            intervals.push((item, start, end));
        }
    }
    overlaps(intervals, issues);
}

/// `fractional_cents`: an amount in cents that is not whole.
fn fractional_cents(item: &Item<'_>, issues: &mut Issues<'_>) {
    if item.amount.is_some_and(|amount| !is_whole(amount)) {
        let path = item.path_of(&schedule_item::AMOUNT);
        issues.report(&path, Finding::new(Code::FractionalCents));
    }
}

/// `invalid_range`: the end not later than the start. Whether the item has a usable range.
fn range(item: &Item<'_>, end: &Instant, issues: &mut Issues<'_>) -> bool {
    match item.starting_at {
        Some(start) if end <= start => {
            let related = vec![item.path_of(&schedule_item::STARTING_AT).pointer()];
            let path = item.path_of(&schedule_item::ENDING_BEFORE);
            issues.report_related(&path, Finding::new(Code::InvalidRange), related);
            false
        }
        _ => true,
    }
}

/// `overlapping_schedule`: one sweep in start order (equal starts: index order). An item
/// overlaps an earlier one exactly when the latest end so far is after its start; the item
/// that reached that end is `with`.
fn overlaps(intervals: Vec<(&Item<'_>, &Instant, &Instant)>, issues: &mut Issues<'_>) {
    let intervals = sort::sort_by(intervals, &mut |a, b| {
        a.1.cmp(b.1).then(a.0.index.cmp(&b.0.index))
    });
    let mut latest: Option<(&Item<'_>, &Instant)> = None;
    for &(item, start, end) in &intervals {
        if let Some((other, other_end)) = latest {
            if other_end > start {
                let path = item.path_of(&schedule_item::STARTING_AT);
                let finding = Finding::new(Code::OverlappingSchedule).with("with", other.index);
                let related = vec![other.path().pointer()];
                issues.report_related(&path, finding, related);
            }
        }
        if latest.is_none_or(|(_, latest_end)| end > latest_end) {
            latest = Some((item, end));
        }
    }
}
