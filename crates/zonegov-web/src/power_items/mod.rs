//! The power and responsibility list (权责清单) on the web: the public portal
//! (`portal.rs`); importing and exporting are their own modules.

pub mod portal;

use crate::auth::access::Access::Public;
use crate::routes::{RouteDef, get_route};

pub fn routes() -> Vec<RouteDef> {
    vec![
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
