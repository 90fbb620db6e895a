//! The two layers every request passes: `load_session` (who is asking) on the whole
//! router, and `require` (may they) on each route with that route's rule.

use super::CurrentUser;
use super::csrf;
use super::rate::Verdict;
use super::session::{SESSION_COOKIE, cookie, hash_id};
use crate::AppState;
use crate::i18n::Ui;
use axum::extract::{ConnectInfo, FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use std::net::SocketAddr;
use zonegov_store::{Revision, StoreError};

/// Who may use a route. Every route names one; there is no default.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Anyone, signed in or not (public portal, login, assets).
    Public,
    /// Any signed-in user (log out, change password, API docs).
    SignedIn,
    /// Signed-in users holding this permission code.
    Permission(zonegov_domain::auth::Perm),
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
    // Behind a trusted reverse proxy the client is named by X-Forwarded-For; the
    // same address keys the rate limits and goes into the audit trail.
    let ip = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| {
            super::proxy::client_ip(c.0.ip(), req.headers(), &state.security.trusted_proxies)
                .to_string()
        })
        .unwrap_or_else(|| "unknown".into());
    // An API token is honoured on `/api/...` only, and there it alone decides who
    // asks (a cookie beside it is ignored); elsewhere the header is ignored.
    if is_api(req.uri().path())
        && let Some(credential) = super::bearer::presented(req.headers()).map(str::to_owned)
    {
        let ip = ClientIp(ip);
        let checked = match state.cache.revisions.read(state.store.as_ref()).await {
            Ok(rev) => super::bearer::authenticate(&state, &credential, &ip, rev)
                .await
                .map(|r| (rev, r)),
            Err(e) => Err(e),
        };
        let (rev, me) = match checked {
            Ok((rev, Ok(me))) => (rev, me),
            Ok((_, Err(refused))) => return refused,
            Err(e) => return crate::error::ApiError::internal(e).into_response(),
        };
        req.extensions_mut().insert(ip);
        req.extensions_mut().insert(Auth(Some(me)));
        return super::session_cache::run_at(Some(rev), next.run(req)).await;
    }
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
        None => store.perf().revision().await?,
    };
    let now = chrono::Utc::now();
    let policy = &state.security.login;
    let Some((session, user)) = state
        .cache
        .sessions
        .session_and_user(store, rev, &session_hash, |seen| policy.is_idle(seen, now))
        .await?
    else {
        return Ok(None);
    };
    let Some(user) = user else {
        state.cache.sessions.forget(&session_hash);
        store.accounts().delete_session(&session_hash).await?;
        return Ok(None);
    };
    let ended = if user.disabled {
        Some("disabled")
    } else if policy.is_too_old(session.created_at, now) {
        Some("max_age")
    } else if policy.is_idle(session.last_seen, now) {
        Some("idle")
    } else {
        None
    };
    if let Some(reason) = ended {
        state.cache.sessions.forget(&session_hash);
        store.accounts().delete_session(&session_hash).await?;
        Recorder::new(store, &user.username.to_string(), ip)
            .ok(
                "login.timeout",
                "session",
                serde_json::json!({ "reason": reason }),
            )
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
        bearer: false,
    }))
}

/// CSRF rejections recorded one by one per client and window; the rest are counted.
const CSRF_AUDIT_ENTRIES_PER_WINDOW: u32 = 10;

pub use zonegov_app::audit::Recorder;

/// A refusal anyone may repeat at will (a CSRF failure, a rate-limited sign-in),
/// recorded so that it cannot fill the trail: one entry per request while the
/// limiter allows, then one entry at the window's first excess (`count: 1`,
/// `more_are_counted`), and one summary with the window's excess `count` when
/// the client's next window begins.
pub async fn record_repeated(rec: &Recorder<'_>, action: &str, target: &str, verdict: Verdict) {
    let window = super::rate::WINDOW.as_secs();
    if verdict.refused_in_previous_window > 1 {
        let detail = serde_json::json!({ "count": verdict.refused_in_previous_window, "window_seconds": window, "summary": true });
        rec.denied(action, target, detail).await;
    }
    if verdict.allowed {
        rec.denied(action, target, serde_json::json!({})).await;
    } else if verdict.first_refusal {
        let detail =
            serde_json::json!({ "count": 1, "window_seconds": window, "more_are_counted": true });
        rec.denied(action, target, detail).await;
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
        // A token request carries no cookie a forger could use: only the size bounds
        // apply (see `bearer`). A token is read-only unless its role grants more.
        let checked = if me.as_ref().is_some_and(|m| m.bearer) {
            csrf::check_bounds(req).await
        } else {
            csrf::check(req, me.as_ref().map(|m| m.csrf.as_str())).await
        };
        match checked {
            Ok(req) => req,
            // Not audited: the refused text never reaches the trail, whatever its size.
            Err(csrf::Refusal::TooLarge(field)) => {
                let message = format!("{}{field}", ui.t("field_too_long"));
                return deny(&path, ui, StatusCode::PAYLOAD_TOO_LARGE, &message);
            }
            Err(csrf::Refusal::UploadTooLarge) => {
                return deny(
                    &path,
                    ui,
                    StatusCode::PAYLOAD_TOO_LARGE,
                    ui.t("upload_too_large"),
                );
            }
            Err(csrf::Refusal::Csrf) => {
                let actor = me
                    .as_ref()
                    .map(|m| m.user.username.to_string())
                    .unwrap_or_default();
                // Anyone can send these: past a few per client and window they are
                // counted, not recorded one by one (see `record_repeated`).
                let recorder = Recorder::new(state.store.as_ref(), &actor, &ip);
                let verdict = state
                    .limiter
                    .check("csrf.audit", &ip, CSRF_AUDIT_ENTRIES_PER_WINDOW);
                record_repeated(&recorder, "csrf.rejected", &path, verdict).await;
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
        && !me.has(p)
    {
        Recorder::new(state.store.as_ref(), me.user.username.as_str(), &ip)
            .denied(
                "access.denied",
                &path,
                serde_json::json!({ "needs": p.code() }),
            )
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
