//! One sort for the whole crate. Every instantiation of core's sort (one per element type and
//! comparator) costs kilobytes of wasm, so every ordering in the crate goes through this one,
//! on indexes, with the comparator behind `dyn`.

use alloc::vec::Vec;
use core::cmp::Ordering;

/// The indexes `0..len` in the order `compare` gives; equal elements keep their index order,
/// so the result is the same as a stable sort's.
pub(crate) fn sorted_indexes(
    len: usize,
    compare: &mut dyn FnMut(usize, usize) -> Ordering,
) -> Vec<usize> {
    let mut indexes: Vec<usize> = (0..len).collect();
    indexes.sort_unstable_by(|a, b| compare(*a, *b).then(a.cmp(b)));
    indexes
}

/// `items` in the order `compare` gives, stable.
pub(crate) fn sort_by<T>(items: Vec<T>, compare: &mut dyn FnMut(&T, &T) -> Ordering) -> Vec<T> {
    let order = sorted_indexes(items.len(), &mut |a, b| match (items.get(a), items.get(b)) {
        (Some(a), Some(b)) => compare(a, b),
        _ => Ordering::Equal,
    });
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
    fn sorts_stably() {
        let items = vec![(2, 'a'), (1, 'b'), (2, 'c'), (0, 'd'), (1, 'e')];
        let sorted = sort_by(items, &mut |a, b| a.0.cmp(&b.0));
        assert_eq!(sorted, [(0, 'd'), (1, 'b'), (1, 'e'), (2, 'a'), (2, 'c')]);
    }
}
