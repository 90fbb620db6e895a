//! Every route with its access rule, in one table. The router is built from this
//! table and the authorisation-matrix test walks it, so a route cannot exist
//! without a rule, nor a rule without a test.

use crate::auth::access::Access::{self, Permission, Public, SignedIn};
use crate::{AppState, api, assets, pages};
use axum::http::Method;
use axum::routing::{MethodRouter, get, post};

pub struct RouteDef {
    pub method: Method,
    pub path: &'static str,
    pub access: Access,
    pub handler: MethodRouter<AppState>,
}

fn r(
    method: Method,
    path: &'static str,
    access: Access,
    handler: MethodRouter<AppState>,
) -> RouteDef {
    RouteDef {
        method,
        path,
        access,
        handler,
    }
}

pub fn table() -> Vec<RouteDef> {
    use Method as M;
    vec![
        // Public: sign-in, assets, health, the read-only portal.
        r(M::GET, "/login", Public, get(pages::login::form)),
        r(M::POST, "/login", Public, post(pages::login::submit)),
        r(M::GET, "/assets/{*path}", Public, get(assets::serve)),
        r(M::GET, "/healthz", Public, get(|| async { "ok" })),
        r(M::GET, "/public", Public, get(pages::public::home)),
        r(M::GET, "/public/parks", Public, get(pages::public::parks)),
        r(
            M::GET,
            "/public/institutions",
            Public,
            get(pages::public::institutions),
        ),
        r(M::GET, "/public/search", Public, get(pages::public::search)),
        // Any signed-in user.
        r(M::POST, "/logout", SignedIn, post(pages::login::logout)),
        r(
            M::GET,
            "/password",
            SignedIn,
            get(pages::login::password_form),
        ),
        r(
            M::POST,
            "/password",
            SignedIn,
            post(pages::login::password_submit),
        ),
        r(M::GET, "/api/v1/openapi.json", SignedIn, get(api::openapi)),
        r(M::GET, "/api/docs/", SignedIn, get(api::docs_index)),
        r(M::GET, "/api/docs/{*file}", SignedIn, get(api::docs_file)),
        // The zone.
        r(
            M::GET,
            "/",
            Permission("zone:dashboard:view"),
            get(pages::dashboard::page),
        ),
        r(
            M::GET,
            "/parks",
            Permission("zone:park:list"),
            get(pages::lists::parks),
        ),
        r(
            M::GET,
            "/parks/export.csv",
            Permission("zone:park:export"),
            get(pages::lists::parks_csv),
        ),
        r(
            M::GET,
            "/parks/{code}",
            Permission("zone:park:view"),
            get(pages::entity::park),
        ),
        r(
            M::GET,
            "/institutions",
            Permission("zone:institution:list"),
            get(pages::lists::institutions),
        ),
        r(
            M::GET,
            "/institutions/export.csv",
            Permission("zone:institution:export"),
            get(pages::lists::institutions_csv),
        ),
        r(
            M::GET,
            "/institutions/{code}",
            Permission("zone:institution:view"),
            get(pages::entity::institution),
        ),
        r(
            M::GET,
            "/changes",
            Permission("zone:changes:view"),
            get(pages::changes::page),
        ),
        r(
            M::GET,
            "/api/v1/report",
            Permission("zone:dashboard:view"),
            get(api::report),
        ),
        r(
            M::GET,
            "/api/v1/parks",
            Permission("zone:park:list"),
            get(api::parks),
        ),
        r(
            M::GET,
            "/api/v1/parks/{code}",
            Permission("zone:park:view"),
            get(api::park),
        ),
        r(
            M::GET,
            "/api/v1/institutions",
            Permission("zone:institution:list"),
            get(api::institutions),
        ),
        r(
            M::GET,
            "/api/v1/institutions/{code}",
            Permission("zone:institution:view"),
            get(api::institution),
        ),
        r(
            M::GET,
            "/api/v1/diff",
            Permission("zone:changes:view"),
            get(api::diff),
        ),
        // System administration.
        r(
            M::GET,
            "/system/users",
            Permission("system:user:list"),
            get(pages::system::users),
        ),
        r(
            M::POST,
            "/system/users",
            Permission("system:user:edit"),
            post(pages::system::create_user),
        ),
        r(
            M::POST,
            "/system/users/{id}/roles",
            Permission("system:user:edit"),
            post(pages::system::set_roles),
        ),
        r(
            M::POST,
            "/system/users/{id}/unlock",
            Permission("system:user:edit"),
            post(pages::system::unlock),
        ),
        r(
            M::GET,
            "/system/roles",
            Permission("system:role:list"),
            get(pages::system::roles),
        ),
        r(
            M::POST,
            "/system/roles/{code}",
            Permission("system:role:edit"),
            post(pages::system::save_role),
        ),
        // Monitoring: the audit trail and the login log.
        r(
            M::GET,
            "/monitor/audit",
            Permission("monitor:audit:list"),
            get(pages::monitor::audit),
        ),
        r(
            M::GET,
            "/monitor/audit/export.csv",
            Permission("monitor:audit:export"),
            get(pages::monitor::audit_csv),
        ),
        r(
            M::GET,
            "/monitor/logins",
            Permission("monitor:login:list"),
            get(pages::monitor::logins),
        ),
        r(
            M::GET,
            "/monitor/logins/export.csv",
            Permission("monitor:login:export"),
            get(pages::monitor::logins_csv),
        ),
    ]
}
