//! Number literals, checked and read as serde_json reads them.

use super::{Fault, Problem, Reader};
use crate::decimal;

impl Reader<'_> {
    /// A number literal, whose first byte (`-` or a digit) is next. Checked as serde_json
    /// checks it, with its positions; an integer that fits 64 bits is read as serde_json visits
    /// it (`u64`, or `-(n as f64)`: `-0` is -0.0), anything else to the nearest double.
    pub(super) fn number(&mut self) -> Result<f64, Fault> {
        let start = self.index;
        let positive = self.peek() != Some(b'-');
        if !positive {
            self.index += 1;
        }
        // The integer part's value while it fits a u64; `None` past it.
        let mut integer: Option<u64>;
        match self.next() {
            None => return Err(self.error(Problem::EofWhileParsingValue)),
            Some(b'0') => {
                if matches!(self.peek(), Some(b'0'..=b'9')) {
                    return Err(self.peek_error(Problem::InvalidNumber));
                }
                integer = Some(0);
            }
            Some(first @ b'1'..=b'9') => {
                integer = Some(u64::from(first - b'0'));
                while let Some(digit @ b'0'..=b'9') = self.peek() {
                    integer = integer
                        .and_then(|value| value.checked_mul(10))
                        .and_then(|value| value.checked_add(u64::from(digit - b'0')));
                    self.index += 1;
                }
            }
            Some(_) => return Err(self.error(Problem::InvalidNumber)),
        }
        let mut nonzero = integer != Some(0);
        let mut whole = true;
        if self.peek() == Some(b'.') {
            whole = false;
            self.index += 1;
            let fraction = self.index;
            while let Some(digit @ b'0'..=b'9') = self.peek() {
                nonzero |= digit != b'0';
                self.index += 1;
            }
            if self.index == fraction {
                return Err(match self.peek() {
                    Some(_) => self.peek_error(Problem::InvalidNumber),
                    None => self.peek_error(Problem::EofWhileParsingValue),
                });
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            whole = false;
            self.index += 1;
            let positive_exponent = match self.peek() {
                Some(b'-') => {
                    self.index += 1;
                    false
                }
                Some(b'+') => {
                    self.index += 1;
                    true
                }
                _ => true,
            };
            let mut exponent: i32 = match self.next() {
                None => return Err(self.error(Problem::EofWhileParsingValue)),
                Some(digit @ b'0'..=b'9') => i32::from(digit - b'0'),
                Some(_) => return Err(self.error(Problem::InvalidNumber)),
            };
            while let Some(digit @ b'0'..=b'9') = self.peek() {
                self.index += 1;
                match exponent
                    .checked_mul(10)
                    .and_then(|value| value.checked_add(i32::from(digit - b'0')))
                {
                    Some(value) => exponent = value,
                    // serde_json stops at an exponent past i32: out of range, or zero.
                    None if nonzero && positive_exponent => {
                        return Err(self.error(Problem::NumberOutOfRange))
                    }
                    None => {
                        while matches!(self.peek(), Some(b'0'..=b'9')) {
                            self.index += 1;
                        }
                        return Ok(if positive { 0.0 } else { -0.0 });
                    }
                }
            }
        }
        if let Some(integer) = integer.filter(|_| whole) {
            let magnitude = integer as f64;
            return Ok(if positive { magnitude } else { -magnitude });
        }
        let literal = self.text.get(start..self.index).unwrap_or_default();
        let value = decimal::parse(literal);
        if value.is_infinite() {
            return Err(self.error(Problem::NumberOutOfRange));
        }
        Ok(value)
    }
}
