//! UUIDs: `8-4-4-4-12` hexadecimal digits, any letter case, lowercased.

use super::Finding;
use crate::issue::Code;
use crate::prelude::*;

/// A UUID, lowercased; `invalid_uuid` otherwise.
pub(crate) fn uuid(text: &str) -> Result<Cow<'_, str>, Finding> {
    lowercase_uuid(text).ok_or(Finding::new(Code::InvalidUuid))
}

/// `8-4-4-4-12` hexadecimal digits, any letter case: a UUID as SPEC section 2 defines it.
pub fn is_uuid(text: &str) -> bool {
    uuid_case(text).is_some()
}

/// A UUID, lowercased (copied only when it has an uppercase letter); none for other text.
pub(crate) fn lowercase_uuid(text: &str) -> Option<Cow<'_, str>> {
    match uuid_case(text)? {
        true => Some(Cow::Owned(text.to_ascii_lowercase())),
        false => Some(Cow::Borrowed(text)),
    }
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = ONES * 0x80;
const DASHES: u64 = ONES * b'-' as u64;
const ZEROS: u64 = ONES * b'0' as u64;

/// The eight-byte words a UUID is checked in (the last two overlap), each with a mask of the
/// bytes that must be dashes (positions 8, 13, 18 and 23), in little-endian lane order.
static WORDS: [(usize, u64); 5] = [
    (0, 0),
    (8, 0xff | (0xff << 40)),
    (16, (0xff << 16) | (0xff << 56)),
    (24, 0),
    (28, 0),
];

/// Whether `text` is a UUID, and then whether it has an uppercase letter: eight bytes a step
/// (SWAR), which made the large draft (500 ids) 6% faster in the wasm than byte by byte.
fn uuid_case(text: &str) -> Option<bool> {
    let bytes = text.as_bytes();
    if bytes.len() != 36 {
        return None;
    }
    let mut fits = true;
    let mut upper = false;
    for &(at, dashes) in &WORDS {
        let word = bytes
            .get(at..at + 8)
            .and_then(|word| word.try_into().ok())
            .map_or(0, u64::from_le_bytes);
        fits &= (word & dashes) == (DASHES & dashes);
        // The dashes read as digits, so that the word is all hexadecimal digits.
        let word = (word & !dashes) | (ZEROS & dashes);
        let hex = within(word, b'0', b'9') | within(word | (ONES * 0x20), b'a', b'f');
        fits &= word & HIGH == 0 && hex == HIGH;
        upper |= within(word, b'A', b'F') != 0;
    }
    fits.then_some(upper)
}

/// The bytes of `word` that are within `low..=high` (each marked by its high bit), when every
/// byte of `word` is ASCII (no sum then carries into the next byte).
#[inline(always)]
fn within(word: u64, low: u8, high: u8) -> u64 {
    let at_least = word.wrapping_add(ONES * u64::from(0x80 - low));
    let above = word.wrapping_add(ONES * u64::from(0x7f - high));
    at_least & !above & HIGH
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

    /// The definition, byte by byte.
    fn is_uuid_by_bytes(text: &str) -> bool {
        text.len() == 36
            && text.bytes().enumerate().all(|(at, byte)| match at {
                8 | 13 | 18 | 23 => byte == b'-',
                _ => byte.is_ascii_hexdigit(),
            })
    }

    #[test]
    fn the_word_check_agrees_with_the_definition_on_every_byte_at_every_place() {
        for uuid in [
            "13117714-3f05-48e5-a6e9-a66093f13b4d",
            "13117714-3F05-48E5-A6E9-A66093F13B4D",
            "abcdefAB-CDEF-0123-4567-89abcdef0189",
        ] {
            assert!(is_uuid(uuid));
            for at in 0..36 {
                for byte in 0..=255u8 {
                    let mut bytes = uuid.as_bytes().to_vec();
                    bytes[at] = byte;
                    let Ok(text) = String::from_utf8(bytes) else {
                        continue;
                    };
                    assert_eq!(is_uuid(&text), is_uuid_by_bytes(&text), "{text:?}");
                    let upper = text.bytes().any(|byte| byte.is_ascii_uppercase());
                    if is_uuid(&text) {
                        assert_eq!(matches!(lowercase_uuid(&text), Some(Cow::Owned(_))), upper);
                    }
                }
            }
        }
        // A two-byte character in place of two ASCII ones, and other lengths.
        assert!(!is_uuid("13117714-3f05-48e5-a6e9-a66093f13bé"));
        for len in 0..80 {
            let text = "a".repeat(len);
            assert_eq!(is_uuid(&text), is_uuid_by_bytes(&text));
        }
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
