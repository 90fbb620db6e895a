//! Enterprises (企业): the generic list, export, detail and API of the `enterprise`
//! kind, scoped by park; the detail shows the four responsible parties each with the
//! rule that produced it. The public page per enterprise is in `public.rs`.

pub mod api;
pub mod import;
pub mod pages;
pub mod public;

use crate::records::list::{export_csv, list_page};
use crate::routes::{RouteDef, export, get, get_route, post};
use zonegov_domain::Record;
use zonegov_domain::auth::permission::ENTERPRISE_IMPORT;
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
        // Before `/enterprises/{code}`: a fixed segment wins over the parameter.
        get("/enterprises/import", ENTERPRISE_IMPORT, import::form),
        post("/enterprises/import", ENTERPRISE_IMPORT, import::upload),
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
