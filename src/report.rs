//! What the Rust API answers: [`Report`].

use crate::issue::Issue;
use serde::Serialize;

/// The outcome of validating one draft.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// No errors (warnings allowed).
    pub valid: bool,
    /// Every error, in the stable order of the SPEC.
    pub errors: Vec<Issue>,
    /// Every warning, in the same order.
    pub warnings: Vec<Issue>,
    /// The normalized body, present exactly when `valid`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<serde_json::Value>,
}

impl Report {
    /// Errors, then warnings, whose pointer or a related pointer is `pointer` or below it.
    pub fn issues_at(&self, pointer: &str) -> Vec<Issue> {
        self.errors
            .iter()
            .chain(&self.warnings)
            .filter(|issue| issue.concerns(pointer))
            .cloned()
            .collect()
    }
}
