//! What the two halves of the JS edge share, defined once: the tape opcodes, the `received`
//! codes, the shapes, and the names the result tape writes by number (a report's and an
//! issue's keys, the severities, the codes, every table's field names). `src/wasm.rs` reads
//! and writes tapes with these; the block between the markers at the top of `js/edge.js` is
//! generated from them (with the message catalog), and `tests/boundary.rs` keeps it current.

// Shared by two readers that each use part of it: src/wasm.rs (wasm32) and the generator of
// the JS block (native).
#![allow(dead_code)]

use crate::input::{Received, Shape};
use crate::issue::{Code, Severity};
use crate::schema::{self, Field, Kind};

/// A module of opcodes, and the list of them with their names for the generated JS.
macro_rules! ops {
    ($(#[$doc:meta])* $module:ident { $($name:ident = $value:literal,)* }) => {
        $(#[$doc])*
        pub(crate) mod $module {
            $(pub(crate) const $name: u8 = $value;)*
            /// Every op with its name.
            pub(crate) const ALL: &[(&str, u8)] = &[$((stringify!($name), $name)),*];
        }
    };
}

ops! {
    /// Draft tape (JS → Rust) value ops, then the kinds of `now` in the options.
    draft {
        UNDEFINED = 0,
        NULL = 1,
        FALSE = 2,
        TRUE = 3,
        NUMBER = 4,
        DATE = 6,
        OTHER = 7,
        ARRAY = 8,
        OBJECT = 9,
        TOO_MANY = 10,
        // From here up an op is a string, of `op - STRING` units: one op, not two.
        STRING = 16,
        NOW_NONE = 0,
        NOW_TEXT = 1,
        NOW_DATE = 2,
    }
}

ops! {
    /// Result tape (Rust → JS) value ops (`B_` in JS).
    result {
        NUMBER = 1,
        ARRAY = 2,
        OBJECT = 3,
        ISSUE = 8,
        REPORT = 9,
        MAP = 10,
        // From here up an op is a text, of `op - TEXT` units: one op, not two.
        TEXT = 16,
    }
}

ops! {
    /// A fix's patch operations on the result tape (`P_` in JS): replace (place, value),
    /// move (place from, place to), and replace with the fix's `value` param (place); then
    /// the place that is the issue's own (a place is that, or a text: the name of another
    /// member of the object that holds it).
    patch {
        REPLACE = 0,
        MOVE = 1,
        REPLACE_WITH_VALUE = 2,
        HERE = 3,
    }
}

/// Every [`Received`], numbered by its place here.
pub(crate) const RECEIVED: &[Received] = &[
    Received::Null,
    Received::Undefined,
    Received::Boolean,
    Received::Number,
    Received::Bigint,
    Received::String,
    Received::Symbol,
    Received::Function,
    Received::Array,
    Received::Object,
    Received::Date,
    Received::Instance,
    Received::Unreadable,
];

/// The [`Received`] numbered `code`; anything else is unreadable.
pub(crate) fn received(code: f64) -> Received {
    RECEIVED
        .get(code as usize)
        .copied()
        .unwrap_or(Received::Unreadable)
}

/// The number of a shape, as the table descriptors give it.
pub(crate) fn shape_number(shape: Shape) -> u8 {
    match shape {
        Shape::Scalar => 0,
        Shape::Object(_) => 1,
        Shape::Objects(_) => 2,
        Shape::Strings => 3,
        Shape::Map => 4,
    }
}

/// The keys and names the result tape writes by number, before the codes and the tables.
pub(crate) const FIXED_NAMES: &[&str] = &[
    "code",
    "severity",
    "error",
    "warning",
    // Param names (src/rules/ and the cross-field rules name each where they report).
    "expected",
    "received",
    "suggestion",
    "reason",
    "max",
    "min",
    "part",
    "allowed",
    "with",
    "count",
    "detail",
    // A fix's params (src/fix.rs).
    "value",
    "to",
];

/// The name number of a fixed name.
pub(crate) fn fixed_name(name: &str) -> Option<usize> {
    FIXED_NAMES.iter().position(|fixed| *fixed == name)
}

/// The name number of a severity.
pub(crate) fn severity_name(severity: Severity) -> usize {
    match severity {
        Severity::Error => 2,
        Severity::Warning => 3,
    }
}

/// The name number of a code.
pub(crate) fn code_name(code: Code) -> usize {
    FIXED_NAMES.len() + code as usize
}

/// The most tables the schema has; a test keeps it so.
const MAX_TABLES: usize = 8;

/// Every table with the number of names before its own, in the order the tapes number them:
/// the order a walk from the body's table finds them. They are found through the very
/// references the checker follows: a table written as a constant may be compiled into several
/// copies (debug builds do), so comparing with `schema::ACCESS_SCHEDULE` could miss.
#[derive(Clone, Copy)]
pub(crate) struct Tables {
    found: [(&'static [Field], usize); MAX_TABLES],
    len: usize,
}

impl Tables {
    /// Walks the tables from the body's (no allocation: a call makes one).
    pub(crate) fn walk() -> Tables {
        let mut tables = Tables {
            found: [(&[], 0); MAX_TABLES],
            len: 0,
        };
        tables.push(schema::BODY);
        let mut next = 0;
        while next < tables.len {
            let table = tables.found.get(next).map_or(&[][..], |(table, _)| *table);
            for field in table {
                if let Kind::Object(inner) | Kind::Objects(inner) = &field.kind {
                    if tables.number(inner).is_none() {
                        tables.push(inner);
                    }
                }
            }
            next += 1;
        }
        // Offsets: each table's names follow the previous table's.
        let mut before = FIXED_NAMES.len() + Code::ALL.len();
        for at in 0..tables.len {
            if let Some((table, offset)) = tables.found.get_mut(at) {
                *offset = before;
                before += table.len();
            }
        }
        tables
    }

    fn push(&mut self, table: &'static [Field]) {
        if let Some(slot) = self.found.get_mut(self.len) {
            *slot = (table, 0);
            self.len += 1;
        }
    }

    /// The tables in walk order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = &'static [Field]> + '_ {
        self.found.iter().take(self.len).map(|(table, _)| *table)
    }

    /// The number of `fields` in walk order.
    pub(crate) fn number(&self, fields: &'static [Field]) -> Option<usize> {
        self.iter().position(|table| core::ptr::eq(table, fields))
    }

    /// The name number of entry `index` of the table `fields`.
    pub(crate) fn field_name(&self, fields: &'static [Field], index: usize) -> usize {
        self.found
            .iter()
            .take(self.len)
            .find(|(table, _)| core::ptr::eq(*table, fields))
            .map_or(0, |(_, before)| *before)
            + index
    }
}

/// Every name the result tape writes by number, in number order: the fixed names, the codes,
/// then each table's field names in walk order (what `NAMES` in `js/edge.js` lists).
#[cfg(any(test, not(target_arch = "wasm32")))]
fn names(tables: &Tables) -> impl Iterator<Item = &'static str> + '_ {
    FIXED_NAMES
        .iter()
        .copied()
        .chain(Code::ALL.iter().map(|code| code.as_str()))
        .chain(
            tables
                .iter()
                .flat_map(|table| table.iter().map(|field| field.name)),
        )
}

/// The generated block of `js/edge.js`: the constants above, the names, the tables and the
/// message catalog, as JS.
#[cfg(not(target_arch = "wasm32"))]
pub fn js_block() -> String {
    use crate::fix::FixKind;
    use crate::issue::{Match, VARIANTS};
    use std::fmt::Write;
    let quote = |text: &str| serde_json::Value::from(text).to_string();
    let mut out = String::new();
    let _ = writeln!(out, "{BEGIN}");
    let _ = writeln!(out, "// Draft tape ops.");
    for (name, value) in draft::ALL {
        let _ = writeln!(out, "const {name} = {value};");
    }
    let _ = writeln!(out, "// Result tape ops.");
    for (name, value) in result::ALL {
        let _ = writeln!(out, "const B_{name} = {value};");
    }
    let _ = writeln!(out, "// Patch operations.");
    for (name, value) in patch::ALL {
        let _ = writeln!(out, "const P_{name} = {value};");
    }
    let _ = writeln!(out, "// `received` codes.");
    for (number, received) in RECEIVED.iter().enumerate() {
        let _ = writeln!(
            out,
            "const R_{} = {number};",
            received.as_str().to_ascii_uppercase()
        );
    }
    let _ = writeln!(out, "// Shapes.");
    for (name, shape) in [
        ("SCALAR", Shape::Scalar),
        ("OBJECT_SHAPE", Shape::Object(&[])),
        ("OBJECTS", Shape::Objects(&[])),
        ("STRINGS", Shape::Strings),
        ("MAP", Shape::Map),
    ] {
        let _ = writeln!(out, "const {name} = {};", shape_number(shape));
    }
    let _ = writeln!(out, "const MAX_ENTRIES = {};", schema::MAX_ENTRIES);
    let tables = Tables::walk();
    let plain: Vec<&str> = names(&tables).collect();
    let names: Vec<String> = plain.iter().map(|name| quote(name)).collect();
    let _ = writeln!(
        out,
        "// The names the result tape writes by number.\nconst NAMES = [{}];",
        names.join(", ")
    );
    // The keys of the objects the result tape builds (`B_OBJECT`): params and table fields,
    // each a plain identifier. One named store per name, which V8 keeps monomorphic, where a
    // computed `object[key] =` is one megamorphic site for every key of every table: 3-5%
    // of a call (README "Size and speed").
    let params = fixed_name("expected").unwrap_or(0)..FIXED_NAMES.len();
    let fields = FIXED_NAMES.len() + Code::ALL.len()..names.len();
    let _ = writeln!(
        out,
        "// Sets the key of name number `name` on an object the result tape builds.\n\
         function setKey(object, name, value) {{\n  switch (name) {{"
    );
    for (number, name) in plain.iter().enumerate() {
        let identifier = name
            .bytes()
            .all(|byte| byte.is_ascii_lowercase() || byte == b'_');
        if identifier && (params.contains(&number) || fields.contains(&number)) {
            let _ = writeln!(out, "    case {number}: object.{name} = value; return;");
        }
    }
    let _ = writeln!(out, "    default: object[NAMES[name]] = value;\n  }}\n}}");
    let described: Vec<String> = tables
        .iter()
        .map(|table| {
            let fields: Vec<String> = table
                .iter()
                .map(|field| {
                    let shape = Shape::of(&field.kind);
                    let sub = match shape {
                        Shape::Object(inner) | Shape::Objects(inner) => {
                            tables.number(inner).unwrap_or(0)
                        }
                        _ => 0,
                    };
                    format!("[{}, {sub}]", shape_number(shape))
                })
                .collect();
            format!("  [{}]", fields.join(", "))
        })
        .collect();
    let _ = writeln!(
        out,
        "// Each table's fields, named by NAMES from FIRST_FIELD_NAME on, table after table: [shape,\n\
         // table of the entries].\nconst FIRST_FIELD_NAME = {};\nconst TABLES = [\n{},\n];",
        FIXED_NAMES.len() + Code::ALL.len(),
        described.join(",\n")
    );
    let _ = writeln!(
        out,
        "// The rules, their codes named by NAMES from FIRST_CODE_NAME on: [severity, default\n\
         // message].\nconst FIRST_CODE_NAME = {};",
        FIXED_NAMES.len()
    );
    let _ = writeln!(out, "const CATALOG = [");
    for code in Code::ALL {
        let severity = match code.severity() {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let _ = writeln!(
            out,
            "  [{}, {}],",
            quote(severity),
            quote(code.default_message())
        );
    }
    let _ = writeln!(out, "];");
    let _ = writeln!(
        out,
        "// Default messages that a param changes: [code, [[param, value?]...], template]."
    );
    let _ = writeln!(out, "const VARIANTS = [");
    for variant in VARIANTS {
        let when: Vec<String> = variant
            .when
            .iter()
            .map(|(param, wanted)| match wanted {
                Match::Given => format!("[{}]", quote(param)),
                Match::Text(text) => format!("[{}, {}]", quote(param), quote(text)),
                Match::Number(number) => format!("[{}, {number}]", quote(param)),
            })
            .collect();
        let _ = writeln!(
            out,
            "  [{}, [{}], {}],",
            quote(variant.code.as_str()),
            when.join(", "),
            quote(variant.template)
        );
    }
    let _ = writeln!(out, "];");
    let _ = writeln!(
        out,
        "// The fixes, by kind number: [kind, default message (key `fix.<kind>`)]."
    );
    let _ = writeln!(out, "const FIXES = [");
    for kind in FixKind::ALL {
        let _ = writeln!(
            out,
            "  [{}, {}],",
            quote(kind.as_str()),
            quote(kind.default_message())
        );
    }
    let _ = writeln!(out, "];");
    let _ = write!(out, "{END}");
    out
}

/// The markers around the generated block of `js/edge.js`.
#[cfg(not(target_arch = "wasm32"))]
pub const BEGIN: &str =
    "// ---- generated from src/boundary.rs by `UPDATE_TYPES=1 cargo test --test boundary`; do not edit";
/// The end marker.
#[cfg(not(target_arch = "wasm32"))]
pub const END: &str = "// ---- end of the generated block";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::prelude::*;

    #[test]
    fn every_table_is_numbered() {
        let tables = Tables::walk();
        assert_eq!(tables.iter().count(), 5);
        assert!(tables.len < MAX_TABLES);
        assert_eq!(
            tables.field_name(schema::BODY, 0),
            FIXED_NAMES.len() + Code::ALL.len()
        );
    }

    /// The numbers the wasm writes (`fixed_name`, `severity_name`, `code_name`, `field_name`)
    /// index the NAMES list that `js_block` writes for JS, built here from the same data.
    #[test]
    fn every_name_number_indexes_its_name() {
        let tables = Tables::walk();
        let names: Vec<&str> = names(&tables).collect();
        for (number, name) in FIXED_NAMES.iter().enumerate() {
            assert_eq!(fixed_name(name), Some(number), "{name}");
        }
        assert_eq!(fixed_name("not a fixed name"), None);
        assert_eq!(names[severity_name(Severity::Error)], "error");
        assert_eq!(names[severity_name(Severity::Warning)], "warning");
        for code in Code::ALL.iter().copied() {
            assert_eq!(names[code_name(code)], code.as_str());
        }
        for table in tables.iter() {
            for (index, field) in table.iter().enumerate() {
                assert_eq!(names[tables.field_name(table, index)], field.name);
            }
        }
    }

    #[test]
    fn received_codes_round_trip() {
        for (number, received) in RECEIVED.iter().enumerate() {
            assert_eq!(super::received(number as f64), *received);
        }
    }
}
