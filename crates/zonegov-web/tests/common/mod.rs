//! Shared test fixtures: the demo zone in a temporary SQLite file, accounts with
//! sessions made directly in the store, and a request helper.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use std::path::PathBuf;
use std::sync::Arc;
use tower::ServiceExt;
use zonegov_app::accounts::{UserSpec, create_user, seed_roles};
use zonegov_domain::Code;
use zonegov_store::{Session, Store};
use zonegov_web::auth::Security;
use zonegov_web::auth::session::hash_id;

pub const PASSWORD: &str = "Gx7#kqP2w";
static COUNTER: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

pub const CSRF: &str = "test-csrf-token-0123456789";

pub struct App {
    pub store: Arc<dyn Store>,
    pub url: String,
    pub router: Router,
    _dir: tempfile::TempDir,
}

pub async fn app_with(
    mutate: impl FnOnce(&mut zonegov_domain::HistoryParts),
    security: Security,
) -> App {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data/demo");
    let mut parts = zonegov_io::read_dataset(&dir).unwrap().parts;
    // Without the demo's power list: the list's tests load their own items, and the
    // pages stay small (the CLI and CI check the demo list's counts).
    parts.records.set::<zonegov_domain::PowerItem>(Vec::new());
    mutate(&mut parts);
    let tmp = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", tmp.path().join("t.db").display());
    let store = zonegov_store::connect(&url).await.unwrap();
    store.records().load(&parts).await.unwrap();
    seed_roles(store.as_ref()).await.unwrap();
    let router = zonegov_web::router(store.clone(), security);
    App {
        store,
        url,
        router,
        _dir: tmp,
    }
}

pub async fn app() -> App {
    app_with(|_| {}, Security::default()).await
}

impl App {
    /// Creates a user with these roles (and optional park) and a live session;
    /// returns the cookie header value.
    pub async fn login_as(
        &self,
        name: &str,
        body: &str,
        park: Option<&str>,
        roles: &[&str],
    ) -> String {
        let id = self.user(name, body, park, roles).await;
        self.session(id, name).await
    }

    /// Creates a user (no session).
    pub async fn user(&self, name: &str, body: &str, park: Option<&str>, roles: &[&str]) -> i64 {
        create_user(
            self.store.as_ref(),
            &Default::default(),
            UserSpec {
                username: name,
                display_name: name,
                password: PASSWORD,
                institution: Code::parse(body).unwrap(),
                park: park.map(|p| Code::parse(p).unwrap()),
                roles: roles.iter().map(|r| Code::parse(r).unwrap()).collect(),
                must_change_password: false,
            },
            "test",
            "local",
        )
        .await
        .unwrap()
    }

    /// A fresh session for user `id`; returns the cookie header value.
    pub async fn session(&self, id: i64, tag: &str) -> String {
        let token = format!(
            "session-{tag}-{}",
            COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
        );
        let now = chrono::Utc::now();
        let session = Session {
            user_id: id,
            csrf: CSRF.into(),
            ip: "t".into(),
            created_at: now,
            last_seen: now,
        };
        self.store
            .accounts()
            .create_session(&hash_id(&token), &session)
            .await
            .unwrap();
        format!("zg_sid={token}")
    }

    pub async fn send(&self, req: Request<Body>) -> (StatusCode, axum::http::HeaderMap, String) {
        let res = self.router.clone().oneshot(req).await.unwrap();
        let status = res.status();
        let headers = res.headers().clone();
        let bytes = axum::body::to_bytes(res.into_body(), 1 << 24)
            .await
            .unwrap();
        (
            status,
            headers,
            String::from_utf8_lossy(&bytes).into_owned(),
        )
    }

    /// A GET whose body is binary (an xlsx download).
    pub async fn get_bytes(
        &self,
        uri: &str,
        cookie: &str,
    ) -> (StatusCode, axum::http::HeaderMap, Vec<u8>) {
        let req = Request::get(uri)
            .header(header::COOKIE, cookie)
            .body(Body::empty())
            .unwrap();
        let res = self.router.clone().oneshot(req).await.unwrap();
        let status = res.status();
        let headers = res.headers().clone();
        let bytes = axum::body::to_bytes(res.into_body(), 1 << 26)
            .await
            .unwrap();
        (status, headers, bytes.to_vec())
    }

    pub async fn get(
        &self,
        uri: &str,
        cookie: &str,
    ) -> (StatusCode, axum::http::HeaderMap, String) {
        let mut b = Request::get(uri);
        if !cookie.is_empty() {
            b = b.header(header::COOKIE, cookie);
        }
        self.send(b.body(Body::empty()).unwrap()).await
    }

    pub async fn post(
        &self,
        uri: &str,
        cookie: &str,
        form: &[(&str, &str)],
    ) -> (StatusCode, axum::http::HeaderMap, String) {
        let body = serde_urlencoded::to_string(form).unwrap();
        let mut b =
            Request::post(uri).header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        if !cookie.is_empty() {
            b = b.header(header::COOKIE, cookie);
        }
        self.send(b.body(Body::from(body)).unwrap()).await
    }

    /// Runs SQL behind the application's back.
    pub async fn raw(&self, sql: &str) {
        use sqlx::Connection;
        let mut c = sqlx::SqliteConnection::connect(&self.url).await.unwrap();
        sqlx::Executor::execute(&mut c, sqlx::AssertSqlSafe(sql.to_owned()))
            .await
            .unwrap();
    }
}

/// The value of a `Set-Cookie` named `name`, if the response sets one.
pub fn set_cookie(headers: &axum::http::HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|v| {
            v.strip_prefix(&format!("{name}="))?
                .split(';')
                .next()
                .map(str::to_owned)
        })
}
