//! zonegov's web layer: the admin pages and the JSON API, served by axum. Every
//! asset is compiled in; the pages work on a network with no internet.

mod api;
mod assets;
pub mod auth;
mod ctx;
mod error;
mod i18n;
mod pages;
pub mod revision_reader;
pub mod routes;
pub mod snapshot_cache;

use auth::Security;
use auth::rate::RateLimiter;
use axum::Router;
use axum::http::{HeaderValue, header};
use axum::middleware::{from_fn_with_state, map_response_with_state};
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
    /// The store's revision, read once for all the requests waiting on it.
    pub revisions: revision_reader::RevisionReader,
}

/// Scripts and styles come only from this server; nothing may frame the pages.
const CSP: &str = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

pub fn router(store: Arc<dyn Store>, security: Security) -> Router {
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
        let rule = from_fn_with_state((state.clone(), route.access), auth::access::require);
        app = app.route(route.path, route.handler.route_layer(rule));
    }
    app.fallback(not_found)
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
