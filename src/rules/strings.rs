//! String arrays: each entry trimmed and held to its [`Entry`] rule; repeats dropped.

use super::{lowercase_uuid, Finding, Verdict};
use crate::issue::Code;
use crate::prelude::*;
use crate::repeats;
use crate::schema::Entry;

/// One trimmed, non-blank entry: UUIDs lowercased (`invalid_uuid` otherwise), contract ids
/// lowercased when UUID-shaped and kept with `not_uuid` when not, tags as given.
pub(crate) fn string_entry(text: &str, rule: Entry) -> Verdict<Cow<'_, str>> {
    match rule {
        Entry::Tag => Verdict::Valid(Cow::Borrowed(text), None),
        Entry::Uuid => match lowercase_uuid(text) {
            Some(uuid) => Verdict::Valid(uuid, None),
            None => Verdict::Invalid(Finding::new(Code::InvalidUuid)),
        },
        Entry::ContractId => match lowercase_uuid(text) {
            Some(uuid) => Verdict::Valid(uuid, None),
            None => Verdict::Valid(Cow::Borrowed(text), Some(Finding::new(Code::NotUuid))),
        },
    }
}

/// The first of each group of equal entries, in input order, and how many were dropped
/// (`duplicate_removed`, param `count`).
pub(crate) fn first_of_each<T>(entries: Vec<T>, key: &dyn Fn(&T) -> &str) -> (Vec<T>, usize) {
    let total = entries.len();
    let keys: Vec<&str> = entries.iter().map(key).collect();
    let first = repeats::first_equal(&keys);
    drop(keys);
    let kept: Vec<T> = entries
        .into_iter()
        .zip(first.iter().enumerate())
        .filter(|(_, (at, first))| at == *first)
        .map(|(entry, _)| entry)
        .collect();
    let count = total - kept.len();
    (kept, count)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_entry_rule() {
        let upper = "13117714-3F05-48E5-A6E9-A66093F13B4D";
        let lower = "13117714-3f05-48e5-a6e9-a66093f13b4d";
        assert_eq!(
            string_entry(upper, Entry::Uuid),
            Verdict::Valid(Cow::Owned(lower.into()), None)
        );
        assert_eq!(
            string_entry("x", Entry::Uuid),
            Verdict::Invalid(Finding::new(Code::InvalidUuid))
        );
        assert_eq!(
            string_entry(upper, Entry::ContractId),
            Verdict::Valid(Cow::Owned(lower.into()), None)
        );
        assert_eq!(
            string_entry("ct_1", Entry::ContractId),
            Verdict::Valid(Cow::Borrowed("ct_1"), Some(Finding::new(Code::NotUuid)))
        );
        assert_eq!(
            string_entry("Tag A", Entry::Tag),
            Verdict::Valid(Cow::Borrowed("Tag A"), None)
        );
    }

    #[test]
    fn first_of_each_keeps_first_seen_order_below_and_above_the_switch_to_a_table() {
        for size in [5usize, 40, 3000] {
            let texts: Vec<String> = (0..size).map(|n| n.to_string()).collect();
            let values: Vec<&str> = (0..size)
                .chain(0..size)
                .chain([3, size - 1])
                .map(|n| texts[n].as_str())
                .collect();
            let (kept, dropped) = first_of_each(values, &|value| value);
            assert_eq!(dropped, size + 2);
            assert_eq!(kept, texts.iter().map(String::as_str).collect::<Vec<_>>());
        }
    }
}
