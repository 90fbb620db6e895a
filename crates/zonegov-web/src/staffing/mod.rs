//! 三定 (staffing): the quota ledger as of a date (page, JSON, CSV, xlsx) and a body's
//! 三定 (page, JSON). Names of staff are masked unless the reader's role holds
//! `org:staffing:personal`; an unmasked view is audited (`zonegov_app::staffing::view`).

pub mod api;
pub mod pages;

use crate::routes::{RouteDef, export, get};
use zonegov_domain::Record;
use zonegov_domain::staffing::Staffing;

pub fn routes() -> Vec<RouteDef> {
    let p = Staffing::PERMS;
    vec![
        get("/staffing", p.list, pages::ledger),
        export("/staffing/ledger.csv", p.export, pages::ledger_csv),
        export("/staffing/ledger.xlsx", p.export, pages::ledger_xlsx),
        get("/staffing/{code}", p.view, pages::detail),
        get("/api/v1/staffing/ledger", p.list, api::ledger),
        get("/api/v1/staffing/{code}", p.view, api::detail),
    ]
}
