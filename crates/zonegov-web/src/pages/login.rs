//! Sign-in, sign-out and password change.

use super::render;
use crate::AppState;
use crate::auth::access::{Auth, ClientIp, Recorder};
use crate::auth::session::{
    PRE_CSRF_COOKIE, SESSION_COOKIE, clear_cookie, cookie, hash_id, random_token, set_cookie,
};
use crate::auth::{CurrentUser, Security, rate};
use crate::ctx::{Ctx, lang_of_headers};
use crate::error::PageError;
use crate::forms::{Fields, FromFields, TypedQuery};
use crate::i18n::Ui;
use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, Uri, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use zonegov_app::password;
use zonegov_store::Session;

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage {
    ui: Ui,
    csrf: String,
    next: String,
    error: String,
}

/// Only a path on this server may be redirected to after login (no open redirect):
/// it starts with a single `/`, holds no `//` and no backslash (browsers read `/\`
/// and `/\t/` like `//`), and only visible ASCII (no control characters or spaces,
/// which would also break the `Location` header). Anything else leads to `/`.
pub(crate) fn safe_next(next: &str) -> String {
    let ok = next.starts_with('/')
        && !next.contains("//")
        && !next.contains('\\')
        && next.bytes().all(|b| b.is_ascii_graphic());
    if ok { next.to_owned() } else { "/".to_owned() }
}

fn login_page(
    ui: Ui,
    sec: &Security,
    headers: &HeaderMap,
    next: &str,
    error: &str,
    status: StatusCode,
) -> Response {
    // Reuse the visitor's pre-login token, or mint one and set it as a cookie.
    let (token, fresh) = match cookie(headers, PRE_CSRF_COOKIE) {
        Some(t) if t.len() == 64 => (t.to_owned(), false),
        _ => match random_token() {
            Ok(t) => (t, true),
            Err(e) => return PageError::internal(ui, e).into_response(),
        },
    };
    let page = LoginPage {
        ui,
        csrf: token.clone(),
        next: safe_next(next),
        error: error.to_owned(),
    };
    let html = match page.render() {
        Ok(h) => h,
        Err(e) => return PageError::internal(ui, e).into_response(),
    };
    let mut res = (status, axum::response::Html(html)).into_response();
    if fresh && let Ok(v) = set_cookie(PRE_CSRF_COOKIE, &token, sec).parse() {
        res.headers_mut().append(header::SET_COOKIE, v);
    }
    res
}

/// The sign-in page's query: `?next=` is where to go after signing in (default `/`;
/// only a local path is followed, see [`safe_next`]).
#[derive(Debug)]
pub struct LoginQuery {
    next: String,
}

impl FromFields for LoginQuery {
    fn from_fields(f: &Fields, _ui: Ui) -> Result<Self, String> {
        let next = f.text("next");
        Ok(Self {
            next: if next.is_empty() { "/".into() } else { next },
        })
    }
}

pub async fn form(
    State(state): State<AppState>,
    auth: Option<axum::Extension<Auth>>,
    uri: Uri,
    headers: HeaderMap,
    TypedQuery(LoginQuery { next }): TypedQuery<LoginQuery>,
) -> Response {
    let ui = Ui {
        lang: lang_of_headers(&uri, &headers),
    };
    // Already signed in: go where the form would have led.
    if auth.is_some_and(|a| a.0.0.is_some()) {
        return Redirect::to(&safe_next(&next)).into_response();
    }
    login_page(ui, &state.security, &headers, &next, "", StatusCode::OK)
}

#[derive(Deserialize)]
pub struct LoginForm {
    username: String,
    password: String,
    #[serde(default)]
    next: String,
}

pub async fn submit(
    State(state): State<AppState>,
    uri: Uri,
    headers: HeaderMap,
    ip: ClientIp,
    Form(f): Form<LoginForm>,
) -> Response {
    let ui = Ui {
        lang: lang_of_headers(&uri, &headers),
    };
    let store = state.store.as_ref();
    let sec = &state.security;
    let verdict = state
        .limiter
        .check("login", &ip.0, sec.login_rate_per_minute);
    let window = rate::WINDOW.as_secs();
    if verdict.refused_in_previous_window > 1 {
        // The rest of the previous window's refusals, as one entry with their count.
        Recorder::new(store, "", &ip.0)
            .denied(
                "login.rate_limited",
                "login",
                serde_json::json!({ "count": verdict.refused_in_previous_window, "window_seconds": window, "summary": true }),
            )
            .await;
    }
    if !verdict.allowed {
        // One entry per client per window: the first refusal is recorded; the others
        // are counted and recorded together when the client's next window begins.
        if verdict.first_refusal {
            Recorder::new(store, &f.username, &ip.0)
                .denied(
                    "login.rate_limited",
                    "login",
                    serde_json::json!({ "count": 1, "window_seconds": window, "limit": sec.login_rate_per_minute }),
                )
                .await;
        }
        return login_page(
            ui,
            sec,
            &headers,
            &f.next,
            ui.t("too_many_attempts"),
            StatusCode::TOO_MANY_REQUESTS,
        );
    }
    // Every failure answers alike (status, text, cookies), whether the name is
    // unknown, the account locked or disabled, or the password wrong: the answer
    // must not tell which names exist.
    let fail = || {
        login_page(
            ui,
            sec,
            &headers,
            &f.next,
            ui.t("bad_credentials"),
            StatusCode::UNAUTHORIZED,
        )
    };
    // The form's maxlength is only a hint: the server bounds what it reads (the
    // access layer already refused longer fields; this holds whatever the route).
    if f.username.chars().count() > crate::auth::field_limit("username")
        || f.password.chars().count() > crate::auth::field_limit("password")
    {
        return fail();
    }
    let found = match store.accounts().user_by_name(f.username.trim()).await {
        Ok(u) => u,
        Err(e) => return PageError::internal(ui, e).into_response(),
    };
    let now = chrono::Utc::now();
    let refusal = match &found {
        None => Some("unknown user"),
        Some((u, _)) if u.disabled => Some("disabled"),
        Some((u, _)) if u.is_locked(now) => Some("locked"),
        Some(_) => None,
    };
    let (user, hash) = match (found, refusal) {
        (Some(found), None) => found,
        (found, reason) => {
            // The same work as a real check (one argon2 verification), so that the
            // time taken does not reveal the name or the lock either.
            let _ = password::verify(&f.password, password::dummy_hash());
            let actor = found
                .as_ref()
                .map(|(u, _)| u.username.to_string())
                .unwrap_or_else(|| f.username.clone());
            let until = found.and_then(|(u, _)| u.locked_until);
            Recorder::new(store, &actor, &ip.0)
                .denied(
                    "login.failure",
                    "login",
                    serde_json::json!({ "reason": reason, "until": until }),
                )
                .await;
            return fail();
        }
    };
    let name = user.username.to_string();
    if !password::verify(&f.password, &hash) {
        let (failures, locked_until) = sec.login.after_failure(user.failed_logins, now);
        if let Err(e) = store
            .accounts()
            .record_login_failure(user.id, failures, locked_until)
            .await
        {
            return PageError::internal(ui, e).into_response();
        }
        let locked = locked_until.is_some();
        Recorder::new(store, &name, &ip.0).failed(if locked {
                "login.lockout"
            } else {
                "login.failure"
            }, "login", serde_json::json!({ "failures": user.failed_logins + 1, "locked_until": locked_until }))
        .await;
        return fail();
    }
    // A fresh session id at every login: an id planted before login is worthless.
    if let Some(old) = cookie(&headers, SESSION_COOKIE) {
        let _ = store.accounts().delete_session(&hash_id(old)).await;
    }
    let (id, csrf) = match (random_token(), random_token()) {
        (Ok(id), Ok(csrf)) => (id, csrf),
        _ => return PageError::internal(ui, "no randomness").into_response(),
    };
    let session = Session {
        user_id: user.id,
        csrf,
        ip: ip.0.clone(),
        created_at: now,
        last_seen: now,
    };
    if let Err(e) = store.accounts().record_login_success(user.id).await {
        return PageError::internal(ui, e).into_response();
    }
    if let Err(e) = store
        .accounts()
        .create_session(&hash_id(&id), &session)
        .await
    {
        return PageError::internal(ui, e).into_response();
    }
    Recorder::new(store, &name, &ip.0)
        .ok("login.success", "login", serde_json::json!({}))
        .await;
    let must_change =
        user.must_change_password || sec.password.is_expired(user.password_changed_at, now);
    let target = if must_change {
        "/password".to_owned()
    } else {
        safe_next(&f.next)
    };
    let mut res = Redirect::to(&target).into_response();
    for c in [
        set_cookie(SESSION_COOKIE, &id, sec),
        clear_cookie(PRE_CSRF_COOKIE, sec),
    ] {
        if let Ok(v) = c.parse() {
            res.headers_mut().append(header::SET_COOKIE, v);
        }
    }
    res
}

pub async fn logout(State(state): State<AppState>, me: CurrentUser, ip: ClientIp) -> Response {
    let store = state.store.as_ref();
    let _ = store.accounts().delete_session(&me.session_hash).await;
    Recorder::new(store, me.user.username.as_str(), &ip.0)
        .ok("login.logout", "session", serde_json::json!({}))
        .await;
    let mut res = Redirect::to("/login").into_response();
    if let Ok(v) = clear_cookie(SESSION_COOKIE, &state.security).parse() {
        res.headers_mut().append(header::SET_COOKIE, v);
    }
    res
}

#[derive(Template)]
#[template(path = "password.html")]
struct PasswordPage {
    ui: Ui,
    ctx: Ctx,
    menu: &'static str,
    zone_name: String,
    error: String,
    forced: bool,
}

fn password_page(ctx: &Ctx, error: &str, status: StatusCode) -> Response {
    let forced = ctx.me.as_ref().is_some_and(|m| m.must_change_password);
    let page = PasswordPage {
        ui: ctx.ui,
        ctx: ctx.clone(),
        menu: "",
        zone_name: String::new(),
        error: error.to_owned(),
        forced,
    };
    match render(ctx, &page) {
        Ok(html) => (status, html).into_response(),
        Err(e) => e.into_response(),
    }
}

pub async fn password_form(ctx: Ctx) -> Response {
    password_page(&ctx, "", StatusCode::OK)
}

#[derive(Deserialize)]
pub struct PasswordForm {
    old: String,
    new: String,
    confirm: String,
}

pub async fn password_submit(
    ctx: Ctx,
    State(state): State<AppState>,
    me: CurrentUser,
    ip: ClientIp,
    Form(f): Form<PasswordForm>,
) -> Response {
    let store = state.store.as_ref();
    let ui = ctx.ui;
    let hash = match store
        .accounts()
        .user_by_name(me.user.username.as_str())
        .await
    {
        Ok(Some((_, h))) => h,
        Ok(None) => return PageError::not_found(ui, "").into_response(),
        Err(e) => return PageError::internal(ui, e).into_response(),
    };
    if !password::verify(&f.old, &hash) {
        Recorder::new(store, me.user.username.as_str(), &ip.0)
            .failed(
                "password.change",
                "user",
                serde_json::json!({ "reason": "wrong old password" }),
            )
            .await;
        return password_page(&ctx, ui.t("wrong_old_password"), StatusCode::BAD_REQUEST);
    }
    if f.new != f.confirm {
        return password_page(&ctx, ui.t("passwords_differ"), StatusCode::BAD_REQUEST);
    }
    if f.new == f.old {
        return password_page(
            &ctx,
            &zonegov_domain::auth::PasswordProblem::Unchanged.to_string(),
            StatusCode::BAD_REQUEST,
        );
    }
    if let Err(p) = state
        .security
        .password
        .check(&f.new, me.user.username.as_str())
    {
        return password_page(&ctx, &p.to_string(), StatusCode::BAD_REQUEST);
    }
    let new_hash = match password::hash(&f.new) {
        Ok(h) => h,
        Err(e) => return PageError::internal(ui, e).into_response(),
    };
    let now = chrono::Utc::now();
    if let Err(e) = store
        .accounts()
        .set_password(me.user.id, &new_hash, false, now)
        .await
    {
        return PageError::internal(ui, e).into_response();
    }
    // Whoever else holds a session of this user (a thief of the old password, a
    // forgotten browser) is signed out; this browser continues under a new id.
    let (id, csrf) = match (random_token(), random_token()) {
        (Ok(id), Ok(csrf)) => (id, csrf),
        _ => return PageError::internal(ui, "no randomness").into_response(),
    };
    let session = Session {
        user_id: me.user.id,
        csrf,
        ip: ip.0.clone(),
        created_at: now,
        last_seen: now,
    };
    if let Err(e) = store.accounts().delete_sessions_of(me.user.id).await {
        return PageError::internal(ui, e).into_response();
    }
    if let Err(e) = store
        .accounts()
        .create_session(&hash_id(&id), &session)
        .await
    {
        return PageError::internal(ui, e).into_response();
    }
    Recorder::new(store, me.user.username.as_str(), &ip.0)
        .ok(
            "password.change",
            "user",
            serde_json::json!({ "other_sessions_ended": true }),
        )
        .await;
    let mut res = Redirect::to("/").into_response();
    if let Ok(v) = set_cookie(SESSION_COOKIE, &id, &state.security).parse() {
        res.headers_mut().append(header::SET_COOKIE, v);
    }
    res
}
