//! Work-safety responsibility (安全生产责任), staff side: the grids and the mapping
//! as generic record lists, the coverage page (per-party coverage and the exceptions
//! on the page's date, within the user's data scope) and the exceptions as xlsx for
//! the safety committee.

pub mod coverage;
pub mod pages;

use crate::records::list::{export_csv, list_page};
use crate::routes::{RouteDef, export, get};
use zonegov_domain::Record;
use zonegov_domain::auth::permission::{SAFETY_COVERAGE_EXPORT, SAFETY_COVERAGE_VIEW};
use zonegov_domain::safety::{SafetyGrid, SafetyRule};

pub fn routes() -> Vec<RouteDef> {
    let g = SafetyGrid::PERMS;
    let r = SafetyRule::PERMS;
    vec![
        get("/safety-grids", g.list, list_page::<SafetyGrid>),
        export(
            "/safety-grids/export.csv",
            g.export,
            export_csv::<SafetyGrid>,
        ),
        get("/safety-grids/{code}", g.view, pages::grid),
        get("/safety-rules", r.list, list_page::<SafetyRule>),
        export(
            "/safety-rules/export.csv",
            r.export,
            export_csv::<SafetyRule>,
        ),
        get("/safety-rules/{code}", r.view, pages::rule),
        get("/safety/coverage", SAFETY_COVERAGE_VIEW, coverage::page),
        export(
            "/safety/coverage/exceptions.xlsx",
            SAFETY_COVERAGE_EXPORT,
            coverage::xlsx,
        ),
    ]
}
