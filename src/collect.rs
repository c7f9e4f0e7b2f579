//! Collecting issues and putting them in the stable order of SPEC section 3: the one place
//! an [`Issue`] is made.

use crate::fix;
use crate::input::Input;
use crate::issue::{pointer_of, Issue, Severity};
use crate::options::Options;
use crate::path::{Path, Rank};
use crate::prelude::*;
use crate::rules::Finding;
use crate::sort;

/// An issue with its place in the stable order: its path's rank, then reporting order.
struct Ranked {
    rank: Rank,
    order: usize,
    issue: Issue,
}

/// The issues found so far.
pub(crate) struct Issues<'o> {
    #[cfg_attr(target_arch = "wasm32", allow(dead_code))]
    options: &'o Options,
    ranked: Vec<Ranked>,
    errors: usize,
}

impl<'o> Issues<'o> {
    pub(crate) fn new(options: &'o Options) -> Self {
        Issues {
            options,
            ranked: Vec::new(),
            errors: 0,
        }
    }

    /// How many errors so far (the walk compares counts to tell whether a field had any).
    pub(crate) fn errors(&self) -> usize {
        self.errors
    }

    /// `finding` at `path`, with its code's severity.
    pub(crate) fn report(&mut self, path: &Path<'_>, finding: Finding) {
        let severity = finding.code.severity();
        self.report_as(path, finding, severity, Vec::new());
    }

    /// `finding` at `path`, naming the pointers of the other fields it involves.
    pub(crate) fn report_related(
        &mut self,
        path: &Path<'_>,
        finding: Finding,
        related: Vec<String>,
    ) {
        let severity = finding.code.severity();
        self.report_as(path, finding, severity, related);
    }

    /// `finding` at `path` with this severity (`unknown_field` is a warning when unknown
    /// fields are allowed).
    pub(crate) fn report_as(
        &mut self,
        path: &Path<'_>,
        finding: Finding,
        severity: Severity,
        related: Vec<String>,
    ) {
        if severity == Severity::Error {
            self.errors += 1;
        }
        let Finding { code, params } = finding;
        // The wasm leaves messages to js/edge.js, which renders them from the same catalog.
        #[cfg(not(target_arch = "wasm32"))]
        let message = crate::issue::message(code, &params, &self.options.messages);
        #[cfg(target_arch = "wasm32")]
        let message = String::new();
        let segments = path.segments();
        let issue = Issue {
            code,
            severity,
            message,
            pointer: pointer_of(&segments),
            path: segments,
            params,
            related,
            fixes: Vec::new(),
        };
        let order = self.ranked.len();
        self.ranked.push(Ranked {
            rank: path.rank(),
            order,
            issue,
        });
    }

    /// Adds to every issue the fixes SPEC section 8 offers for it on `draft` (the draft as
    /// read), with their messages.
    pub(crate) fn offer_fixes(&mut self, draft: &Input<'_>) {
        for ranked in &mut self.ranked {
            ranked.issue.fixes = fix::offer(&ranked.issue, draft);
            // The wasm leaves messages to js/edge.js, as for issues.
            #[cfg(not(target_arch = "wasm32"))]
            for fix in &mut ranked.issue.fixes {
                fix.message = crate::issue::render_as(
                    &fix::message_key(fix.kind),
                    fix.kind.default_message(),
                    &fix.params,
                    &self.options.messages,
                );
            }
        }
    }

    /// Errors and warnings, each in the stable order.
    pub(crate) fn finish(self) -> (Vec<Issue>, Vec<Issue>) {
        let ranked = sort::sort_by(self.ranked, &mut |a, b| {
            a.rank.cmp(&b.rank).then(a.order.cmp(&b.order))
        });
        ranked
            .into_iter()
            .map(|ranked| ranked.issue)
            .partition(|issue| issue.severity == Severity::Error)
    }
}
