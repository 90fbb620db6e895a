//! zonegov's web layer: the admin pages and the JSON API, served by axum. Every
//! asset is compiled in; the pages work on a network with no internet.

mod api;
mod assets;
mod ctx;
mod error;
mod i18n;
mod pages;

use axum::Router;
use axum::http::{HeaderValue, header};
use axum::routing::get;
use std::sync::Arc;
use tower_http::set_header::SetResponseHeaderLayer;
use utoipa::OpenApi;
use zonegov_store::Store;

#[derive(Clone)]
pub struct AppState {
    pub store: Arc<dyn Store>,
}

/// Scripts and styles come only from this server; nothing may frame the pages.
const CSP: &str = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

pub fn router(store: Arc<dyn Store>) -> Router {
    let api = Router::new()
        .route("/report", get(api::report))
        .route("/parks", get(api::parks))
        .route("/parks/{code}", get(api::park))
        .route("/institutions", get(api::institutions))
        .route("/institutions/{code}", get(api::institution))
        .route("/diff", get(api::diff));
    Router::new()
        .route("/", get(pages::dashboard::page))
        .route("/parks", get(pages::lists::parks))
        .route("/parks/{code}", get(pages::entity::park))
        .route("/institutions", get(pages::lists::institutions))
        .route("/institutions/{code}", get(pages::entity::institution))
        .route("/changes", get(pages::changes::page))
        .route("/assets/{*path}", get(assets::serve))
        .route("/healthz", get(|| async { "ok" }))
        .nest("/api/v1", api)
        .merge(
            utoipa_swagger_ui::SwaggerUi::new("/api/docs")
                .url("/api/v1/openapi.json", api::ApiDoc::openapi()),
        )
        .fallback(not_found)
        .with_state(AppState { store })
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CSP),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("same-origin"),
        ))
}

async fn not_found(
    uri: axum::http::Uri,
    headers: axum::http::HeaderMap,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    if uri.path().starts_with("/api/") {
        return error::ApiError::not_found(format!("no route {}", uri.path())).into_response();
    }
    let lang = headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|c| {
            c.trim()
                .strip_prefix("lang=")
                .and_then(zonegov_domain::Lang::parse)
        })
        .unwrap_or_default();
    error::PageError::not_found(i18n::Ui { lang }, uri.path().to_owned()).into_response()
}

/// Serves until Ctrl-C or SIGTERM.
pub async fn serve(
    listener: tokio::net::TcpListener,
    store: Arc<dyn Store>,
) -> std::io::Result<()> {
    axum::serve(listener, router(store))
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
