//! The cross-field rules of targeting: `conflict` (specifiers together with product-level
//! targeting) and `empty` (a specifier that says nothing), over the typed [`Targeting`].

use crate::collect::Issues;
use crate::issue::Code;
use crate::prelude::*;
use crate::rules::Finding;
use crate::schema::body;
use crate::view::{body_path, Targeting};

/// Runs every targeting rule, reporting into `issues`.
pub(crate) fn check(targeting: &Targeting<'_>, issues: &mut Issues<'_>) {
    // An empty specifier is an error in `specifiers`, which then takes no part in conflict.
    let empty = empty_specifiers(targeting, issues);
    if targeting.specifiers_clean && !empty {
        conflict(targeting, issues);
    }
}

/// `empty`: a specifier with none of its fields. Whether there was one.
fn empty_specifiers(targeting: &Targeting<'_>, issues: &mut Issues<'_>) -> bool {
    let mut any = false;
    for (index, specifier) in targeting.specifiers {
        if specifier.is_empty() {
            let path = body_path(&body::SPECIFIERS).index(*index);
            issues.report(&path, Finding::new(Code::Empty));
            any = true;
        }
    }
    any
}

/// `conflict`: specifiers together with applicable product ids or tags, each without errors.
fn conflict(targeting: &Targeting<'_>, issues: &mut Issues<'_>) {
    if targeting.product_fields.is_empty() {
        return;
    }
    let names: Vec<&str> = targeting
        .product_fields
        .iter()
        .map(|field| field.name)
        .collect();
    let related = targeting
        .product_fields
        .iter()
        .map(|field| body_path(field).pointer())
        .collect();
    let finding = Finding::new(Code::Conflict).with("with", comma_list(&names));
    issues.report_related(&body_path(&body::SPECIFIERS), finding, related);
}
