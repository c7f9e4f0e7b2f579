//! The native bench of issue 4, run by hand (never by the tests): drafts per second of
//! `credit_rules::validate` and `validate_json` on the corpus the JS bench uses
//! (bench/corpus/*.json, with the `now` of bench/corpus/options.json), for server use.
//!
//! `cargo bench --bench validate` (Criterion prints `thrpt` in elem/s: one element is one draft).
//! On wasm32 this is an empty program, so that `--all-targets` builds there too.

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use chrono::{DateTime, Utc};
    use credit_rules::{validate, validate_json, Options};
    use criterion::{black_box, BenchmarkId, Criterion, Throughput};
    use std::path::PathBuf;
    use std::time::Duration;

    /// One corpus entry: its file, its label, and the number of errors it must give.
    const CORPUS: &[(&str, &str, usize)] = &[
        ("a-minimal.json", "a_minimal", 0),
        ("b-form.json", "b_form", 0),
        ("c-invalid.json", "c_invalid_5_errors", 5),
        ("d-large.json", "d_large", 0),
    ];

    fn corpus_dir() -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("bench")
            .join("corpus")
    }

    fn read(name: &str) -> String {
        let path = corpus_dir().join(name);
        std::fs::read_to_string(&path)
            .unwrap_or_else(|error| panic!("cannot read {}: {error}", path.display()))
    }

    fn options() -> Options {
        let value: serde_json::Value =
            serde_json::from_str(&read("options.json")).expect("options.json is JSON");
        let now = value["now"]
            .as_str()
            .expect("options.json has a string now");
        let now = DateTime::parse_from_rfc3339(now).expect("now is RFC 3339");
        Options {
            now: Some(now.with_timezone(&Utc)),
            ..Options::default()
        }
    }

    /// Drafts per second of both entry points, each corpus entry checked first (a bench on a
    /// draft that does not give the expected verdict measures the wrong thing).
    pub fn drafts_per_second(c: &mut Criterion) {
        let options = options();
        let mut group = c.benchmark_group("validate");
        group.throughput(Throughput::Elements(1));
        for &(file, label, errors) in CORPUS {
            let text = read(file);
            let draft: serde_json::Value = serde_json::from_str(&text).expect("corpus is JSON");
            let report = validate(&draft, &options);
            assert_eq!(
                report.errors.len(),
                errors,
                "{file}: expected {errors} errors, got {:?}",
                report.errors
            );
            assert_eq!(
                validate_json(&text, &options),
                report,
                "{file}: text and value differ"
            );
            group.bench_with_input(BenchmarkId::new("value", label), &draft, |b, draft| {
                b.iter(|| validate(black_box(draft), &options))
            });
            group.bench_with_input(BenchmarkId::new("text", label), &text, |b, text| {
                b.iter(|| validate_json(black_box(text), &options))
            });
        }
        group.finish();
    }

    /// Short enough to run by hand in well under a minute; long enough for stable medians.
    pub fn config() -> Criterion {
        Criterion::default()
            .warm_up_time(Duration::from_secs(1))
            .measurement_time(Duration::from_secs(3))
    }
}

#[cfg(not(target_arch = "wasm32"))]
criterion::criterion_group! {
    name = benches;
    config = native::config();
    targets = native::drafts_per_second
}

#[cfg(not(target_arch = "wasm32"))]
criterion::criterion_main!(benches);

/// Nothing to measure on wasm32: the JS bench (bench/) measures the wasm build.
#[cfg(target_arch = "wasm32")]
fn main() {}
