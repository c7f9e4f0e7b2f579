//! JSON text that does not parse: serde_json's problems, with its messages, and where.

use alloc::string::String;

/// JSON text that does not parse: what and where.
#[cfg_attr(test, derive(Debug))]
pub(crate) struct JsonError {
    problem: Problem,
    /// 1-based.
    line: usize,
    /// Bytes from the start of the line, as serde_json counts them.
    column: usize,
}

impl JsonError {
    /// `"<what> at line <line> column <column>"`, as serde_json writes it.
    pub(crate) fn detail(&self) -> String {
        let mut detail = String::from(self.problem.message());
        detail.push_str(" at line ");
        push_decimal(&mut detail, self.line);
        detail.push_str(" column ");
        push_decimal(&mut detail, self.column);
        detail
    }

    /// Line and column of the byte at `fault.at` (its end: serde_json counts the bytes up
    /// to and including the one it reports).
    #[cold]
    pub(super) fn new(bytes: &[u8], fault: Fault) -> JsonError {
        let before = bytes.get(..fault.at).unwrap_or(bytes);
        let start_of_line = before
            .iter()
            .rposition(|&byte| byte == b'\n')
            .map_or(0, |newline| newline + 1);
        let line = 1 + before
            .iter()
            .take(start_of_line)
            .filter(|&&byte| byte == b'\n')
            .count();
        JsonError {
            problem: fault.problem,
            line,
            column: fault.at.saturating_sub(start_of_line),
        }
    }
}

/// serde_json's syntax error codes (the ones JSON text can give).
#[derive(Clone, Copy)]
#[cfg_attr(test, derive(Debug))]
pub(super) enum Problem {
    EofWhileParsingList,
    EofWhileParsingObject,
    EofWhileParsingString,
    EofWhileParsingValue,
    ExpectedColon,
    ExpectedListCommaOrEnd,
    ExpectedObjectCommaOrEnd,
    ExpectedSomeIdent,
    ExpectedSomeValue,
    InvalidEscape,
    InvalidNumber,
    NumberOutOfRange,
    ControlCharacterWhileParsingString,
    KeyMustBeAString,
    LoneLeadingSurrogateInHexEscape,
    TrailingComma,
    TrailingCharacters,
    UnexpectedEndOfHexEscape,
    RecursionLimitExceeded,
}

impl Problem {
    fn message(self) -> &'static str {
        match self {
            Problem::EofWhileParsingList => "EOF while parsing a list",
            Problem::EofWhileParsingObject => "EOF while parsing an object",
            Problem::EofWhileParsingString => "EOF while parsing a string",
            Problem::EofWhileParsingValue => "EOF while parsing a value",
            Problem::ExpectedColon => "expected `:`",
            Problem::ExpectedListCommaOrEnd => "expected `,` or `]`",
            Problem::ExpectedObjectCommaOrEnd => "expected `,` or `}`",
            Problem::ExpectedSomeIdent => "expected ident",
            Problem::ExpectedSomeValue => "expected value",
            Problem::InvalidEscape => "invalid escape",
            Problem::InvalidNumber => "invalid number",
            Problem::NumberOutOfRange => "number out of range",
            Problem::ControlCharacterWhileParsingString => {
                "control character (\\u0000-\\u001F) found while parsing a string"
            }
            Problem::KeyMustBeAString => "key must be a string",
            Problem::LoneLeadingSurrogateInHexEscape => "lone leading surrogate in hex escape",
            Problem::TrailingComma => "trailing comma",
            Problem::TrailingCharacters => "trailing characters",
            Problem::UnexpectedEndOfHexEscape => "unexpected end of hex escape",
            Problem::RecursionLimitExceeded => "recursion limit exceeded",
        }
    }
}

/// A problem and the byte count serde_json reports it at; line and column are worked out
/// once, at the end (and this fits two registers).
#[derive(Clone, Copy)]
pub(super) struct Fault {
    pub(super) problem: Problem,
    pub(super) at: usize,
}

/// Appends `value` in decimal (no `core::fmt` on the wasm side).
fn push_decimal(out: &mut String, mut value: usize) {
    let mut digits = [0u8; 20];
    let mut count = 0;
    loop {
        if let Some(slot) = digits.get_mut(count) {
            *slot = b'0' + (value % 10) as u8;
        }
        count += 1;
        value /= 10;
        if value == 0 {
            break;
        }
    }
    for digit in digits.iter().take(count).rev() {
        out.push(char::from(*digit));
    }
}
