//! Every route with its access rule, in one table. Each capability contributes its
//! routes (`parks::routes()` …); the router is built from this table and the
//! authorisation-matrix test walks it, so a route cannot exist without a rule, nor a
//! rule without a test.

use crate::auth::access::Access::{self, Permission, Public, SignedIn};
use crate::{
    AppState, api, assets, boundary_items, counterparts, enterprises, institutions, pages, parks,
    power_adjust, power_items, projects, reform_history, safety, staffing, who, zone,
};
use axum::handler::Handler;
use axum::http::{Method, StatusCode, header};
use axum::response::IntoResponse;
use axum::routing::MethodRouter;
use zonegov_domain::auth::Perm;
use zonegov_domain::auth::permission::{
    AUDIT_EXPORT, AUDIT_LIST, LOGIN_EXPORT, LOGIN_LIST, ROLE_EDIT, ROLE_LIST, TOKEN_EDIT,
    TOKEN_LIST, USER_EDIT, USER_LIST,
};

/// One route. The fields are private: only the helpers below build one, each
/// setting the method and registering the handler for it from the same call, so
/// the table cannot say one method while the router serves another.
pub struct RouteDef {
    /// The one method the route answers (GET routes also answer HEAD, except exports).
    method: Method,
    path: &'static str,
    access: Access,
    handler: MethodRouter<AppState>,
}

impl RouteDef {
    pub fn method(&self) -> &Method {
        &self.method
    }

    pub fn path(&self) -> &'static str {
        self.path
    }

    pub fn access(&self) -> Access {
        self.access
    }

    /// What the router needs: path, rule and the registered handler.
    pub(crate) fn into_parts(self) -> (&'static str, Access, MethodRouter<AppState>) {
        (self.path, self.access, self.handler)
    }
}

/// A GET route (HEAD is answered from the same handler, without a body).
pub fn get_route<H, T>(path: &'static str, access: Access, handler: H) -> RouteDef
where
    H: Handler<T, AppState>,
    T: 'static,
{
    RouteDef {
        method: Method::GET,
        path,
        access,
        handler: axum::routing::get(handler),
    }
}

pub fn post_route<H, T>(path: &'static str, access: Access, handler: H) -> RouteDef
where
    H: Handler<T, AppState>,
    T: 'static,
{
    RouteDef {
        method: Method::POST,
        path,
        access,
        handler: axum::routing::post(handler),
    }
}

/// A download that is recorded in the audit trail: GET only. A HEAD would run the
/// handler (and write an export entry) for nothing, so it is refused with 405.
pub fn export_route<H, T>(path: &'static str, access: Access, handler: H) -> RouteDef
where
    H: Handler<T, AppState>,
    T: 'static,
{
    RouteDef {
        method: Method::GET,
        path,
        access,
        handler: axum::routing::get(handler).head(head_refused),
    }
}

/// A GET route behind a permission.
pub fn get<H, T>(path: &'static str, perm: Perm, handler: H) -> RouteDef
where
    H: Handler<T, AppState>,
    T: 'static,
{
    get_route(path, Permission(perm), handler)
}

/// A POST route behind a permission.
pub fn post<H, T>(path: &'static str, perm: Perm, handler: H) -> RouteDef
where
    H: Handler<T, AppState>,
    T: 'static,
{
    post_route(path, Permission(perm), handler)
}

/// An audited download behind a permission.
pub fn export<H, T>(path: &'static str, perm: Perm, handler: H) -> RouteDef
where
    H: Handler<T, AppState>,
    T: 'static,
{
    export_route(path, Permission(perm), handler)
}

async fn head_refused() -> axum::response::Response {
    (StatusCode::METHOD_NOT_ALLOWED, [(header::ALLOW, "GET")]).into_response()
}

pub fn table() -> Vec<RouteDef> {
    let mut routes = vec![
        // Public: sign-in, assets, health, the read-only portal.
        get_route("/login", Public, pages::login::form),
        post_route("/login", Public, pages::login::submit),
        get_route("/assets/{*path}", Public, assets::serve),
        get_route("/healthz", Public, || async { "ok" }),
        get_route("/public", Public, pages::public::home),
        get_route("/public/parks", Public, pages::public::parks),
        get_route("/public/institutions", Public, pages::public::institutions),
        get_route("/public/search", Public, pages::public::search),
        // Any signed-in user.
        post_route("/logout", SignedIn, pages::login::logout),
        get_route("/password", SignedIn, pages::login::password_form),
        post_route("/password", SignedIn, pages::login::password_submit),
        get_route("/api/v1/openapi.json", SignedIn, api::openapi),
        get_route("/api/docs/", SignedIn, api::docs_index),
        get_route("/api/docs/{*file}", SignedIn, api::docs_file),
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
        // API tokens for machine clients.
        get("/system/tokens", TOKEN_LIST, pages::tokens::list),
        post("/system/tokens", TOKEN_EDIT, pages::tokens::create),
        post(
            "/system/tokens/{id}/revoke",
            TOKEN_EDIT,
            pages::tokens::revoke,
        ),
        // Monitoring: the audit trail and the login log.
        get("/monitor/audit", AUDIT_LIST, pages::monitor::audit),
        export(
            "/monitor/audit/export.csv",
            AUDIT_EXPORT,
            pages::monitor::audit_csv,
        ),
        get("/monitor/logins", LOGIN_LIST, pages::monitor::logins),
        export(
            "/monitor/logins/export.csv",
            LOGIN_EXPORT,
            pages::monitor::logins_csv,
        ),
    ];
    // The capabilities, each contributing its own routes.
    routes.extend(zone::routes());
    routes.extend(parks::routes());
    routes.extend(institutions::routes());
    routes.extend(counterparts::routes());
    routes.extend(boundary_items::routes());
    routes.extend(who::routes());
    routes.extend(enterprises::routes());
    routes.extend(safety::routes());
    routes.extend(power_items::routes());
    routes.extend(power_adjust::routes());
    routes.extend(staffing::routes());
    routes.extend(reform_history::routes());
    routes.extend(projects::routes());
    routes.extend(crate::reform::routes());
    routes
}
