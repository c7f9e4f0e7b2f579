use super::*;
use crate::input::read_json;
use crate::schema::{ACCESS_SCHEDULE, BODY, SCHEDULE_ITEM, SPECIFIER};
use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::TestCaseError;
use serde_json::Value;

/// The bench corpus: four drafts and the options.
const CORPUS: [(&str, &str); 5] = [
    (
        "a-minimal",
        include_str!("../../bench/corpus/a-minimal.json"),
    ),
    ("b-form", include_str!("../../bench/corpus/b-form.json")),
    (
        "c-invalid",
        include_str!("../../bench/corpus/c-invalid.json"),
    ),
    ("d-large", include_str!("../../bench/corpus/d-large.json")),
    ("options", include_str!("../../bench/corpus/options.json")),
];

/// The same input, numbers (and dates) compared bit for bit.
fn same(ours: &Input, serde: &Input) -> bool {
    match (ours, serde) {
        (Input::Number(a), Input::Number(b)) | (Input::Date(a), Input::Date(b)) => {
            a.to_bits() == b.to_bits()
        }
        (Input::Array(a), Input::Array(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|(a, b)| same(a, b))
        }
        (Input::Object(a), Input::Object(b)) => {
            a.len() == b.len()
                && a.iter()
                    .zip(b)
                    .all(|((ka, va), (kb, vb))| ka == kb && same(va, vb))
        }
        _ => ours == serde,
    }
}

/// Both readers give the same input, or both refuse the text with the same detail.
fn agree(text: &str) -> Result<(), String> {
    match (read(text), read_json(text)) {
        (Ok(ours), Ok(serde)) if same(&ours, &serde) => Ok(()),
        (Ok(ours), Ok(serde)) => Err(format!("{text:?}:\n ours  {ours:?}\n serde {serde:?}")),
        (Err(ours), Err(serde)) if ours.detail() == serde.to_string() => Ok(()),
        (ours, serde) => Err(format!(
            "{text:?}:\n ours  {:?}\n serde {:?}",
            ours.map_err(|error| error.detail()),
            serde.map_err(|error| error.to_string())
        )),
    }
}

fn check(text: &str) {
    if let Err(disagreement) = agree(text) {
        panic!("{disagreement}");
    }
}

fn refused(text: &str) -> String {
    check(text);
    match read(text) {
        Ok(input) => panic!("{text:?} read as {input:?}"),
        Err(error) => error.detail(),
    }
}

fn number_bits(text: &str) -> u64 {
    check(text);
    match read(text) {
        Ok(Input::Number(number)) => number.to_bits(),
        other => panic!("{text:?} read as {other:?}"),
    }
}

#[test]
fn case_tables() {
    for table in [
        include_str!("../../tests/fixtures/conformance.json"),
        include_str!("../../tests/fixtures/cases.json"),
    ] {
        let cases: Vec<Value> = serde_json::from_str(table).unwrap();
        let mut texts = 0;
        for case in &cases {
            if let Some(json) = case.get("json").and_then(Value::as_str) {
                check(json);
                texts += 1;
            }
            if let Some(input) = case.get("input") {
                check(&serde_json::to_string(input).unwrap());
                check(&serde_json::to_string_pretty(input).unwrap());
            }
        }
        assert!(texts > 0);
    }
}

#[test]
fn bench_corpus_whole_cut_and_with_a_byte_replaced() {
    for (name, text) in CORPUS {
        check(text);
        assert!(read(text).is_ok(), "{name}");
        if text.len() > 10_000 {
            continue;
        }
        for end in (0..text.len()).filter(|&end| text.is_char_boundary(end)) {
            check(&text[..end]);
        }
        for (at, _) in text.char_indices().filter(|(_, c)| c.is_ascii()) {
            for replacement in "{}[],:\"\\0-e.x ".chars() {
                let mut changed = String::with_capacity(text.len());
                changed.push_str(&text[..at]);
                changed.push(replacement);
                changed.push_str(&text[at + 1..]);
                check(&changed);
            }
        }
    }
}

#[test]
fn refusals_say_what_and_where() {
    assert_eq!(refused(""), "EOF while parsing a value at line 1 column 0");
    assert_eq!(
        refused(" \n\t\r "),
        "EOF while parsing a value at line 2 column 3"
    );
    assert_eq!(
        refused("{\"a\""),
        "EOF while parsing an object at line 1 column 4"
    );
    assert_eq!(refused("x"), "expected value at line 1 column 1");
    assert_eq!(refused("{} x"), "trailing characters at line 1 column 4");
    assert_eq!(refused("\u{feff}{}"), "expected value at line 1 column 1");
    assert_eq!(
        refused("{\"name\":\n  1e400}"),
        "number out of range at line 2 column 7"
    );
    assert_eq!(
        refused("\"\\ud800\""),
        "unexpected end of hex escape at line 1 column 8"
    );
    assert_eq!(
        refused("\"\\udc00\""),
        "lone leading surrogate in hex escape at line 1 column 7"
    );
    assert_eq!(
        refused("\"\\ud800\\u0041\""),
        "lone leading surrogate in hex escape at line 1 column 13"
    );
    assert_eq!(
        refused("\"a\u{1}\""),
        "control character (\\u0000-\\u001F) found while parsing a string at line 1 column 3"
    );
    assert_eq!(refused("[1,]"), "trailing comma at line 1 column 4");
    assert_eq!(refused("{1:2}"), "key must be a string at line 1 column 2");
    assert_eq!(refused("[1 2]"), "expected `,` or `]` at line 1 column 4");
    assert_eq!(refused("{\"a\" 1}"), "expected `:` at line 1 column 6");
    assert_eq!(refused("\"\\x\""), "invalid escape at line 1 column 3");
    // Multi-byte characters count their bytes, as serde_json does.
    assert_eq!(refused("\"é\" x"), "trailing characters at line 1 column 6");
    for text in [
        "1e400",
        "-1e400",
        "1e309",
        "1.8e308",
        "179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497792",
        "1e99999999999999999999",
        "01",
        "-01",
        "00",
        "1.",
        "1.e5",
        "1.x",
        ".5",
        "+1",
        "-",
        "-a",
        "- 1",
        "1e",
        "1e+",
        "1e-",
        "1ea",
        "1E+x",
        "0x10",
        "Infinity",
        "NaN",
        "\"\\ud800\"",
        "\"\\udc00\"",
        "\"\\udfff\"",
        "\"\\ud800\\u0041\"",
        "\"\\ud800\\ud800\"",
        "\"\\ud800x\"",
        "\"\\ud800\\n\"",
        "\"\\ud800\\",
        "\"\\ud800",
        "\"\\ud800\\u",
        "\"\\ud800\\udc0",
        "\"\\u12\"",
        "\"\\u12g4\"",
        "\"\\u",
        "\"\\",
        "\"\\a\"",
        "\"\\U0041\"",
        "\"\\'\"",
        "\"a\u{0}b\"",
        "\"\u{1f}\"",
        "\"\n\"",
        "\"\t\"",
        "\"abc",
        "{} x",
        "{}{}",
        "[]]",
        "[1,]",
        "[,1]",
        "[1,,2]",
        "[",
        "[1",
        "[1,",
        "{",
        "{\"a\"",
        "{\"a\":",
        "{\"a\":1",
        "{\"a\":1,",
        "{\"a\":1,}",
        "{,}",
        "{1:2}",
        "{\"a\" 1}",
        "{\"a\":1 \"b\":2}",
        "{\"a\":1,2:3}",
        "{'a':1}",
        "nul",
        "nulx",
        "nulll",
        "tru",
        "True",
        "fals",
        "falsee",
        "\u{feff}{}",
        "\u{a0}{}",
        "{}\u{a0}",
        "\u{b}{}",
        "\u{c}{}",
        "{}\u{0}",
        "\u{2028}{}",
    ] {
        refused(text);
        // The same problem where the schema keeps the value, and where it does not.
        refused(&format!("{{\"priority\":{text}}}"));
        refused(&format!("{{\"custom_fields\":{{\"k\":{text}}}}}"));
        refused(&format!("{{\"x\":[{{\"y\":\n[{text}]}}]}}"));
    }
}

#[test]
fn numbers_read_as_serde_reads_them() {
    // An integer literal is visited as u64 or i64 (negative: `-(n as f64)`), so `-0`
    // keeps its sign; a fraction or exponent reads to the nearest double.
    assert_eq!(number_bits("0"), 0f64.to_bits());
    assert_eq!(number_bits("-0"), (-0f64).to_bits());
    assert_eq!(number_bits("-0.0"), (-0f64).to_bits());
    assert_eq!(number_bits("-0e5"), (-0f64).to_bits());
    assert_eq!(number_bits("1e-400"), 0f64.to_bits());
    assert_eq!(number_bits("-1e-400"), (-0f64).to_bits());
    assert_eq!(number_bits("0e99999999999"), 0f64.to_bits());
    assert_eq!(number_bits("-0.000e99999999999"), (-0f64).to_bits());
    assert_eq!(number_bits("1e-99999999999"), 0f64.to_bits());
    assert_eq!(
        number_bits("985690694.6328695"),
        985_690_694.632_869_5f64.to_bits()
    );
    assert_eq!(
        number_bits("18446744073709551615"),
        (u64::MAX as f64).to_bits()
    );
    for text in [
        "1",
        "-1",
        "1000",
        "12.5",
        "1E+2",
        "1e-2",
        "0.1",
        "9007199254740993",
        "-9007199254740993",
        "9223372036854775807",
        "9223372036854775808",
        "-9223372036854775808",
        "-9223372036854775809",
        "18446744073709551616",
        "-18446744073709551616",
        "123456789012345678901234567890",
        "123456789012345678901234567890.5e-10",
        "2.2250738585072011e-308",
        "1.7976931348623157e308",
        "-1.7976931348623157e308",
        "5e-324",
        "2.4703282292062328e-324",
        "2.4703282292062327e-324",
        "0.00000000000000000000000000000000000000000000000000001",
        "1e2147483647",
        "1e-2147483648",
        "1e-2147483649",
        "0e2147483648",
        "0.0e+99999999999999999999",
    ] {
        check(text);
        check(&format!("{{\"priority\":{text}}}"));
        check(&format!("{{\"x\":[{text}]}}"));
    }
}

fn nested(depth: usize, object: bool, inner: &str) -> String {
    let mut text = String::new();
    for _ in 0..depth {
        text.push_str(if object { "{\"a\":" } else { "[" });
    }
    text.push_str(inner);
    for _ in 0..depth {
        text.push(if object { '}' } else { ']' });
    }
    text
}

#[test]
fn depth_limit_is_serdes() {
    // serde_json refuses the 128th level: 127 nested arrays or objects pass.
    assert!(read(&nested(127, false, "")).is_ok());
    assert_eq!(
        refused(&nested(128, false, "")),
        "recursion limit exceeded at line 1 column 128"
    );
    assert!(read(&nested(127, true, "1")).is_ok());
    refused(&nested(128, true, "1"));
    for depth in 120..=135 {
        for object in [false, true] {
            let inner = nested(depth, object, "\"deep\"");
            check(&inner);
            // Levels the schema describes, and levels it does not, count alike.
            for (before, after) in [
                ("{\"x\":", "}"),
                ("{\"name\":", "}"),
                ("{\"custom_fields\":{\"k\":", "}}"),
                ("{\"custom_fields\":", "}"),
                ("{\"access_schedule\":{\"schedule_items\":", "}}"),
                ("{\"access_schedule\":{\"schedule_items\":[", "]}}"),
                ("{\"specifiers\":[{\"pricing_group_values\":", "}]}"),
                ("{\"applicable_product_ids\":[1,", "]}"),
            ] {
                check(&format!("{before}{inner}{after}"));
            }
        }
    }
    // Far deeper than the limit: refused at the 128th level, without recursing further.
    refused(&"[".repeat(100_000));
    refused(&nested(100_000, true, "1"));
}

#[test]
fn large_arrays_and_objects() {
    // Each value tells its place, so that the one kept for a repeated key shows.
    let map = |keys: &mut dyn Iterator<Item = String>| {
        let entries: Vec<String> = keys
            .enumerate()
            .map(|(at, key)| format!("\"{key}\":\"v{at}\""))
            .collect();
        format!("{{{}}}", entries.join(","))
    };
    let array = |count: usize| {
        let entries: Vec<String> = (0..count).map(|i| format!("\"e{i}\"")).collect();
        format!("[{}]", entries.join(","))
    };
    let mut maps = Vec::new();
    for count in [15, 16, 17, 31, 32, 33, 100, 9_999, 10_000, 10_001, 12_345] {
        maps.push(map(&mut (0..count).map(|i| format!("k{i}"))));
    }
    for (count, modulo) in [(20_002, 10_001), (20_000, 10_000), (30_000, 5), (40, 17)] {
        maps.push(map(&mut (0..count).map(|i| format!("k{}", i % modulo))));
    }
    // Repeats far apart, repeats in reverse, escaped keys equal to plain ones.
    maps.push(map(&mut (0..10_001)
        .rev()
        .chain(0..50)
        .map(|i| format!("k{}", i % 10_000))));
    maps.push(map(&mut (0..40).map(|i| {
        if i % 2 == 0 {
            format!("\\u006b{}", i % 7)
        } else {
            format!("k{}", i % 7)
        }
    })));
    for text in &maps {
        for (before, after) in [
            ("{\"custom_fields\":", "}"),
            ("{\"x\":", "}"),
            ("{\"specifiers\":[{\"presentation_group_values\":", "}]}"),
            ("", ""),
        ] {
            check(&format!("{before}{text}{after}"));
        }
    }
    for count in [0, 1, 9_999, 10_000, 10_001, 20_000] {
        let text = array(count);
        for (before, after) in [
            ("{\"applicable_product_ids\":", "}"),
            ("{\"x\":", "}"),
            ("{\"name\":", "}"),
            ("", ""),
        ] {
            check(&format!("{before}{text}{after}"));
        }
    }
    let items: Vec<&str> = (0..10_001).map(|_| "{\"amount\":1}").collect();
    check(&format!(
        "{{\"access_schedule\":{{\"schedule_items\":[{}]}}}}",
        items.join(",")
    ));
    // The body itself with repeated keys, last value at the first place.
    check("{\"name\":\"a\",\"priority\":1,\"name\":\"b\"}");
    let body: Vec<String> = (0..40)
        .map(|i| format!("\"u{}\":{i},\"name\":\"n{i}\"", i % 9))
        .collect();
    check(&format!("{{{}}}", body.join(",")));
}

#[test]
fn strings_borrow_unless_escaped() {
    let text = "{\"name\":\"plain\",\"description\":\"tab\\there\"}";
    check(text);
    let Ok(Input::Object(entries)) = read(text) else {
        panic!("not an object");
    };
    assert!(matches!(
        entries[0],
        (Cow::Borrowed("name"), Input::String(Cow::Borrowed("plain")))
    ));
    assert!(matches!(&entries[1].1, Input::String(Cow::Owned(text)) if text == "tab\there"));
    check("{\"name\":\"\\ud83d\\ude00 \\u00e9\\/\\b\\f\\n\\r\\t\\\"\\\\\"}");
    check("{\"name\":\"😀 é \u{2028}\"}");
}

/// A JSON value as text pieces, so that objects may repeat keys.
#[derive(Debug, Clone)]
enum Tree {
    Leaf(String),
    Array(Vec<Tree>),
    Object(Vec<(String, Tree)>),
}

fn schema_key() -> impl Strategy<Value = String> {
    let names: Vec<String> = [BODY, ACCESS_SCHEDULE, SCHEDULE_ITEM, SPECIFIER]
        .iter()
        .flat_map(|fields| fields.iter().map(|field| field.name.to_owned()))
        .chain(["exclude".to_owned(), "x".to_owned()])
        .collect();
    proptest::sample::select(names)
}

/// A string literal, written in one of several ways: as serde_json writes it, every
/// character as `\u` (surrogate pairs past the BMP), raw where JSON allows it, or with a
/// lone surrogate or a raw control character (refused).
fn string_literal() -> impl Strategy<Value = String> {
    string_literal_in(0..8)
}

/// A string literal written in one of the ways serde_json accepts.
fn valid_string_literal() -> impl Strategy<Value = String> {
    string_literal_in(0..6)
}

fn string_literal_in(styles: core::ops::Range<u8>) -> impl Strategy<Value = String> {
    let character = prop_oneof![
        4 => any::<char>(),
        1 => proptest::sample::select(vec![
            '"', '\\', '/', '\u{0}', '\u{8}', '\u{1f}', '\n', '\t', 'é', '😀', '\u{2028}',
            '\u{feff}', '\u{7f}', '\u{ffff}',
        ]),
    ];
    let text = prop_oneof![
        3 => proptest::collection::vec(character, 0..8)
            .prop_map(|chars| chars.into_iter().collect::<String>()),
        1 => schema_key(),
    ];
    (text, styles).prop_map(|(text, style)| match style {
        0..=3 => serde_json::to_string(&text).unwrap(),
        4 => {
            let mut out = String::from("\"");
            for unit in text.encode_utf16() {
                out.push_str(&format!("\\u{unit:04X}"));
            }
            out.push('"');
            out
        }
        5 => {
            let mut out = String::from("\"");
            for (at, c) in text.chars().enumerate() {
                match c {
                    '"' | '\\' => out.push_str(if c == '"' { "\\\"" } else { "\\\\" }),
                    c if at % 2 == 0 || (c as u32) < 0x20 => {
                        let mut units = [0u16; 2];
                        for unit in c.encode_utf16(&mut units) {
                            out.push_str(&format!("\\u{unit:04x}"));
                        }
                    }
                    c => out.push(c),
                }
            }
            out.push('"');
            out
        }
        6 => {
            let literal = serde_json::to_string(&text).unwrap();
            let lone = ["\\ud800", "\\udbff\\u0041", "\\udc00", "\\ud800\\n"][text.len() % 4];
            format!("{}{lone}\"", &literal[..literal.len() - 1])
        }
        _ => format!("\"{text}\""),
    })
}

/// A number literal: what serde_json writes, integers at the edges of 64 bits, and any
/// literal of the looser grammar (leading zeros, `.5`: refused).
fn number_literal() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<i64>().prop_map(|n| n.to_string()),
        any::<u64>().prop_map(|n| n.to_string()),
        any::<f64>()
            .prop_filter("finite", |x| x.is_finite())
            .prop_map(|x| serde_json::to_string(&x).unwrap()),
        any::<u64>().prop_map(|bits| format!("{:e}", f64::from_bits(bits).abs())),
        proptest::sample::select(vec![
            "-0",
            "0",
            "-0.0",
            "1e400",
            "-1e400",
            "1e-400",
            "1e308",
            "2e308",
            "5e-324",
            "18446744073709551616",
            "-9223372036854775809",
            "01",
            ".5",
            "1.",
            "+1",
            "-",
            "1e",
            "0.1e99999999999",
            "0e99999999999",
        ])
        .prop_map(str::to_owned),
        (
            "-?(0|[1-9][0-9]{0,25})",
            proptest::option::of("[0-9]{1,25}"),
            proptest::option::of("[eE][+-]?[0-9]{1,3}")
        )
            .prop_map(|(whole, fraction, exponent)| {
                let fraction = fraction.map(|f| format!(".{f}")).unwrap_or_default();
                format!("{whole}{fraction}{}", exponent.unwrap_or_default())
            }),
    ]
}

fn leaf() -> impl Strategy<Value = Tree> {
    prop_oneof![
        3 => string_literal(),
        3 => number_literal(),
        1 => proptest::sample::select(vec!["null", "true", "false", "nul", "True"])
            .prop_map(str::to_owned),
    ]
    .prop_map(Tree::Leaf)
}

fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => schema_key().prop_map(|key| serde_json::to_string(&key).unwrap()),
        1 => "[a-c]{1,2}".prop_map(|key| format!("\"{key}\"")),
        1 => string_literal(),
    ]
}

fn tree() -> impl Strategy<Value = Tree> {
    let tree = leaf().prop_recursive(6, 96, 10, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..10).prop_map(Tree::Array),
            proptest::collection::vec((key(), inner), 0..10).prop_map(Tree::Object),
        ]
    });
    prop_oneof![
        1 => tree.clone(),
        3 => proptest::collection::vec((key(), tree), 0..12).prop_map(Tree::Object),
    ]
}

const WHITESPACE: [&str; 7] = ["", "", " ", "\n", "\t", "\r\n", "  "];

fn emit(tree: &Tree, whitespace: &mut dyn Iterator<Item = &'static str>, out: &mut String) {
    fn space(whitespace: &mut dyn Iterator<Item = &'static str>, out: &mut String) {
        out.push_str(whitespace.next().unwrap_or(""));
    }
    match tree {
        Tree::Leaf(text) => out.push_str(text),
        Tree::Array(entries) => {
            out.push('[');
            for (at, entry) in entries.iter().enumerate() {
                if at > 0 {
                    out.push(',');
                }
                space(whitespace, out);
                emit(entry, whitespace, out);
                space(whitespace, out);
            }
            space(whitespace, out);
            out.push(']');
        }
        Tree::Object(entries) => {
            out.push('{');
            for (at, (key, value)) in entries.iter().enumerate() {
                if at > 0 {
                    out.push(',');
                }
                space(whitespace, out);
                out.push_str(key);
                space(whitespace, out);
                out.push(':');
                space(whitespace, out);
                emit(value, whitespace, out);
                space(whitespace, out);
            }
            space(whitespace, out);
            out.push('}');
        }
    }
}

fn text_of(tree: &Tree, whitespace: &[usize]) -> String {
    let mut spaces = whitespace
        .iter()
        .map(|&at| WHITESPACE[at % WHITESPACE.len()])
        .chain(std::iter::repeat(""));
    let mut text = String::new();
    text.push_str(spaces.next().unwrap_or(""));
    emit(tree, &mut spaces, &mut text);
    text.push_str(spaces.next().unwrap_or(""));
    text
}

/// `text` with the ASCII byte at `at` (if any) replaced.
fn replaced(text: &str, at: Index, by: char) -> String {
    let positions: Vec<usize> = text
        .char_indices()
        .filter(|(_, c)| c.is_ascii())
        .map(|(at, _)| at)
        .collect();
    if positions.is_empty() {
        return text.to_owned();
    }
    let at = positions[at.index(positions.len())];
    format!("{}{by}{}", &text[..at], &text[at + 1..])
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 1000,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn generated_texts_read_as_serde_reads_them(
        tree in tree(),
        whitespace in proptest::collection::vec(0usize..7, 0..40),
        change in proptest::option::of((any::<Index>(), proptest::sample::select(
            "{}[],:\"\\0-e.x /u".chars().collect::<Vec<_>>()))),
        cut in proptest::option::weighted(0.1, any::<Index>()),
    ) {
        let mut text = text_of(&tree, &whitespace);
        agree(&text).map_err(TestCaseError::fail)?;
        if let Some((at, by)) = change {
            text = replaced(&text, at, by);
            agree(&text).map_err(TestCaseError::fail)?;
        }
        if let Some(cut) = cut {
            let ends: Vec<usize> = (0..=text.len()).filter(|&end| text.is_char_boundary(end)).collect();
            agree(&text[..ends[cut.index(ends.len())]]).map_err(TestCaseError::fail)?;
        }
    }

    #[test]
    fn maps_with_repeated_keys(
        entries in proptest::collection::vec(("[a-f]{1,2}", valid_string_literal()), 0..120),
        under in proptest::sample::select(vec!["custom_fields", "x", ""]),
    ) {
        let entries: Vec<String> =
            entries.iter().map(|(key, value)| format!("\"{key}\":{value}")).collect();
        let map = format!("{{{}}}", entries.join(","));
        let text = if under.is_empty() { map } else { format!("{{\"{under}\":{map}}}") };
        agree(&text).map_err(TestCaseError::fail)?;
        prop_assert!(read(&text).is_ok());
    }

    #[test]
    fn deep_nesting_around_the_limit(
        levels in proptest::collection::vec((any::<bool>(), schema_key()), 100..140),
        leaf in leaf(),
    ) {
        let mut text = String::new();
        for (object, key) in &levels {
            if *object {
                text.push_str(&format!("{{\"{key}\":"));
            } else {
                text.push('[');
            }
        }
        if let Tree::Leaf(leaf) = &leaf {
            text.push_str(leaf);
        }
        for (object, _) in levels.iter().rev() {
            text.push(if *object { '}' } else { ']' });
        }
        agree(&text).map_err(TestCaseError::fail)?;
    }
}

/// Native timing against serde_json (run by hand):
/// `cargo test --release --lib json_text::tests::timing -- --ignored --nocapture`
#[test]
#[ignore]
fn timing() {
    use std::hint::black_box;
    use std::time::{Duration, Instant};
    fn time(rounds: u32, mut run: impl FnMut()) -> Duration {
        let start = Instant::now();
        for _ in 0..rounds {
            run();
        }
        start.elapsed() / rounds
    }
    for (name, text) in CORPUS.iter().filter(|(name, _)| *name != "options") {
        // Short trials, the two readers in turn, the best of each: the machine is shared.
        let rounds = (2_000_000 / text.len()).max(10) as u32;
        let (mut ours, mut serde) = (Duration::MAX, Duration::MAX);
        for _ in 0..41 {
            ours = ours.min(time(rounds, || {
                black_box(read(black_box(text)).is_ok());
            }));
            serde = serde.min(time(rounds, || {
                black_box(read_json(black_box(text)).is_ok());
            }));
        }
        println!(
            "{name} ({} bytes): json_text {ours:?}, serde_json {serde:?} (best of 41 trials; serde/ours {:.2})",
            text.len(),
            serde.as_secs_f64() / ours.as_secs_f64()
        );
    }
}
