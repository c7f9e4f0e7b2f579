//! One sort for the whole crate. Every instantiation of core's sort (one per element type and
//! comparator) costs kilobytes of wasm (9 KB for one quicksort at opt-level 3), so every
//! ordering in the crate goes through this one: a merge sort of indexes, with the comparator
//! behind `dyn`. Stable, O(n log n), a few hundred bytes.

use alloc::{vec, vec::Vec};
use core::cmp::Ordering;

/// The indexes `0..len` in the order `compare` gives; equal elements keep their index order.
pub(crate) fn sorted_indexes(
    len: usize,
    compare: &mut dyn FnMut(usize, usize) -> Ordering,
) -> Vec<usize> {
    let mut indexes: Vec<usize> = (0..len).collect();
    let mut spare: Vec<usize> = vec![0; len];
    // Bottom-up: merge runs of `width` from `indexes` into `spare`, then swap the two.
    let mut width = 1;
    while width < len {
        let mut start = 0;
        while start < len {
            let middle = (start + width).min(len);
            let end = (start + 2 * width).min(len);
            let (mut left, mut right) = (start, middle);
            // Runs already in order (the last of the left not after the first of the right)
            // are copied as they are: sorted input, the common case, costs one comparison a run.
            let in_order = match (indexes.get(middle.wrapping_sub(1)), indexes.get(middle)) {
                (Some(&a), Some(&b)) => compare(b, a) != Ordering::Less,
                _ => true,
            };
            if in_order {
                if let (Some(from), Some(to)) = (indexes.get(start..end), spare.get_mut(start..end))
                {
                    to.copy_from_slice(from);
                }
                start = end;
                continue;
            }
            for slot in spare.get_mut(start..end).unwrap_or_default() {
                let take_right = match (indexes.get(left), indexes.get(right)) {
                    (Some(&a), Some(&b)) if left < middle && right < end => {
                        compare(b, a) == Ordering::Less
                    }
                    _ => left >= middle,
                };
                let from = if take_right { &mut right } else { &mut left };
                *slot = indexes.get(*from).copied().unwrap_or(0);
                *from += 1;
            }
            start = end;
        }
        core::mem::swap(&mut indexes, &mut spare);
        width *= 2;
    }
    indexes
}

/// `items` in the order `compare` gives, stable.
pub(crate) fn sort_by<T>(items: Vec<T>, compare: &mut dyn FnMut(&T, &T) -> Ordering) -> Vec<T> {
    let order = sorted_indexes(
        items.len(),
        &mut |a, b| match (items.get(a), items.get(b)) {
            (Some(a), Some(b)) => compare(a, b),
            _ => Ordering::Equal,
        },
    );
    let mut slots: Vec<Option<T>> = items.into_iter().map(Some).collect();
    order
        .into_iter()
        .filter_map(|index| slots.get_mut(index).and_then(Option::take))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_every_permutation_of_small_lists_like_core() {
        let mut state = 7u64;
        for len in 0..40 {
            for _ in 0..20 {
                let items: Vec<u64> = (0..len)
                    .map(|_| {
                        state = state.wrapping_mul(6364136223846793005).wrapping_add(1);
                        (state >> 60) % 5
                    })
                    .collect();
                let order = sorted_indexes(len, &mut |a, b| items[a].cmp(&items[b]));
                let mut expected: Vec<usize> = (0..len).collect();
                expected.sort_by_key(|&at| items[at]);
                assert_eq!(order, expected);
            }
        }
    }

    #[test]
    fn sorts_stably() {
        let items = vec![(2, 'a'), (1, 'b'), (2, 'c'), (0, 'd'), (1, 'e')];
        let sorted = sort_by(items, &mut |a, b| a.0.cmp(&b.0));
        assert_eq!(sorted, [(0, 'd'), (1, 'b'), (1, 'e'), (2, 'a'), (2, 'c')]);
    }
}
