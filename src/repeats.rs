//! Repeated keys and entries, found once for the crate: string arrays and maps keep the first
//! of equal entries (`src/rules/strings.rs`), and objects read from JSON keep the first place
//! of a repeated key with its last value ([`ObjectEntries`], for both JSON readers). A few
//! entries are looked through; past [`FEW`] a small hash table of indexes (a hash of eight
//! bytes a step, open addressing) keeps 10,000 entries linear, with no hashing crate in the
//! wasm.

use crate::input::Input;
use alloc::borrow::Cow;
use alloc::{vec, vec::Vec};

/// Up to this many entries, looking through the earlier ones is fastest.
const FEW: usize = 16;

/// For each of the keys, the index of the first key equal to it (its own index when it is
/// the first).
pub(crate) fn first_equal(keys: &[&str]) -> Vec<usize> {
    let len = keys.len();
    let mut first: Vec<usize> = (0..len).collect();
    if len <= FEW {
        for (at, key) in keys.iter().enumerate() {
            for (earlier, seen) in keys.iter().take(at).enumerate() {
                if seen == key {
                    if let Some(slot) = first.get_mut(at) {
                        *slot = earlier;
                    }
                    break;
                }
            }
        }
        return first;
    }
    // Slots hold a first key's index + 1; 0 is empty. At most half full.
    let size = (2 * len).next_power_of_two();
    let mut slots = vec![0usize; size];
    for (at, &text) in keys.iter().enumerate() {
        let mut probe = hash(text) as usize & (size - 1);
        while let Some(slot) = slots.get_mut(probe) {
            match *slot {
                0 => {
                    *slot = at + 1;
                    break;
                }
                seen if keys.get(seen - 1) == Some(&text) => {
                    if let Some(first) = first.get_mut(at) {
                        *first = seen - 1;
                    }
                    break;
                }
                _ => probe = (probe + 1) & (size - 1),
            }
        }
    }
    first
}

/// A hash of `text` for the table of [`first_equal`]: eight bytes at a time (the length, then
/// each word folded in with a rotate, a xor and a multiply, FxHash's step), then the high bits
/// folded down, since the table takes the low ones. A 36-byte UUID costs five multiplies where
/// FNV-1a's byte at a time cost 36.
fn hash(text: &str) -> u64 {
    const SEED: u64 = 0x517c_c1b7_2722_0a95;
    let bytes = text.as_bytes();
    let mut hash = (bytes.len() as u64).wrapping_mul(SEED);
    let mut words = bytes.chunks_exact(8);
    for word in &mut words {
        let word: [u8; 8] = word.try_into().unwrap_or_default();
        hash = (hash.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(SEED);
    }
    let mut rest = 0u64;
    for (at, &byte) in words.remainder().iter().enumerate() {
        rest |= u64::from(byte) << (8 * at);
    }
    hash = (hash.rotate_left(5) ^ rest).wrapping_mul(SEED);
    hash ^ (hash >> 32)
}

/// An object's entries as a JSON reader meets them: a repeated key keeps its first place and
/// its last value, as `JSON.parse` does. A repeat among the first [`FEW`] entries is found at
/// once and its value written in place; past them, repeats are merged when the unmerged tail
/// is as long as the rest, which keeps the cost O(n log n) and the memory within twice the
/// distinct keys (a hostile text repeating one key a million times stays one entry).
pub(crate) struct ObjectEntries<'a> {
    entries: Vec<(Cow<'a, str>, Input<'a>)>,
    /// `entries[..distinct]` have distinct keys; entries past it may repeat one.
    distinct: usize,
    /// Where a value goes that has no entry (never, but `slot` must not panic).
    spare: Input<'a>,
}

impl<'a> ObjectEntries<'a> {
    pub(crate) fn new() -> Self {
        ObjectEntries {
            entries: Vec::new(),
            distinct: 0,
            spare: Input::Null,
        }
    }

    /// How many distinct keys are known so far (the entries past them may repeat one).
    pub(crate) fn distinct(&self) -> usize {
        self.distinct
    }

    /// Where the value of `key` goes: its earlier entry when a repeat is found at once, else
    /// a new entry. Call [`ObjectEntries::settle`] once the value is written.
    pub(crate) fn slot(&mut self, key: Cow<'a, str>) -> &mut Input<'a> {
        let repeated = if self.entries.len() < FEW {
            self.entries.iter().position(|(seen, _)| *seen == key)
        } else {
            None
        };
        let at = repeated.unwrap_or(self.entries.len());
        if repeated.is_none() {
            self.entries.push((key, Input::Null));
        }
        match self.entries.get_mut(at) {
            Some((_, value)) => value,
            None => &mut self.spare,
        }
    }

    /// Merges repeats when the unmerged tail is as long as the rest.
    pub(crate) fn settle(&mut self) {
        if self.entries.len() <= FEW {
            self.distinct = self.entries.len();
        } else if self.entries.len() >= 2 * self.distinct.max(FEW) {
            self.merge();
        }
    }

    /// The entries, every repeat merged.
    pub(crate) fn finish(mut self) -> Vec<(Cow<'a, str>, Input<'a>)> {
        if self.entries.len() > self.distinct {
            self.merge();
        }
        self.entries
    }

    /// One pass: each key's first entry takes the value of its last repeat.
    fn merge(&mut self) {
        let entries = core::mem::take(&mut self.entries);
        let keys: Vec<&str> = entries.iter().map(|(key, _)| key.as_ref()).collect();
        let first = first_equal(&keys);
        drop(keys);
        let mut place = vec![0usize; entries.len()];
        let mut merged = Vec::with_capacity(entries.len());
        for (at, entry) in entries.into_iter().enumerate() {
            match first.get(at) {
                Some(&earlier) if earlier != at => {
                    let kept = place.get(earlier).and_then(|&kept| merged.get_mut(kept));
                    if let Some((_, value)) = kept {
                        *value = entry.1;
                    }
                }
                _ => {
                    if let Some(slot) = place.get_mut(at) {
                        *slot = merged.len();
                    }
                    merged.push(entry);
                }
            }
        }
        self.distinct = merged.len();
        self.entries = merged;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::prelude::*;

    #[test]
    fn object_entries_keep_the_first_place_and_the_last_value() {
        for len in [3usize, 16, 17, 40, 3000] {
            let mut entries = ObjectEntries::new();
            for round in 0..3 {
                for at in 0..len {
                    *entries.slot(Cow::Owned(at.to_string())) =
                        Input::Number((round * len + at) as f64);
                    entries.settle();
                }
            }
            let merged = entries.finish();
            assert_eq!(merged.len(), len);
            for (at, (key, value)) in merged.iter().enumerate() {
                assert_eq!(key.as_ref(), at.to_string());
                assert_eq!(*value, Input::Number((2 * len + at) as f64));
            }
        }
    }

    #[test]
    fn finds_the_first_equal_entry_below_and_above_the_switch_to_a_table() {
        for len in [0usize, 1, 5, 16, 17, 40, 3000] {
            let keys: Vec<String> = (0..len).map(|at| (at % 7 + at / 100).to_string()).collect();
            let texts: Vec<&str> = keys.iter().map(String::as_str).collect();
            let first = first_equal(&texts);
            for at in 0..len {
                let expected = keys.iter().position(|key| *key == keys[at]).unwrap();
                assert_eq!(first[at], expected, "len {len}, entry {at}");
            }
        }
    }

    /// Many distinct keys, some repeated, at every size of the table up to 400 entries.
    #[test]
    fn the_table_agrees_with_a_map_at_every_size() {
        for len in FEW + 1..=400 {
            let keys: Vec<String> = (0..len)
                .map(|at| format!("k{}", at * 31 % (len - len / 4)))
                .collect();
            let texts: Vec<&str> = keys.iter().map(String::as_str).collect();
            let mut firsts = alloc::collections::BTreeMap::new();
            for (at, key) in texts.iter().enumerate() {
                firsts.entry(*key).or_insert(at);
            }
            let first = first_equal(&texts);
            for (at, key) in texts.iter().enumerate() {
                assert_eq!(first[at], firsts[key], "len {len}, entry {at}");
            }
        }
    }
}
