//! Where an issue is. One path type for the walk and the cross-field rules: each step
//! carries its rank in the stable order of SPEC section 3 (a field's place in its table, an
//! entry's index, an unknown key after the table's), so ranking is never done twice.

#[cfg(not(target_arch = "wasm32"))]
use crate::issue::Segment;
use crate::issue::{write_index, write_key};
use crate::prelude::*;
use crate::schema::Field;
use core::cmp::Ordering;

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

impl Step<'_> {
    /// The step's place in the stable order, counted from 1 (0 is "no step", which sorts a
    /// path before its children).
    fn rank(&self) -> u32 {
        match self {
            Step::Key(_, rank) => *rank,
            Step::Index(index) => rank(*index),
        }
        .saturating_add(1)
    }
}

/// The stable order of two places (SPEC section 3): step by step, by each step's rank, a
/// path before its children; past [`DEPTH`] steps, equal.
pub(crate) fn order(a: &[Step<'_>], b: &[Step<'_>]) -> Ordering {
    let ranks = |steps: &[Step<'_>], at: usize| steps.get(at).map_or(0, Step::rank);
    (0..DEPTH)
        .map(|at| ranks(a, at).cmp(&ranks(b, at)))
        .find(|ordering| ordering.is_ne())
        .unwrap_or(Ordering::Equal)
}

/// Appends the RFC 6901 pointer of `steps` (nothing for the body): what an issue's `pointer`
/// is, written where it is needed with no text made for it before.
pub(crate) fn write_pointer(steps: &[Step<'_>], out: &mut Vec<u8>) {
    for step in steps {
        out.push(b'/');
        match step {
            Step::Key(key, _) => write_key(key, out),
            Step::Index(index) => write_index(*index, out),
        }
    }
}

/// The RFC 6901 pointer of `steps`.
pub(crate) fn pointer(steps: &[Step<'_>]) -> String {
    // Room for the usual pointer (`/access_schedule/schedule_items/0/ending_before` is 46
    // bytes), so that it is not grown piece by piece.
    let mut pointer = Vec::with_capacity(64);
    write_pointer(steps, &mut pointer);
    // Keys are text, and their escapes ASCII: the bytes are UTF-8.
    String::from_utf8(pointer).unwrap_or_default()
}

/// The path of `steps` as an issue of the Rust API carries it.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn segments(steps: &[Step<'_>]) -> Vec<Segment> {
    steps
        .iter()
        .map(|step| match step {
            Step::Key(key, _) => Segment::Key((*key).to_owned()),
            Step::Index(index) => Segment::Index(*index),
        })
        .collect()
}

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

    /// The steps from the body down.
    pub(crate) fn steps(&self) -> &[Step<'i>] {
        &self.steps
    }

    /// The RFC 6901 pointer of this path.
    pub(crate) fn pointer(&self) -> String {
        pointer(&self.steps)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(not(target_arch = "wasm32"))]
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
        let ranks: Vec<u32> = path.steps().iter().map(Step::rank).collect();
        assert_eq!(ranks, [4, 2, 3, 3]);
        assert_eq!(
            path.pointer(),
            "/access_schedule/schedule_items/2/ending_before"
        );
        #[cfg(not(target_arch = "wasm32"))]
        assert_eq!(pointer_of(&segments(path.steps())), path.pointer());
        let specifiers = Path::root().field(BODY, &body::SPECIFIERS);
        assert_eq!(specifiers.steps().first().map(Step::rank), Some(10));
        // A field of the body before a later one, and before anything below it; the body
        // before its entries.
        assert_eq!(order(specifiers.steps(), path.steps()), Ordering::Greater);
        assert_eq!(order(path.steps(), path.steps()), Ordering::Equal);
        let below = path.clone().index(0);
        assert_eq!(order(path.steps(), below.steps()), Ordering::Less);
        assert_eq!(
            order(Path::root().steps(), Path::root().index(0).steps()),
            Ordering::Less
        );
    }

    #[test]
    fn pointers_escape_tilde_and_slash_in_keys() {
        let mut path = Path::root();
        path.push(Step::Key("a/b~c", 0));
        path.push(Step::Index(12));
        assert_eq!(path.pointer(), "/a~1b~0c/12");
        #[cfg(not(target_arch = "wasm32"))]
        assert_eq!(pointer_of(&segments(path.steps())), path.pointer());
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
