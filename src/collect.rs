//! Collecting issues and putting them in the stable order of SPEC section 3: the one place
//! an issue is made.
//!
//! An issue is kept as it is found ([`Found`]): its place as the walk's steps, borrowed, not
//! yet a path of owned keys and a pointer. Those texts are written once, where the report
//! is: the Rust API's [`Issue`] (`Found::issue`), or the wasm's result tape, which writes
//! the path and the pointer straight from the steps.

use crate::fix::{self, Offer};
use crate::input::Input;
#[cfg(not(target_arch = "wasm32"))]
use crate::issue::Issue;
use crate::issue::{Code, Params, Severity};
#[cfg(not(target_arch = "wasm32"))]
use crate::options::Options;
use crate::path::{self, Path, Step};
use crate::prelude::*;
use crate::rules::Finding;
use crate::sort;

/// An issue as found.
pub(crate) struct Found<'i> {
    pub(crate) code: Code,
    pub(crate) severity: Severity,
    /// Where, from the body down.
    pub(crate) steps: Vec<Step<'i>>,
    pub(crate) params: Params,
    /// Pointers of the other fields a cross-field rule involves.
    pub(crate) related: Vec<String>,
    pub(crate) fixes: Vec<Offer>,
}

impl Found<'_> {
    /// The issue of the Rust API, its message and its fixes' from the catalog or `options`.
    #[cfg(not(target_arch = "wasm32"))]
    fn issue(self, options: &Options) -> Issue {
        let messages = &options.messages;
        let pointer = path::pointer(&self.steps);
        let fixes = self
            .fixes
            .into_iter()
            .map(|offer| {
                let mut fix = offer.fix(&pointer);
                fix.message = crate::issue::render_as(
                    &fix::message_key(fix.kind),
                    fix.kind.default_message(),
                    &fix.params,
                    messages,
                );
                fix
            })
            .collect();
        Issue {
            code: self.code,
            severity: self.severity,
            message: crate::issue::message(self.code, &self.params, messages),
            path: path::segments(&self.steps),
            pointer,
            params: self.params,
            related: self.related,
            fixes,
        }
    }
}

/// The issues found so far.
pub(crate) struct Issues<'i> {
    found: Vec<Found<'i>>,
    errors: usize,
}

impl<'i> Issues<'i> {
    pub(crate) fn new() -> Self {
        Issues {
            found: Vec::new(),
            errors: 0,
        }
    }

    /// How many errors so far (the walk compares counts to tell whether a field had any).
    pub(crate) fn errors(&self) -> usize {
        self.errors
    }

    /// `finding` at `path`, with its code's severity.
    pub(crate) fn report(&mut self, path: &Path<'i>, finding: Finding) {
        let severity = finding.code.severity();
        self.report_as(path, finding, severity, Vec::new());
    }

    /// `finding` at `path`, naming the pointers of the other fields it involves.
    pub(crate) fn report_related(
        &mut self,
        path: &Path<'i>,
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
        path: &Path<'i>,
        finding: Finding,
        severity: Severity,
        related: Vec<String>,
    ) {
        if severity == Severity::Error {
            self.errors += 1;
        }
        let Finding { code, params } = finding;
        self.found.push(Found {
            code,
            severity,
            steps: path.steps().to_vec(),
            params,
            related,
            fixes: Vec::new(),
        });
    }

    /// Adds to every issue the fixes SPEC section 8 offers for it on `draft` (the draft as
    /// read).
    pub(crate) fn offer_fixes(&mut self, draft: &Input<'_>) {
        for found in &mut self.found {
            found.fixes = fix::offer(found, draft);
        }
    }

    /// The issues in the stable order, errors then warnings: the order is worked out on
    /// indexes, and no issue moves.
    pub(crate) fn finish(self) -> Ordered<'i> {
        let found = self.found;
        let sorted = sort::sorted_indexes(found.len(), &mut |a, b| {
            match (found.get(a), found.get(b)) {
                (Some(a), Some(b)) => path::order(&a.steps, &b.steps),
                _ => core::cmp::Ordering::Equal,
            }
            // Equal places: in the order found.
            .then(a.cmp(&b))
        });
        let is_error = |at: &usize| {
            found
                .get(*at)
                .is_some_and(|issue| issue.severity == Severity::Error)
        };
        let mut order = Vec::with_capacity(sorted.len());
        order.extend(sorted.iter().copied().filter(is_error));
        let errors = order.len();
        order.extend(sorted.iter().copied().filter(|at| !is_error(at)));
        Ordered {
            found,
            order,
            errors,
        }
    }
}

/// The issues of a checked draft, in the stable order.
pub(crate) struct Ordered<'i> {
    /// In the order found.
    found: Vec<Found<'i>>,
    /// Indexes into `found`: the errors in the stable order, then the warnings.
    order: Vec<usize>,
    errors: usize,
}

// The wasm's result tape reads the issues in place; the Rust API takes them (`into_issues`).
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
impl<'i> Ordered<'i> {
    /// The errors in the stable order.
    pub(crate) fn errors(&self) -> impl Iterator<Item = &Found<'i>> + Clone + '_ {
        self.pick(self.order.get(..self.errors))
    }

    /// The warnings in the stable order.
    pub(crate) fn warnings(&self) -> impl Iterator<Item = &Found<'i>> + Clone + '_ {
        self.pick(self.order.get(self.errors..))
    }

    fn pick<'s>(
        &'s self,
        order: Option<&'s [usize]>,
    ) -> impl Iterator<Item = &'s Found<'i>> + Clone + 's {
        order
            .unwrap_or_default()
            .iter()
            .filter_map(|at| self.found.get(*at))
    }

    /// No errors.
    pub(crate) fn valid(&self) -> bool {
        self.errors == 0
    }

    /// The errors and the warnings as the Rust API gives them.
    #[cfg(not(target_arch = "wasm32"))]
    pub(crate) fn into_issues(self, options: &Options) -> (Vec<Issue>, Vec<Issue>) {
        let mut found: Vec<Option<Found<'i>>> = self.found.into_iter().map(Some).collect();
        let mut issues = self
            .order
            .iter()
            .filter_map(|at| found.get_mut(*at).and_then(Option::take))
            .map(|found| found.issue(options));
        let errors = issues.by_ref().take(self.errors).collect();
        (errors, issues.collect())
    }
}
