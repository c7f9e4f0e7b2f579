//! Enumerations: one of the table's values, any ASCII letter case, written as the table
//! spells it.

use super::Finding;
use crate::issue::Code;
use crate::prelude::*;

/// The allowed value equal to `text` ignoring ASCII case; `invalid_enum` with param
/// `allowed` otherwise.
pub(crate) fn one_of(text: &str, allowed: &[&'static str]) -> Result<&'static str, Finding> {
    allowed
        .iter()
        .find(|value| value.eq_ignore_ascii_case(text))
        .copied()
        .ok_or_else(|| Finding::new(Code::InvalidEnum).with("allowed", comma_list(allowed)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_letter_case_gives_the_table_spelling() {
        let allowed = &["COMMIT_RATE", "LIST_RATE"];
        assert_eq!(one_of("list_rate", allowed), Ok("LIST_RATE"));
        assert_eq!(one_of("Commit_Rate", allowed), Ok("COMMIT_RATE"));
        assert_eq!(
            one_of("LIST", allowed),
            Err(Finding::new(Code::InvalidEnum).with("allowed", "COMMIT_RATE, LIST_RATE"))
        );
    }
}
