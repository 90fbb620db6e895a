//! The power and responsibility list (权责清单): staff pages and API over the
//! generic record path; the public portal, import and export sit beside them.

pub mod api;
pub mod pages;

use crate::records::list::{export_csv, list_page};
use crate::routes::{RouteDef, export, get};
use zonegov_domain::{PowerItem, Record};

pub fn routes() -> Vec<RouteDef> {
    let p = PowerItem::PERMS;
    vec![
        get("/power-items", p.list, list_page::<PowerItem>),
        export("/power-items/export.csv", p.export, export_csv::<PowerItem>),
        get("/power-items/{code}", p.view, pages::detail),
        get("/api/v1/power-items", p.list, api::list),
        get("/api/v1/power-items/{code}", p.view, api::detail),
    ]
}
