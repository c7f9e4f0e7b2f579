//! Enumerations: one of the table's values, any ASCII letter case, written as the table
//! spells it.

use super::Finding;
use crate::issue::Code;
use crate::prelude::*;
use crate::schema::closest;

/// The allowed value equal to `text` ignoring ASCII case; `invalid_enum` with param
/// `allowed` otherwise, and `suggestion` when a value is within edit distance 2 of the
/// uppercased text (SPEC section 8: the `replace` fix offers it).
pub(crate) fn one_of(text: &str, allowed: &[&'static str]) -> Result<&'static str, Finding> {
    if let Some(value) = allowed
        .iter()
        .find(|value| value.eq_ignore_ascii_case(text))
    {
        return Ok(value);
    }
    let finding = Finding::new(Code::InvalidEnum).with("allowed", comma_list(allowed));
    Err(
        match closest(&mut allowed.iter().copied(), &text.to_ascii_uppercase()) {
            Some(value) => finding.with("suggestion", value),
            None => finding,
        },
    )
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

    #[test]
    fn a_value_within_two_edits_of_the_uppercased_text_is_suggested() {
        let allowed = &["COMMIT_RATE", "LIST_RATE"];
        let refused = |suggestion: &str| {
            Err(Finding::new(Code::InvalidEnum)
                .with("allowed", "COMMIT_RATE, LIST_RATE")
                .with("suggestion", suggestion))
        };
        assert_eq!(one_of("comit_rate", allowed), refused("COMMIT_RATE"));
        assert_eq!(one_of("list-rat", allowed), refused("LIST_RATE"));
        assert_eq!(
            one_of("list", allowed).map_err(|f| f.params.get("suggestion").cloned()),
            Err(None)
        );
    }
}
