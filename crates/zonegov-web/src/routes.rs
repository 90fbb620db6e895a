//! Every route with its access rule, in one table. Each capability contributes its
//! routes (`parks::routes()` …); the router is built from this table and the
//! authorisation-matrix test walks it, so a route cannot exist without a rule, nor a
//! rule without a test. The method is given once: the handler's `MethodRouter` is
//! derived from it, so the table cannot say GET while the router serves POST.

use crate::auth::access::Access::{self, Public, SignedIn};
use crate::{AppState, api, assets, counterparts, institutions, pages, parks, zone};
use axum::handler::Handler;
use axum::http::Method;
use axum::routing::{MethodFilter, MethodRouter, on};
use zonegov_domain::auth::Perm;
use zonegov_domain::auth::permission::{
    AUDIT_EXPORT, AUDIT_LIST, LOGIN_EXPORT, LOGIN_LIST, ROLE_EDIT, ROLE_LIST, USER_EDIT, USER_LIST,
};

pub struct RouteDef {
    pub method: Method,
    pub path: &'static str,
    pub access: Access,
    pub handler: MethodRouter<AppState>,
}

/// A route answering `method` only.
pub fn at<H, T>(method: Method, path: &'static str, access: Access, handler: H) -> RouteDef
where
    H: Handler<T, AppState>,
    T: 'static,
{
    let filter = if method == Method::POST {
        MethodFilter::POST
    } else {
        MethodFilter::GET
    };
    let method = if method == Method::POST {
        Method::POST
    } else {
        Method::GET
    };
    RouteDef {
        method,
        path,
        access,
        handler: on(filter, handler),
    }
}

/// A GET route behind a permission.
pub fn get<H, T>(path: &'static str, perm: Perm, handler: H) -> RouteDef
where
    H: Handler<T, AppState>,
    T: 'static,
{
    at(Method::GET, path, Access::Permission(perm), handler)
}

/// A POST route behind a permission.
pub fn post<H, T>(path: &'static str, perm: Perm, handler: H) -> RouteDef
where
    H: Handler<T, AppState>,
    T: 'static,
{
    at(Method::POST, path, Access::Permission(perm), handler)
}

pub fn table() -> Vec<RouteDef> {
    use Method as M;
    let mut routes = vec![
        // Public: sign-in, assets, health, the read-only portal.
        at(M::GET, "/login", Public, pages::login::form),
        at(M::POST, "/login", Public, pages::login::submit),
        at(M::GET, "/assets/{*path}", Public, assets::serve),
        at(M::GET, "/healthz", Public, || async { "ok" }),
        at(M::GET, "/public", Public, pages::public::home),
        at(M::GET, "/public/parks", Public, pages::public::parks),
        at(
            M::GET,
            "/public/institutions",
            Public,
            pages::public::institutions,
        ),
        at(M::GET, "/public/search", Public, pages::public::search),
        // Any signed-in user.
        at(M::POST, "/logout", SignedIn, pages::login::logout),
        at(M::GET, "/password", SignedIn, pages::login::password_form),
        at(
            M::POST,
            "/password",
            SignedIn,
            pages::login::password_submit,
        ),
        at(M::GET, "/api/v1/openapi.json", SignedIn, api::openapi),
        at(M::GET, "/api/docs/", SignedIn, api::docs_index),
        at(M::GET, "/api/docs/{*file}", SignedIn, api::docs_file),
        // System administration.
        get("/system/users", USER_LIST, pages::system::users),
        post("/system/users", USER_EDIT, pages::system::create_user),
        post(
            "/system/users/{id}/roles",
            USER_EDIT,
            pages::system::set_roles,
        ),
        post(
            "/system/users/{id}/unlock",
            USER_EDIT,
            pages::system::unlock,
        ),
        get("/system/roles", ROLE_LIST, pages::system::roles),
        post("/system/roles/{code}", ROLE_EDIT, pages::system::save_role),
        // Monitoring: the audit trail and the login log.
        get("/monitor/audit", AUDIT_LIST, pages::monitor::audit),
        get(
            "/monitor/audit/export.csv",
            AUDIT_EXPORT,
            pages::monitor::audit_csv,
        ),
        get("/monitor/logins", LOGIN_LIST, pages::monitor::logins),
        get(
            "/monitor/logins/export.csv",
            LOGIN_EXPORT,
            pages::monitor::logins_csv,
        ),
    ];
    // The capabilities, each with its own routes.
    routes.extend(zone::routes());
    routes.extend(institutions::routes());
    routes.extend(parks::routes());
    routes.extend(counterparts::routes());
    routes
}
