//! API tokens (`Authorization: Bearer zgt_…`) for machine clients, on `/api/...`
//! routes only.
//!
//! A token request runs as a user would with the token's role and data scope: the
//! same `require` rule on every route, the same scoped reads. It acts and is audited
//! as `token#ID` (no person has that name).
//!
//! Where a token is accepted, and why CSRF does not apply: only from the
//! `Authorization` header, never from a cookie or a query string, and only under
//! `/api/`. A browser never attaches that header to a cross-site request by itself
//! (a page would need CORS, which this server never grants), so a forged request
//! cannot carry it: the CSRF token exists to stop the browser's automatic cookies.
//! On HTML pages a bearer header is ignored (the page then sees no user and sends
//! the client to sign in), so a token can never drive a form.
//!
//! Cost per request (the benchmarks' signed-in path): one revision read shared
//! with concurrent requests, then a hash of 64 bytes and two map lookups; the
//! token, its grant and its last use are kept per revision, like sessions
//! (`session_cache`). `last_used_at` is written at most once per [`TOUCH_EVERY`]
//! per token and process, without moving the revision.

use super::CurrentUser;
use super::access::{ClientIp, Recorder};
use super::rate::Verdict;
use super::session_cache::Grant;
use crate::AppState;
use axum::Json;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use std::collections::{BTreeSet, HashMap};
use std::sync::{Arc, Mutex};
use zonegov_domain::auth::scope::{Subject, resolve};
use zonegov_domain::auth::token::{ApiToken, Presented, Unusable};
use zonegov_domain::auth::{DataScope, Permission, Role, User, Username, Visible};
use zonegov_store::{Revision, Store, StoreError};

/// `last_used_at` is written when the stored value is at least this old.
pub const TOUCH_EVERY: chrono::Duration = chrono::Duration::seconds(60);

/// Denied token uses recorded one by one per client address and window; beyond,
/// they are counted (see `access::record_repeated`).
const DENIED_AUDIT_ENTRIES_PER_WINDOW: u32 = 10;

/// Beyond this many cached tokens or grants the cache starts over (memory bound).
const MAX_ENTRIES: usize = 10_000;

/// The `Authorization: Bearer …` credential, if the request carries one.
pub fn presented(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?.trim();
    let (scheme, credential) = value.split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| credential.trim())
}

/// The JSON error of a refused token: `error` in both languages (as every API
/// error), and `reason`, a stable code a client can act on.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct TokenErrorBody {
    pub error: String,
    /// `invalid`, `revoked`, `expired` or `rate_limited`.
    pub reason: &'static str,
}

fn refusal(status: StatusCode, reason: &'static str, zh: &str, en: &str) -> Response {
    let body = TokenErrorBody {
        error: format!("{zh} / {en}"),
        reason,
    };
    let mut res = (status, Json(body)).into_response();
    if status == StatusCode::UNAUTHORIZED {
        let challenge = format!("Bearer error=\"invalid_token\", error_description=\"{reason}\"");
        if let Ok(v) = HeaderValue::from_str(&challenge) {
            res.headers_mut().insert(header::WWW_AUTHENTICATE, v);
        }
    }
    res
}

fn invalid() -> Response {
    refusal(
        StatusCode::UNAUTHORIZED,
        "invalid",
        "接口令牌无效",
        "The API token is not valid",
    )
}

fn unusable(why: Unusable) -> Response {
    match why {
        Unusable::Revoked => refusal(
            StatusCode::UNAUTHORIZED,
            "revoked",
            "接口令牌已被吊销",
            "The API token has been revoked",
        ),
        Unusable::Expired => refusal(
            StatusCode::UNAUTHORIZED,
            "expired",
            "接口令牌已过期",
            "The API token has expired",
        ),
    }
}

fn rate_limited(retry_after: u64) -> Response {
    let mut res = refusal(
        StatusCode::TOO_MANY_REQUESTS,
        "rate_limited",
        "该接口令牌请求过于频繁,请稍后再试",
        "Too many requests with this API token; try again later",
    );
    res.headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from(retry_after));
    res
}

#[derive(Default)]
struct Inner {
    rev: Option<Revision>,
    tokens: HashMap<i64, ApiToken>,
    roles: Option<Arc<Vec<Role>>>,
    grants: HashMap<(i64, NaiveDate), Arc<Grant>>,
}

impl Inner {
    /// Same rule as the session cache: move forward to `rev` (emptying), never back.
    fn at(&mut self, rev: Revision) -> bool {
        match self.rev {
            Some(r) if r == rev => true,
            Some(r) if rev.data < r.data || rev.auth < r.auth => false,
            _ => {
                *self = Inner {
                    rev: Some(rev),
                    ..Inner::default()
                };
                true
            }
        }
    }
}

/// Tokens and their grants, kept while the store's revision is unchanged (a
/// creation or revocation moves it; see migration 0011).
#[derive(Default)]
pub struct TokenCache {
    inner: Mutex<Inner>,
}

impl TokenCache {
    fn lock(&self) -> Option<std::sync::MutexGuard<'_, Inner>> {
        self.inner.lock().ok()
    }

    async fn token(
        &self,
        store: &dyn Store,
        rev: Revision,
        id: i64,
    ) -> Result<Option<ApiToken>, StoreError> {
        if let Some(mut inner) = self.lock()
            && inner.at(rev)
            && let Some(t) = inner.tokens.get(&id)
        {
            return Ok(Some(t.clone()));
        }
        let Some(t) = store.tokens().token(id).await? else {
            return Ok(None);
        };
        if let Some(mut inner) = self.lock()
            && inner.at(rev)
        {
            if inner.tokens.len() >= MAX_ENTRIES {
                inner.tokens.clear();
            }
            inner.tokens.insert(id, t.clone());
        }
        Ok(Some(t))
    }

    /// Writes the last use when the stored one is at least [`TOUCH_EVERY`] old.
    async fn touch(
        &self,
        store: &dyn Store,
        t: &ApiToken,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        if t.last_used_at.is_some_and(|at| now - at < TOUCH_EVERY) {
            return Ok(());
        }
        store.tokens().touch_token(t.id, now).await?;
        if let Some(mut inner) = self.lock()
            && let Some(cached) = inner.tokens.get_mut(&t.id)
        {
            cached.last_used_at = Some(now);
        }
        Ok(())
    }

    /// The token's permissions (its role's) and what its scope shows on `today`.
    async fn grant(
        &self,
        state: &AppState,
        rev: Revision,
        t: &ApiToken,
        actor: &Username,
        today: NaiveDate,
    ) -> Result<Arc<Grant>, StoreError> {
        let store = state.store.as_ref();
        let key = (t.id, today);
        let mut cached_roles = None;
        if let Some(mut inner) = self.lock()
            && inner.at(rev)
        {
            if let Some(g) = inner.grants.get(&key) {
                return Ok(g.clone());
            }
            cached_roles = inner.roles.clone();
        }
        let all_roles = match cached_roles {
            Some(r) => r,
            None => Arc::new(store.accounts().roles().await?),
        };
        let roles: Vec<Role> = all_roles
            .iter()
            .filter(|r| r.code == t.role)
            .cloned()
            .collect();
        let permissions: BTreeSet<Permission> = roles
            .iter()
            .flat_map(|r| r.permissions.iter().cloned())
            .collect();
        let visible = if t.scope == DataScope::All {
            Visible::everything()
        } else {
            match state.cache.snapshots.at(store, rev.data).await? {
                Some(h) => resolve(
                    std::slice::from_ref(&t.scope),
                    &Subject {
                        username: actor.as_str(),
                        institution: &t.institution,
                        park: t.park.as_ref(),
                    },
                    &h,
                    today,
                ),
                None => Visible {
                    institutions: Some(BTreeSet::new()),
                    parks: Some(BTreeSet::new()),
                },
            }
        };
        let grant = Arc::new(Grant {
            roles: Arc::new(roles),
            permissions: Arc::new(permissions),
            visible,
        });
        if let Some(mut inner) = self.lock()
            && inner.at(rev)
        {
            if inner.grants.len() >= MAX_ENTRIES {
                inner.grants.clear();
            }
            inner.roles.get_or_insert(all_roles);
            inner.grants.insert(key, grant.clone());
        }
        Ok(grant)
    }
}

/// The user a valid, usable, not rate-limited token stands for; otherwise the
/// answer to send (401 naming why, or 429 with `Retry-After`), the refusal audited.
pub async fn authenticate(
    state: &AppState,
    credential: &str,
    ip: &ClientIp,
    rev: Revision,
) -> Result<Result<CurrentUser, Response>, StoreError> {
    let store = state.store.as_ref();
    let found = match Presented::parse(credential) {
        Some(p) => state
            .cache
            .tokens
            .token(store, rev, p.id)
            .await?
            .filter(|t| t.matches(&p)),
        None => None,
    };
    let Some(token) = found else {
        // Unknown id, wrong secret or not a token at all: one answer for all, so a
        // client learns nothing about which ids exist.
        audit_denied(state, "", ip, "token:unknown", "invalid").await;
        return Ok(Err(invalid()));
    };
    let actor = Username::of_token(token.id);
    let target = format!("token:{}", token.id);
    let now = Utc::now();
    if let Err(why) = token.usable(now) {
        audit_denied(state, actor.as_str(), ip, &target, why.code()).await;
        return Ok(Err(unusable(why)));
    }
    let key = token.id.to_string();
    let verdict = state
        .limiter
        .check("api.token", &key, token.rate_per_minute);
    if !verdict.allowed || verdict.refused_in_previous_window > 1 {
        audit_rate_limited(state, actor.as_str(), ip, &target, verdict).await;
    }
    if !verdict.allowed {
        return Ok(Err(rate_limited(
            state.limiter.retry_after("api.token", &key),
        )));
    }
    state.cache.tokens.touch(store, &token, now).await?;
    let grant = state
        .cache
        .tokens
        .grant(
            state,
            rev,
            &token,
            &actor,
            chrono::Local::now().date_naive(),
        )
        .await?;
    Ok(Ok(CurrentUser {
        user: User {
            // Negative: never the id of a person's account.
            id: -token.id,
            username: actor,
            display_name: token.name.to_string(),
            institution: token.institution.clone(),
            park: token.park.clone(),
            roles: vec![token.role.clone()],
            must_change_password: false,
            password_changed_at: token.created_at,
            failed_logins: 0,
            locked_until: None,
            disabled: false,
            flag: None,
        },
        roles: grant.roles.clone(),
        permissions: grant.permissions.clone(),
        visible: grant.visible.clone(),
        csrf: String::new(),
        session_hash: String::new(),
        must_change_password: false,
        bearer: true,
    }))
}

/// A refused token use, recorded so that a client retrying in a loop cannot fill
/// the trail (per client address: see `access::record_repeated`).
async fn audit_denied(state: &AppState, actor: &str, ip: &ClientIp, target: &str, reason: &str) {
    let verdict = state
        .limiter
        .check("token.audit", &ip.0, DENIED_AUDIT_ENTRIES_PER_WINDOW);
    let rec = Recorder::new(state.store.as_ref(), actor, &ip.0);
    let window = super::rate::WINDOW.as_secs();
    if verdict.refused_in_previous_window > 1 {
        let detail = serde_json::json!({ "count": verdict.refused_in_previous_window, "window_seconds": window, "summary": true });
        rec.denied("token.denied", target, detail).await;
    }
    if verdict.allowed {
        rec.denied(
            "token.denied",
            target,
            serde_json::json!({ "reason": reason }),
        )
        .await;
    } else if verdict.first_refusal {
        let detail = serde_json::json!({ "reason": reason, "count": 1, "window_seconds": window, "more_are_counted": true });
        rec.denied("token.denied", target, detail).await;
    }
}

/// Requests over a token's rate: the window's first one, then a count when the
/// token's next window begins.
async fn audit_rate_limited(
    state: &AppState,
    actor: &str,
    ip: &ClientIp,
    target: &str,
    verdict: Verdict,
) {
    let rec = Recorder::new(state.store.as_ref(), actor, &ip.0);
    let window = super::rate::WINDOW.as_secs();
    if verdict.refused_in_previous_window > 1 {
        let detail = serde_json::json!({ "count": verdict.refused_in_previous_window, "window_seconds": window, "summary": true });
        rec.denied("token.rate_limited", target, detail).await;
    }
    if verdict.first_refusal {
        let detail =
            serde_json::json!({ "count": 1, "window_seconds": window, "more_are_counted": true });
        rec.denied("token.rate_limited", target, detail).await;
    }
}
