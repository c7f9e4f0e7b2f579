//! Repeated keys and entries, found once for the crate: string arrays and maps keep the first
//! of equal entries (src/rules/strings.rs, for string arrays and maps), and JSON objects keep the first place of a repeated key
//! with its last value (src/json_text.rs). A few entries are looked through; past [`FEW`] a
//! small hash table of indexes (FNV-1a, open addressing) keeps 10,000 entries linear, with no
//! hashing crate in the wasm.

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
        let mut hash = 0xcbf2_9ce4_8422_2325_u64;
        for byte in text.bytes() {
            hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
        }
        let mut probe = hash as usize & (size - 1);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::prelude::*;

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
}
