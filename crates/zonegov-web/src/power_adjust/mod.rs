//! Dynamic adjustment of the power list (动态调整), for staff: the work queue, an
//! adjustment with its step timeline and the actions the user may take, the
//! new-adjustment form, and an item's history with a field diff between two dates.
//! Each step's POST route requires that step's permission; the use cases in
//! `zonegov_app::power::adjust` check it again with the data scope and audit.

mod pages;

pub(crate) use pages::adjuster;

use crate::routes::{RouteDef, get, post};
use zonegov_domain::auth::permission::{
    ADJUST_APPROVE, ADJUST_DRAFT, ADJUST_LEGAL, ADJUST_PUBLISH, ADJUST_STAFFING,
};
use zonegov_domain::{PowerItem, Record};

pub fn routes() -> Vec<RouteDef> {
    let view = PowerItem::PERMS.view;
    vec![
        get("/power/adjustments", view, pages::queue),
        get("/power/adjustments/new", ADJUST_DRAFT, pages::new_form),
        post("/power/adjustments", ADJUST_DRAFT, pages::create),
        get("/power/adjustments/{id}", view, pages::detail),
        post(
            "/power/adjustments/{id}/submit",
            ADJUST_DRAFT,
            pages::submit,
        ),
        post(
            "/power/adjustments/{id}/withdraw",
            ADJUST_DRAFT,
            pages::withdraw,
        ),
        post("/power/adjustments/{id}/legal", ADJUST_LEGAL, pages::legal),
        post(
            "/power/adjustments/{id}/staffing",
            ADJUST_STAFFING,
            pages::staffing,
        ),
        post(
            "/power/adjustments/{id}/approve",
            ADJUST_APPROVE,
            pages::approve,
        ),
        post(
            "/power/adjustments/{id}/publish",
            ADJUST_PUBLISH,
            pages::publish,
        ),
        get("/power/history/{code}", view, pages::history),
    ]
}
