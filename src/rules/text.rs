//! Text: trimmed by the walk, then held to its field's length limit in code points.

use super::Finding;
use crate::issue::Code;
use crate::prelude::*;

/// `text` within `max` code points; `too_long` with param `max` otherwise.
pub(crate) fn text(text: &str, max: Option<usize>) -> Result<&str, Finding> {
    match max {
        Some(max) if code_points(text) > max => Err(Finding::new(Code::TooLong).with("max", max)),
        _ => Ok(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_limit_counts_code_points_and_is_inclusive() {
        assert_eq!(text("abc", Some(3)), Ok("abc"));
        assert_eq!(text("ééé", Some(3)), Ok("ééé"));
        assert_eq!(
            text("abcd", Some(3)),
            Err(Finding::new(Code::TooLong).with("max", 3usize))
        );
        assert_eq!(text(&"x".repeat(10_000), None).map(str::len), Ok(10_000));
    }
}
