//! Parks (园区): the list, the detail page, the CSV export and the API.

pub mod api;
pub mod pages;

use crate::routes::{RouteDef, export, get};
use zonegov_domain::{Park, Record};

pub fn routes() -> Vec<RouteDef> {
    let p = Park::PERMS;
    vec![
        get("/parks", p.list, pages::list),
        export("/parks/export.csv", p.export, pages::export),
        get("/parks/{code}", p.view, pages::detail),
        get("/api/v1/parks", p.list, api::list),
        get("/api/v1/parks/{code}", p.view, api::detail),
    ]
}
