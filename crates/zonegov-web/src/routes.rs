//! Every route with its access rule, in one table. The router is built from this
//! table and the authorisation-matrix test walks it, so a route cannot exist
//! without a rule, nor a rule without a test.

use crate::auth::access::Access::{self, Permission, Public, SignedIn};
use crate::{AppState, api, assets, pages};
use axum::handler::Handler;
use axum::http::{Method, StatusCode, header};
use axum::response::IntoResponse;
use axum::routing::{MethodRouter, get, post};

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
fn get_route<H, T>(path: &'static str, access: Access, handler: H) -> RouteDef
where
    H: Handler<T, AppState>,
    T: 'static,
{
    RouteDef {
        method: Method::GET,
        path,
        access,
        handler: get(handler),
    }
}

fn post_route<H, T>(path: &'static str, access: Access, handler: H) -> RouteDef
where
    H: Handler<T, AppState>,
    T: 'static,
{
    RouteDef {
        method: Method::POST,
        path,
        access,
        handler: post(handler),
    }
}

/// A download that is recorded in the audit trail: GET only. A HEAD would run the
/// handler (and write an export entry) for nothing, so it is refused with 405.
fn export_route<H, T>(path: &'static str, access: Access, handler: H) -> RouteDef
where
    H: Handler<T, AppState>,
    T: 'static,
{
    RouteDef {
        method: Method::GET,
        path,
        access,
        handler: get(handler).head(head_refused),
    }
}

async fn head_refused() -> axum::response::Response {
    (StatusCode::METHOD_NOT_ALLOWED, [(header::ALLOW, "GET")]).into_response()
}

pub fn table() -> Vec<RouteDef> {
    vec![
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
        // The zone.
        get_route(
            "/",
            Permission("zone:dashboard:view"),
            pages::dashboard::page,
        ),
        get_route("/parks", Permission("zone:park:list"), pages::lists::parks),
        export_route(
            "/parks/export.csv",
            Permission("zone:park:export"),
            pages::lists::parks_csv,
        ),
        get_route(
            "/parks/{code}",
            Permission("zone:park:view"),
            pages::entity::park,
        ),
        get_route(
            "/institutions",
            Permission("zone:institution:list"),
            pages::lists::institutions,
        ),
        export_route(
            "/institutions/export.csv",
            Permission("zone:institution:export"),
            pages::lists::institutions_csv,
        ),
        get_route(
            "/institutions/{code}",
            Permission("zone:institution:view"),
            pages::entity::institution,
        ),
        get_route(
            "/changes",
            Permission("zone:changes:view"),
            pages::changes::page,
        ),
        get_route(
            "/api/v1/report",
            Permission("zone:dashboard:view"),
            api::report,
        ),
        get_route("/api/v1/parks", Permission("zone:park:list"), api::parks),
        get_route(
            "/api/v1/parks/{code}",
            Permission("zone:park:view"),
            api::park,
        ),
        get_route(
            "/api/v1/institutions",
            Permission("zone:institution:list"),
            api::institutions,
        ),
        get_route(
            "/api/v1/institutions/{code}",
            Permission("zone:institution:view"),
            api::institution,
        ),
        get_route("/api/v1/diff", Permission("zone:changes:view"), api::diff),
        // System administration.
        get_route(
            "/system/users",
            Permission("system:user:list"),
            pages::system::users,
        ),
        post_route(
            "/system/users",
            Permission("system:user:edit"),
            pages::system::create_user,
        ),
        post_route(
            "/system/users/{id}/roles",
            Permission("system:user:edit"),
            pages::system::set_roles,
        ),
        post_route(
            "/system/users/{id}/unlock",
            Permission("system:user:edit"),
            pages::system::unlock,
        ),
        get_route(
            "/system/roles",
            Permission("system:role:list"),
            pages::system::roles,
        ),
        post_route(
            "/system/roles/{code}",
            Permission("system:role:edit"),
            pages::system::save_role,
        ),
        // Monitoring: the audit trail and the login log.
        get_route(
            "/monitor/audit",
            Permission("monitor:audit:list"),
            pages::monitor::audit,
        ),
        export_route(
            "/monitor/audit/export.csv",
            Permission("monitor:audit:export"),
            pages::monitor::audit_csv,
        ),
        get_route(
            "/monitor/logins",
            Permission("monitor:login:list"),
            pages::monitor::logins,
        ),
        export_route(
            "/monitor/logins/export.csv",
            Permission("monitor:login:export"),
            pages::monitor::logins_csv,
        ),
    ]
}
