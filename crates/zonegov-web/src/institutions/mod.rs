//! Institutions (机构): the list, the detail page, the CSV export and the API.

pub mod api;
pub mod pages;

use crate::records::list::{export_csv, list_page};
use crate::routes::{RouteDef, export, get};
use zonegov_domain::{Institution, Record};

pub fn routes() -> Vec<RouteDef> {
    let p = Institution::PERMS;
    vec![
        get("/institutions", p.list, list_page::<Institution>),
        export(
            "/institutions/export.csv",
            p.export,
            export_csv::<Institution>,
        ),
        get("/institutions/{code}", p.view, pages::detail),
        get("/api/v1/institutions", p.list, api::list),
        get("/api/v1/institutions/{code}", p.view, api::detail),
    ]
}
