//! String maps (`custom_fields`, the group values): each entry's trimmed key and value held
//! to their limits.

use super::{text, Finding};
use crate::issue::Code;

/// One entry with a non-blank value: the key must not be blank (`required`), and key and
/// value must be within their limits (`too_long`, params `max` and `part`); both parts are
/// judged, so an entry can have two findings.
pub(crate) fn map_entry<'t>(
    key: &'t str,
    value: &'t str,
    key_max: Option<usize>,
    value_max: Option<usize>,
) -> Result<(&'t str, &'t str), [Option<Finding>; 2]> {
    if key.is_empty() {
        return Err([Some(Finding::new(Code::Required)), None]);
    }
    let part = |result: Result<&'t str, Finding>, part: &'static str| {
        result.map_err(|finding| finding.with("part", part))
    };
    match (
        part(text(key, key_max), "key"),
        part(text(value, value_max), "value"),
    ) {
        (Ok(key), Ok(value)) => Ok((key, value)),
        (key, value) => Err([key.err(), value.err()]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_and_values_are_judged_apart() {
        assert_eq!(map_entry("k", "v", Some(1), Some(1)), Ok(("k", "v")));
        let too_long = |max: usize, part: &'static str| {
            Some(
                Finding::new(Code::TooLong)
                    .with("max", max)
                    .with("part", part),
            )
        };
        assert_eq!(
            map_entry("kk", "v", Some(1), Some(1)),
            Err([too_long(1, "key"), None])
        );
        assert_eq!(
            map_entry("kk", "vvv", Some(1), Some(2)),
            Err([too_long(1, "key"), too_long(2, "value")])
        );
        assert_eq!(
            map_entry("", "v", None, None),
            Err([Some(Finding::new(Code::Required)), None])
        );
    }
}
