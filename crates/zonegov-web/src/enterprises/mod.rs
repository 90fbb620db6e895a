//! Enterprises (企业): the generic list, export, detail and API of the `enterprise`
//! kind, scoped by park; the detail shows the four responsible parties each with the
//! rule that produced it. The public page per enterprise is in `public.rs`.

pub mod api;
pub mod pages;
pub mod public;

use crate::records::list::{export_csv, list_page};
use crate::routes::{RouteDef, export, get, get_route};
use zonegov_domain::Record;
use zonegov_domain::enterprise::Enterprise;

pub fn routes() -> Vec<RouteDef> {
    let p = Enterprise::PERMS;
    vec![
        get("/enterprises", p.list, list_page::<Enterprise>),
        export(
            "/enterprises/export.csv",
            p.export,
            export_csv::<Enterprise>,
        ),
        get("/enterprises/{code}", p.view, pages::detail),
        get("/api/v1/enterprises", p.list, api::list),
        get("/api/v1/enterprises/{code}", p.view, api::detail),
        get_route(
            "/public/enterprises/{code}",
            crate::auth::access::Access::Public,
            public::page,
        ),
    ]
}
