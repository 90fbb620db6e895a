//! The zone as a whole: the dashboard, comparing two dates, and their API.

pub mod api;
pub mod changes;
pub mod dashboard;

use crate::routes::{RouteDef, get};
use zonegov_domain::auth::permission::{CHANGES_VIEW, DASHBOARD_VIEW};

pub fn routes() -> Vec<RouteDef> {
    vec![
        get("/", DASHBOARD_VIEW, dashboard::page),
        get("/changes", CHANGES_VIEW, changes::page),
        get("/api/v1/report", DASHBOARD_VIEW, api::report),
        get("/api/v1/diff", CHANGES_VIEW, api::diff),
    ]
}
