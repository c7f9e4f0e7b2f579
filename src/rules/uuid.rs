//! UUIDs: `8-4-4-4-12` hexadecimal digits, any letter case, lowercased.

use super::Finding;
use crate::issue::Code;
use crate::prelude::*;

/// A UUID, lowercased; `invalid_uuid` otherwise.
pub(crate) fn uuid(text: &str) -> Result<Cow<'_, str>, Finding> {
    if is_uuid(text) {
        Ok(ascii_lowercase(text))
    } else {
        Err(Finding::new(Code::InvalidUuid))
    }
}

/// `8-4-4-4-12` hexadecimal digits, any letter case: a UUID as SPEC section 2 defines it.
#[inline(always)]
pub fn is_uuid(text: &str) -> bool {
    // A plain loop: at opt-level "z" a closure per byte stays a call.
    let bytes = text.as_bytes();
    if bytes.len() != 36 {
        return false;
    }
    for (at, &byte) in bytes.iter().enumerate() {
        let fits = match at {
            8 | 13 | 18 | 23 => byte == b'-',
            _ => byte.is_ascii_hexdigit(),
        };
        if !fits {
            return false;
        }
    }
    true
}

/// Lowercases ASCII letters, copying only when there is one to change.
#[inline(always)]
pub(crate) fn ascii_lowercase(text: &str) -> Cow<'_, str> {
    if text.bytes().any(|byte| byte.is_ascii_uppercase()) {
        Cow::Owned(text.to_ascii_lowercase())
    } else {
        Cow::Borrowed(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uuids_are_8_4_4_4_12_hex() {
        assert!(is_uuid("13117714-3F05-48e5-a6e9-a66093f13b4d"));
        assert!(!is_uuid("13117714-3f05-48e5-a6e9-a66093f13b4"));
        assert!(!is_uuid("13117714x3f05-48e5-a6e9-a66093f13b4d"));
        assert!(!is_uuid("{13117714-3f05-48e5-a6e9-a66093f13b4d}"));
        assert!(!is_uuid("13117714-3f05-48e5-a6e9-a66093f13b4g"));
        assert!(!is_uuid(""));
    }

    #[test]
    fn uuids_are_lowercased_without_a_copy_when_already_lower() {
        assert_eq!(
            uuid("13117714-3F05-48E5-A6E9-A66093F13B4D"),
            Ok(Cow::Owned("13117714-3f05-48e5-a6e9-a66093f13b4d".into()))
        );
        assert!(matches!(
            uuid("13117714-3f05-48e5-a6e9-a66093f13b4d"),
            Ok(Cow::Borrowed(_))
        ));
        assert_eq!(uuid("nope"), Err(Finding::new(Code::InvalidUuid)));
    }
}
