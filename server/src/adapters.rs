//! ADAPTERS, to be removed: stand-ins for items the `credit-rules` crate has but does not
//! export yet ("Every rule in one place": the server keeps no rule of its own).
//!
//! Each item below mirrors a `pub(crate)` item of the crate, with the signature the crate is
//! asked to export. When the crate exports it, delete the stand-in here and call the crate's
//! item instead; nothing else in the server needs to change.

use credit_rules::issue::{self, Code, Issue, Params};
use credit_rules::{Options, Report};

/// `8-4-4-4-12` hexadecimal digits, any letter case, as SPEC section 2 defines a UUID.
///
/// ADAPTER for `credit_rules::is_uuid(text: &str) -> bool` (today `pub(crate)` in the crate's
/// `src/check.rs`), which the create endpoint's `customer_id` is checked with; the list
/// endpoint's `customer_id` must pass the same check.
pub(crate) fn is_uuid(text: &str) -> bool {
    let groups: Vec<&str> = text.split('-').collect();
    groups.len() == 5
        && groups.iter().zip([8, 4, 4, 4, 12]).all(|(group, length)| {
            group.len() == length && group.bytes().all(|b| b.is_ascii_hexdigit())
        })
}

/// The report of a body that is not a draft at all: one error, about the whole body (path
/// `[]`, pointer `""`), with its severity and message from the crate's catalog.
///
/// ADAPTER for `credit_rules::Report::whole_body_error(code: Code, params: Params, options:
/// &Options) -> Report` (today `check::whole_body_error(..).into_report()`, `pub(crate)` in the
/// crate), which builds the same report for `invalid_json` and for a non-string JSON text.
pub(crate) fn whole_body_error(code: Code, params: Params, options: &Options) -> Report {
    let path = Vec::new();
    let issue = Issue {
        code,
        severity: code.severity(),
        message: issue::message(code, &params, &options.messages),
        pointer: issue::pointer_of(&path),
        path,
        params,
        related: Vec::new(),
    };
    Report {
        valid: false,
        errors: vec![issue],
        warnings: Vec::new(),
        value: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uuids_are_8_4_4_4_12_hex_digits() {
        assert!(is_uuid("13117714-3F05-48e5-a6e9-a66093f13b4d"));
        assert!(!is_uuid("13117714-3f05-48e5-a6e9-a66093f13b4"));
        assert!(!is_uuid("13117714x3f05-48e5-a6e9-a66093f13b4d"));
        assert!(!is_uuid("{13117714-3f05-48e5-a6e9-a66093f13b4d}"));
        assert!(!is_uuid(""));
    }

    /// The stand-in gives what the crate gives for a whole-body error it builds itself.
    #[test]
    fn whole_body_errors_match_the_crate() {
        let mut overridden = Options::default();
        overridden
            .messages
            .insert("invalid_json".into(), "Not JSON: {detail}".into());
        for options in [Options::default(), overridden] {
            let from_crate = credit_rules::validate_json("{", &options);
            let detail = from_crate
                .errors
                .first()
                .and_then(|e| e.params.get("detail"));
            let detail = detail.map(ToString::to_string).unwrap_or_default();
            let params = Params::new().with("detail", detail);
            assert_eq!(
                whole_body_error(Code::InvalidJson, params, &options),
                from_crate
            );
        }
    }
}
