//! Where an issue is. One path type for the walk and the cross-field rules: each step
//! carries its rank in the stable order of SPEC section 3 (a field's place in its table, an
//! entry's index, an unknown key after the table's), so ranking is never done twice.

use crate::issue::Segment;
use crate::prelude::*;
use crate::schema::Field;

/// One step down.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Step<'i> {
    /// An object key (a table's name or a key from the input) and its rank.
    Key(&'i str, u32),
    /// An array index, raw as given.
    Index(usize),
}

impl Step<'static> {
    /// The field at `place` of `table`.
    pub(crate) fn field(table: &'static [Field], place: usize) -> Self {
        let name = table.get(place).map_or("", |field| field.name);
        Step::Key(name, rank(place))
    }
}

fn rank(place: usize) -> u32 {
    u32::try_from(place).unwrap_or(u32::MAX)
}

/// Room for the deepest path an issue can have, with room to spare: the walk descends only
/// where the table does, and today's deepest places are 4 steps down (a field or an unknown
/// key of a schedule item, a key of a specifier's map). A test holds every table within it;
/// steps past it would only stop counting in the order, never panic.
pub(crate) const DEPTH: usize = 8;

/// A path's place in the stable order.
pub(crate) type Rank = [u32; DEPTH];

/// A place in the draft, from the body down.
#[derive(Clone, Debug, Default)]
pub(crate) struct Path<'i> {
    steps: Vec<Step<'i>>,
}

impl<'i> Path<'i> {
    /// The body itself (`""`).
    pub(crate) fn root() -> Self {
        Path {
            steps: Vec::with_capacity(8),
        }
    }

    /// Steps down (the walk, which [`Path::pop`]s on the way back).
    pub(crate) fn push(&mut self, step: Step<'i>) {
        self.steps.push(step);
    }

    /// Steps back up.
    pub(crate) fn pop(&mut self) {
        self.steps.pop();
    }

    /// This path, then `field` of `table` (whose place there is its rank).
    pub(crate) fn field(mut self, table: &'static [Field], field: &Field) -> Self {
        let place = table
            .iter()
            .position(|known| known.name == field.name)
            .unwrap_or(table.len());
        self.steps.push(Step::field(table, place));
        self
    }

    /// This path, then entry `index` of an array.
    pub(crate) fn index(mut self, index: usize) -> Self {
        self.steps.push(Step::Index(index));
        self
    }

    /// The path as an issue carries it.
    pub(crate) fn segments(&self) -> Vec<Segment> {
        self.steps
            .iter()
            .map(|step| match step {
                Step::Key(key, _) => Segment::Key((*key).to_owned()),
                Step::Index(index) => Segment::Index(*index),
            })
            .collect()
    }

    /// The rank in the stable order: compared step by step, shorter first (each step is
    /// counted from 1, so the 0s after the last step sort a path before its children).
    pub(crate) fn rank(&self) -> Rank {
        let mut ranked = [0; DEPTH];
        for (slot, step) in ranked.iter_mut().zip(&self.steps) {
            *slot = match step {
                Step::Key(_, rank) => *rank,
                Step::Index(index) => rank(*index),
            }
            .saturating_add(1);
        }
        ranked
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::issue::pointer_of;
    use crate::schema::{
        access_schedule, body, schedule_item, ACCESS_SCHEDULE, BODY, SCHEDULE_ITEM,
    };

    #[test]
    fn ranks_follow_the_table_and_pointers_its_names() {
        let path = Path::root()
            .field(BODY, &body::ACCESS_SCHEDULE)
            .field(ACCESS_SCHEDULE, &access_schedule::SCHEDULE_ITEMS)
            .index(2)
            .field(SCHEDULE_ITEM, &schedule_item::ENDING_BEFORE);
        assert_eq!(path.rank(), [4, 2, 3, 3, 0, 0, 0, 0]);
        assert_eq!(
            pointer_of(&path.segments()),
            "/access_schedule/schedule_items/2/ending_before"
        );
        assert_eq!(
            Path::root().field(BODY, &body::SPECIFIERS).rank(),
            [10, 0, 0, 0, 0, 0, 0, 0]
        );
        assert!(Path::root().rank() < Path::root().index(0).rank());
    }

    /// The steps below a table: a field, then for an array an index, then the entry's own.
    fn depth(fields: &[Field]) -> usize {
        use crate::schema::Kind;
        fields
            .iter()
            .map(|field| match &field.kind {
                Kind::Object(inner) => 1 + depth(inner),
                Kind::Objects(inner) => 2 + depth(inner),
                // An entry of a string array or a key of a map.
                Kind::Strings(_) | Kind::Map { .. } => 2,
                _ => 1,
            })
            .max()
            .unwrap_or(0)
            // An unknown key of the object itself.
            .max(1)
    }

    #[test]
    fn every_path_fits_the_rank() {
        assert!(depth(BODY) < DEPTH, "{} steps", depth(BODY));
    }
}
