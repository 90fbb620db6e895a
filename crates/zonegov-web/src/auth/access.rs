//! The two layers every request passes: `load_session` (who is asking) on the whole
//! router, and `require` (may they) on each route with that route's rule.

use super::CurrentUser;
use super::csrf;
use super::session::{SESSION_COOKIE, cookie, hash_id};
use crate::AppState;
use crate::i18n::Ui;
use axum::extract::{ConnectInfo, FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use std::net::SocketAddr;
use zonegov_domain::auth::AuditDraft;
use zonegov_store::{Revision, Store, StoreError};

/// Who may use a route. Every route names one; there is no default.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Anyone, signed in or not (public portal, login, assets).
    Public,
    /// Any signed-in user (log out, change password, API docs).
    SignedIn,
    /// Signed-in users holding this permission code.
    Permission(&'static str),
}

/// The request's user, if any (set by `load_session` on every request).
#[derive(Debug, Clone)]
pub struct Auth(pub Option<CurrentUser>);

/// The client's address, for the audit trail and rate limits.
#[derive(Debug, Clone)]
pub struct ClientIp(pub String);

impl<S: Send + Sync> FromRequestParts<S> for CurrentUser {
    type Rejection = StatusCode;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        match parts.extensions.get::<Auth>() {
            Some(Auth(Some(u))) => Ok(u.clone()),
            _ => Err(StatusCode::UNAUTHORIZED),
        }
    }
}

impl<S: Send + Sync> FromRequestParts<S> for ClientIp {
    type Rejection = std::convert::Infallible;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(parts
            .extensions
            .get::<ClientIp>()
            .cloned()
            .unwrap_or(ClientIp("unknown".into())))
    }
}

pub async fn load_session(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let ip = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip().to_string())
        .unwrap_or_else(|| "unknown".into());
    let rev = super::session_cache::revision_if_signed_in(&state, req.headers()).await;
    let auth = match resolve_session(&state, req.headers(), &ip, rev).await {
        Ok(a) => a,
        Err(e) => {
            tracing::error!(error = %e, "cannot read the session");
            None
        }
    };
    req.extensions_mut().insert(ClientIp(ip));
    req.extensions_mut().insert(Auth(auth));
    super::session_cache::run_at(rev, next.run(req)).await
}

async fn resolve_session(
    state: &AppState,
    headers: &axum::http::HeaderMap,
    ip: &str,
    rev: Option<Revision>,
) -> Result<Option<CurrentUser>, StoreError> {
    let store = state.store.as_ref();
    let Some(id) = cookie(headers, SESSION_COOKIE) else {
        return Ok(None);
    };
    let session_hash = hash_id(id);
    // The revision keys the session cache: see `session_cache` for the guarantees.
    let rev = match rev {
        Some(r) => r,
        None => store.revision().await?,
    };
    let now = chrono::Utc::now();
    let Some((session, user)) = state
        .cache
        .sessions
        .session_and_user(store, rev, &session_hash, |seen| {
            state.security.login.is_idle(seen, now)
        })
        .await?
    else {
        return Ok(None);
    };
    let Some(user) = user else {
        state.cache.sessions.forget(&session_hash);
        store.delete_session(&session_hash).await?;
        return Ok(None);
    };
    if state.security.login.is_idle(session.last_seen, now) || user.disabled {
        state.cache.sessions.forget(&session_hash);
        store.delete_session(&session_hash).await?;
        Recorder::new(store, &user.username.to_string(), ip)
            .ok("login.timeout", "session", serde_json::json!({}))
            .await;
        return Ok(None);
    }
    // Throttled: at most one write per session per minute (bounded error documented
    // in `session_cache`).
    state
        .cache
        .sessions
        .touch(store, &session_hash, &session, now)
        .await?;
    let grant = state
        .cache
        .sessions
        .grant(
            store,
            &state.cache.snapshots,
            rev,
            &user,
            chrono::Local::now().date_naive(),
        )
        .await?;
    let roles = grant.roles.clone();
    let permissions = grant.permissions.clone();
    let visible = grant.visible.clone();
    let must_change_password = user.must_change_password
        || state
            .security
            .password
            .is_expired(user.password_changed_at, now);
    Ok(Some(CurrentUser {
        user,
        roles,
        permissions,
        visible,
        csrf: session.csrf,
        session_hash,
        must_change_password,
    }))
}

/// Who acts and from where: all an audit entry needs besides what happened. A
/// failure to record is logged loudly but does not turn a read into an error page.
pub struct Recorder<'a> {
    store: &'a dyn Store,
    actor: &'a str,
    ip: &'a str,
}

impl<'a> Recorder<'a> {
    pub fn new(store: &'a dyn Store, actor: &'a str, ip: &'a str) -> Self {
        Self { store, actor, ip }
    }

    pub async fn ok(&self, action: &str, target: &str, detail: serde_json::Value) {
        self.record(action, target, "ok", detail).await
    }

    pub async fn failed(&self, action: &str, target: &str, detail: serde_json::Value) {
        self.record(action, target, "failed", detail).await
    }

    pub async fn denied(&self, action: &str, target: &str, detail: serde_json::Value) {
        self.record(action, target, "denied", detail).await
    }

    async fn record(&self, action: &str, target: &str, outcome: &str, detail: serde_json::Value) {
        let draft = AuditDraft {
            actor: self.actor.to_owned(),
            ip: self.ip.to_owned(),
            action: action.to_owned(),
            target: target.to_owned(),
            outcome: outcome.to_owned(),
            detail,
        };
        if let Err(e) = self.store.append_audit(&draft).await {
            tracing::error!(error = %e, action, "AUDIT WRITE FAILED");
        }
    }
}

fn is_api(path: &str) -> bool {
    path.starts_with("/api/")
}

fn deny(path: &str, ui: Ui, status: StatusCode, message: &str) -> Response {
    if is_api(path) {
        crate::error::ApiError {
            status,
            message: message.to_owned(),
        }
        .into_response()
    } else {
        crate::error::PageError {
            ui,
            status,
            message: message.to_owned(),
        }
        .into_response()
    }
}

pub async fn require(
    State((state, access)): State<(AppState, Access)>,
    req: Request,
    next: Next,
) -> Response {
    let path = req.uri().path().to_owned();
    let ui = Ui {
        lang: crate::ctx::lang_of_headers(req.uri(), req.headers()),
    };
    let me = req.extensions().get::<Auth>().and_then(|a| a.0.clone());
    let ip = req
        .extensions()
        .get::<ClientIp>()
        .map(|c| c.0.clone())
        .unwrap_or_default();
    let req = if csrf::is_state_changing(req.method()) {
        match csrf::check(req, me.as_ref().map(|m| m.csrf.as_str())).await {
            Some(req) => req,
            None => {
                let actor = me
                    .as_ref()
                    .map(|m| m.user.username.to_string())
                    .unwrap_or_default();
                Recorder::new(state.store.as_ref(), &actor, &ip)
                    .denied("csrf.rejected", &path, serde_json::json!({}))
                    .await;
                return deny(&path, ui, StatusCode::FORBIDDEN, ui.t("csrf_failed"));
            }
        }
    } else {
        req
    };
    if access == Access::Public {
        return next.run(req).await;
    }
    let Some(me) = me else {
        if is_api(&path) {
            return deny(&path, ui, StatusCode::UNAUTHORIZED, ui.t("login_required"));
        }
        let target = req
            .uri()
            .path_and_query()
            .map(|p| p.as_str())
            .unwrap_or("/");
        let next_q: String = serde_urlencoded::to_string([("next", target)]).unwrap_or_default();
        return Redirect::to(&format!("/login?{next_q}")).into_response();
    };
    if me.must_change_password && path != "/password" && path != "/logout" {
        if is_api(&path) {
            return deny(
                &path,
                ui,
                StatusCode::FORBIDDEN,
                ui.t("password_change_required"),
            );
        }
        return Redirect::to("/password").into_response();
    }
    if let Access::Permission(p) = access
        && !me.can(p)
    {
        Recorder::new(state.store.as_ref(), me.user.username.as_str(), &ip)
            .denied("access.denied", &path, serde_json::json!({ "needs": p }))
            .await;
        return deny(&path, ui, StatusCode::FORBIDDEN, ui.t("forbidden"));
    }
    let mut res = next.run(req).await;
    // Pages carry personal data: never cache them anywhere.
    res.headers_mut().insert(
        header::CACHE_CONTROL,
        axum::http::HeaderValue::from_static("no-store"),
    );
    res
}
