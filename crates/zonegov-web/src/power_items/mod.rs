//! The power and responsibility list (权责清单) on the web: staff pages and API over
//! the generic record path (`pages.rs`, `api.rs`), the public portal (`portal.rs`);
//! importing and exporting are their own modules.

pub mod api;
pub mod pages;
pub mod portal;

use crate::auth::access::Access::Public;
use crate::records::list::{export_csv, list_page};
use crate::routes::{RouteDef, export, get, get_route};
use zonegov_domain::{PowerItem, Record};

pub fn routes() -> Vec<RouteDef> {
    let p = PowerItem::PERMS;
    vec![
        get("/power-items", p.list, list_page::<PowerItem>),
        export("/power-items/export.csv", p.export, export_csv::<PowerItem>),
        get("/power-items/{code}", p.view, pages::detail),
        get("/api/v1/power-items", p.list, api::list),
        get("/api/v1/power-items/{code}", p.view, api::detail),
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
