//! String literals: borrowed when they have no escape, checked as serde_json checks them.

use super::{Fault, Problem, Reader, ONES};
use alloc::borrow::Cow;
use alloc::string::String;

impl<'a> Reader<'a> {
    /// A string whose opening quote is consumed, borrowed from the text when it has no
    /// escape.
    #[inline]
    pub(super) fn string(&mut self) -> Result<Cow<'a, str>, Fault> {
        let start = self.index;
        self.skip_to_special();
        if self.peek() == Some(b'"') {
            let text = self.text.get(start..self.index).unwrap_or_default();
            self.index += 1;
            return Ok(Cow::Borrowed(text));
        }
        self.escaped_string(start, true)
    }

    /// A string whose opening quote is consumed, checked and not kept.
    #[inline]
    pub(super) fn skip_string(&mut self) -> Result<(), Fault> {
        let start = self.index;
        self.skip_to_special();
        if self.peek() == Some(b'"') {
            self.index += 1;
            return Ok(());
        }
        self.escaped_string(start, false).map(drop)
    }

    /// The rest of a string that began at `start` and is at an escape, a control character
    /// or the end of the text; built when `keep` (else the text returned is meaningless).
    #[inline(never)]
    pub(super) fn escaped_string(
        &mut self,
        mut start: usize,
        keep: bool,
    ) -> Result<Cow<'a, str>, Fault> {
        let mut built = String::new();
        loop {
            let piece = self.text.get(start..self.index).unwrap_or_default();
            match self.peek() {
                None => return Err(self.error(Problem::EofWhileParsingString)),
                Some(b'"') => {
                    self.index += 1;
                    built.push_str(piece);
                    return Ok(Cow::Owned(built));
                }
                Some(b'\\') => {
                    self.index += 1;
                    if keep {
                        built.push_str(piece);
                        self.escape(Some(&mut built))?;
                    } else {
                        self.escape(None)?;
                    }
                    start = self.index;
                }
                Some(_) => {
                    self.index += 1;
                    return Err(self.error(Problem::ControlCharacterWhileParsingString));
                }
            }
            self.skip_to_special();
        }
    }

    /// Moves to the next `"`, `\` or control character (U+0000 to U+001F), or the end,
    /// eight bytes at a time (serde_json's trick: a byte below 0x20, or equal to one of the
    /// two, shows as a high bit; the lowest such bit is the first such byte).
    pub(super) fn skip_to_special(&mut self) {
        let rest = self.bytes.get(self.index..).unwrap_or_default();
        for chunk in rest.chunks_exact(8) {
            let Ok(chunk) = <[u8; 8]>::try_from(chunk) else {
                break;
            };
            let word = u64::from_le_bytes(chunk);
            let control = word.wrapping_sub(ONES * 0x20) & !word;
            let quote = word ^ (ONES * u64::from(b'"'));
            let quote = quote.wrapping_sub(ONES) & !quote;
            let backslash = word ^ (ONES * u64::from(b'\\'));
            let backslash = backslash.wrapping_sub(ONES) & !backslash;
            let found = (control | quote | backslash) & (ONES << 7);
            if found != 0 {
                self.index += (found.trailing_zeros() / 8) as usize;
                return;
            }
            self.index += 8;
        }
        while let Some(byte) = self.peek() {
            if byte == b'"' || byte == b'\\' || byte < 0x20 {
                return;
            }
            self.index += 1;
        }
    }

    /// Moves past spaces, eight at a time (the indentation after a line break).
    pub(super) fn skip_spaces(&mut self) {
        while let Some(chunk) = self.bytes.get(self.index..self.index + 8) {
            let Ok(chunk) = <[u8; 8]>::try_from(chunk) else {
                return;
            };
            let other = u64::from_le_bytes(chunk) ^ (ONES * u64::from(b' '));
            if other != 0 {
                self.index += (other.trailing_zeros() / 8) as usize;
                return;
            }
            self.index += 8;
        }
    }

    /// An escape whose `\` is consumed, appended to `out` when there is one.
    pub(super) fn escape(&mut self, out: Option<&mut String>) -> Result<(), Fault> {
        let decoded = match self.next() {
            None => return Err(self.error(Problem::EofWhileParsingString)),
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => self.unicode_escape()?,
            Some(_) => return Err(self.error(Problem::InvalidEscape)),
        };
        if let Some(out) = out {
            out.push(decoded);
        }
        Ok(())
    }

    /// A `\u` escape whose `\u` is consumed; a surrogate must be a leading one followed by
    /// the `\u` escape of a trailing one.
    fn unicode_escape(&mut self) -> Result<char, Fault> {
        let unit = self.hex_digits()?;
        let code_point = match unit {
            0xDC00..=0xDFFF => return Err(self.error(Problem::LoneLeadingSurrogateInHexEscape)),
            0xD800..=0xDBFF => {
                for expected in [b'\\', b'u'] {
                    match self.next() {
                        None => return Err(self.error(Problem::EofWhileParsingString)),
                        Some(byte) if byte != expected => {
                            return Err(self.error(Problem::UnexpectedEndOfHexEscape))
                        }
                        Some(_) => {}
                    }
                }
                let trailing = self.hex_digits()?;
                if !(0xDC00..=0xDFFF).contains(&trailing) {
                    return Err(self.error(Problem::LoneLeadingSurrogateInHexEscape));
                }
                (((unit - 0xD800) << 10) | (trailing - 0xDC00)) + 0x1_0000
            }
            _ => unit,
        };
        char::from_u32(code_point).ok_or_else(|| self.error(Problem::InvalidEscape))
    }

    /// Four hex digits.
    fn hex_digits(&mut self) -> Result<u32, Fault> {
        let Some(digits) = self.bytes.get(self.index..self.index + 4) else {
            self.index = self.bytes.len();
            return Err(self.error(Problem::EofWhileParsingString));
        };
        self.index += 4;
        let mut unit = 0;
        for &digit in digits {
            let value = match digit {
                b'0'..=b'9' => digit - b'0',
                b'a'..=b'f' => digit - b'a' + 10,
                b'A'..=b'F' => digit - b'A' + 10,
                _ => return Err(self.error(Problem::InvalidEscape)),
            };
            unit = (unit << 4) | u32::from(value);
        }
        Ok(unit)
    }
}
