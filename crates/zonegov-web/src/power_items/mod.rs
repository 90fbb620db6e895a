//! The power and responsibility list (权责清单) on the web: staff pages and API over
//! the generic record path (`pages.rs`, `api.rs`), the public portal (`portal.rs`),
//! import (template, upload with a dry run, confirm) and export (xlsx and CSV in the
//! published layout, streamed).

pub mod api;
pub mod export;
pub mod import;
pub mod pages;
pub mod portal;

use crate::auth::access::Access::Public;
use crate::records::list::list_page;
use crate::routes::{RouteDef, export as export_route, get, get_route, post};
use zonegov_domain::auth::permission::POWER_ITEM_IMPORT;
use zonegov_domain::{PowerItem, Record};

pub fn routes() -> Vec<RouteDef> {
    let p = PowerItem::PERMS;
    vec![
        get("/power-items", p.list, list_page::<PowerItem>),
        get("/power-items/{code}", p.view, pages::detail),
        get("/api/v1/power-items", p.list, api::list),
        get("/api/v1/power-items/{code}", p.view, api::detail),
        get("/power-items/import", POWER_ITEM_IMPORT, import::form),
        post("/power-items/import", POWER_ITEM_IMPORT, import::upload),
        post(
            "/power-items/import/confirm",
            POWER_ITEM_IMPORT,
            import::confirm,
        ),
        export_route(
            "/power-items/import/template.xlsx",
            POWER_ITEM_IMPORT,
            export::template,
        ),
        // The list in the published layout (the generic record CSV would flatten
        // away the responsibilities).
        export_route("/power-items/export.xlsx", p.export, export::xlsx),
        export_route("/power-items/export.csv", p.export, export::csv),
        // Public: the published list, no sign-in (searches are rate-limited in the
        // handlers, per client and globally: see `auth::bucket`).
        get_route("/public/power-items", Public, portal::browse),
        get_route("/public/power-items/search", Public, portal::search_page),
        get_route("/public/power-items/changes", Public, portal::changes_page),
        get_route("/public/power-items/{code}", Public, portal::item),
        get_route("/api/v1/public/power-items", Public, portal::api_overview),
        get_route(
            "/api/v1/public/power-items/search",
            Public,
            portal::api_search,
        ),
        get_route(
            "/api/v1/public/power-items/changes",
            Public,
            portal::api_changes,
        ),
        get_route(
            "/api/v1/public/power-items/{code}",
            Public,
            portal::api_item,
        ),
    ]
}
