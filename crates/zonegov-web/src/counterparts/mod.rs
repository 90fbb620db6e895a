//! Counterpart bodies (对口单位): streets, county-level governments and municipal
//! departments — the parties the duty-boundary list divides work with.

pub mod api;
pub mod pages;

use crate::records::list::{export_csv, list_page};
use crate::routes::{RouteDef, export, get};
use zonegov_domain::{Counterpart, Record};

pub fn routes() -> Vec<RouteDef> {
    let p = Counterpart::PERMS;
    vec![
        get("/counterparts", p.list, list_page::<Counterpart>),
        export(
            "/counterparts/export.csv",
            p.export,
            export_csv::<Counterpart>,
        ),
        get("/counterparts/{code}", p.view, pages::detail),
        get("/api/v1/counterparts", p.list, api::list),
        get("/api/v1/counterparts/{code}", p.view, api::detail),
    ]
}
