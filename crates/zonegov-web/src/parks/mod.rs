//! Parks (园区): the list, the detail page, the CSV export and the API.

pub mod api;
pub mod pages;

use crate::records::list::{export_csv, list_page};
use crate::routes::{RouteDef, export, get};
use zonegov_domain::{Park, Record};

pub fn routes() -> Vec<RouteDef> {
    let p = Park::PERMS;
    vec![
        get("/parks", p.list, list_page::<Park>),
        export("/parks/export.csv", p.export, export_csv::<Park>),
        get("/parks/{code}", p.view, pages::detail),
        get("/api/v1/parks", p.list, api::list),
        get("/api/v1/parks/{code}", p.view, api::detail),
    ]
}
