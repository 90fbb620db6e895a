//! zonegov's web layer: the admin pages and the JSON API, served by axum. Every
//! asset is compiled in; the pages work on a network with no internet.

mod api;
mod assets;
pub mod auth;
mod boundary_items;
mod counterparts;
mod ctx;
mod enterprises;
mod error;
mod forms;
mod i18n;
mod institutions;
mod menu;
mod pages;
mod parks;
mod power_adjust;
mod power_items;
mod projects;
mod records;
mod reform;
mod reform_history;
pub mod revision_reader;
pub mod routes;
mod safety;
pub mod snapshot_cache;
mod staffing;
mod stash;
mod upload;
mod who;
mod zone;

use auth::Security;
use auth::rate::RateLimiter;
use axum::Router;
use axum::http::{HeaderValue, header};
use axum::middleware::{from_fn, from_fn_with_state, map_response_with_state};
use std::net::SocketAddr;
use std::sync::Arc;
use tower_http::set_header::SetResponseHeaderLayer;
use zonegov_store::Store;

#[derive(Clone)]
pub struct AppState {
    pub store: Arc<dyn Store>,
    pub security: Arc<Security>,
    pub limiter: Arc<RateLimiter>,
    /// What is kept between requests until the store's revision moves (one `Arc`:
    /// the state is cloned several times per request).
    pub cache: Arc<Caches>,
}

#[derive(Default)]
pub struct Caches {
    /// The zone's history.
    pub snapshots: snapshot_cache::SnapshotCache,
    /// Sessions and grants.
    pub sessions: auth::session_cache::SessionCache,
    /// API tokens and their grants.
    pub tokens: auth::bearer::TokenCache,
    /// The store's revision, read once for all the requests waiting on it.
    pub revisions: revision_reader::RevisionReader,
    /// The dashboard's work-safety coverage figure per day and data scope: the
    /// audit streams every enterprise, so it runs once per data revision.
    pub coverage:
        zonegov_store::RevisionMemo<(zonegov_domain::NaiveDate, String), Option<(String, u64)>>,
}

impl AppState {
    /// The zone's checked history (`None` before any load).
    pub async fn history(
        &self,
    ) -> Result<Option<Arc<zonegov_domain::ZoneHistory>>, zonegov_store::StoreError> {
        self.cache.snapshots.history(self.store.as_ref()).await
    }
}

/// Scripts and styles come only from this server; nothing may frame the pages.
const CSP: &str = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

pub fn router(store: Arc<dyn Store>, security: Security) -> Router {
    // Computed now, not on the first unknown user's sign-in: that answer must take
    // no longer than any other.
    let _ = zonegov_app::password::dummy_hash();
    router_with(state(store, security))
}

fn state(store: Arc<dyn Store>, security: Security) -> AppState {
    AppState {
        store,
        security: Arc::new(security),
        limiter: Arc::new(RateLimiter::default()),
        cache: Arc::default(),
    }
}

fn router_with(state: AppState) -> Router {
    let mut app = Router::new();
    for route in routes::table() {
        let (path, access, handler) = route.into_parts();
        let rule = from_fn_with_state((state.clone(), access), auth::access::require);
        app = app.route(path, handler.route_layer(rule));
    }
    app.fallback(not_found)
        .layer(from_fn(api_errors_as_json))
        .layer(from_fn_with_state(
            state.clone(),
            auth::access::load_session,
        ))
        .layer(map_response_with_state(state.clone(), remember_language))
        .with_state(state)
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CSP),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_FRAME_OPTIONS,
            HeaderValue::from_static("DENY"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("same-origin"),
        ))
}

/// `?lang=xx` switches the language for the following pages too.
async fn remember_language(
    axum::extract::State(state): axum::extract::State<AppState>,
    uri: axum::http::Uri,
    mut res: axum::response::Response,
) -> axum::response::Response {
    if let Some(lang) = ctx::query_param(&uri, "lang").and_then(|l| zonegov_domain::Lang::parse(&l))
    {
        let secure = if state.security.secure_cookies {
            "; Secure"
        } else {
            ""
        };
        if let Ok(v) = HeaderValue::from_str(&format!(
            "lang={}; Path=/; SameSite=Lax; Max-Age=31536000{secure}",
            lang.code()
        )) {
            res.headers_mut().append(header::SET_COOKIE, v);
        }
    }
    res
}

/// Under `/api/`, every error answer is the JSON `ApiErrorBody`, including those
/// the framework writes itself as plain text (a query, path or form that does not
/// deserialise, a wrong method): the text becomes the `error` field.
async fn api_errors_as_json(
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    let api = req.uri().path().starts_with("/api/");
    let res = next.run(req).await;
    let status = res.status();
    if !api || !(status.is_client_error() || status.is_server_error()) {
        return res;
    }
    let json = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if json {
        return res;
    }
    let (parts, body) = res.into_parts();
    let text = axum::body::to_bytes(body, 64 * 1024)
        .await
        .map(|b| String::from_utf8_lossy(&b).trim().to_owned())
        .unwrap_or_default();
    let key = error::title_key(status);
    let zh = i18n::Ui {
        lang: zonegov_domain::Lang::Zh,
    }
    .t(key);
    let en = i18n::Ui {
        lang: zonegov_domain::Lang::En,
    }
    .t(key);
    let message = if text.is_empty() {
        format!("{zh} / {en}")
    } else {
        format!("{zh} / {en}: {text}")
    };
    let mut out = error::ApiError { status, message }.into_response();
    for (name, value) in &parts.headers {
        if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
            out.headers_mut().append(name, value.clone());
        }
    }
    out
}

async fn not_found(
    uri: axum::http::Uri,
    headers: axum::http::HeaderMap,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    if uri.path().starts_with("/api/") {
        return error::ApiError::not_found(format!("no route {}", uri.path())).into_response();
    }
    let lang = ctx::lang_of_headers(&uri, &headers);
    error::PageError::not_found(i18n::Ui { lang }, uri.path().to_owned()).into_response()
}

/// Serves until Ctrl-C or SIGTERM.
pub async fn serve(
    listener: tokio::net::TcpListener,
    store: Arc<dyn Store>,
    security: Security,
) -> std::io::Result<()> {
    let state = state(store, security);
    // Build the history cache now, not on the first request: the first visitor does
    // not wait for it, and the build reuses the memory the start-up checks just freed.
    if let Err(e) = state.cache.snapshots.history(state.store.as_ref()).await {
        tracing::warn!(error = %e, "cannot read the history yet");
    }
    let app = router_with(state).into_make_service_with_connect_info::<SocketAddr>();
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown())
        .await
}

async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
}
