#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test
//! The red-team findings against `serve --demo` (issue 6), one test each: open
//! redirects, sessions across a password change, bounded input and audit rows,
//! clients behind trusted proxies, lockout answers, dates, error titles, unknown
//! roles, JSON rejections under /api/, HEAD on exports, the absolute session lifetime.

mod common;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Method, Request, StatusCode, header};
use common::{App, CSRF, PASSWORD, set_cookie};
use std::net::SocketAddr;
use zonegov_web::auth::Security;
use zonegov_web::auth::session::hash_id;

/// A pre-login token of the length the login page reuses (so that it sets no new one).
const PRE: &str = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

fn location(h: &axum::http::HeaderMap) -> &str {
    h.get(header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
}

fn form_request(uri: &str, cookie: &str, form: &[(&str, &str)]) -> Request<Body> {
    Request::post(uri)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::COOKIE, cookie)
        .body(Body::from(serde_urlencoded::to_string(form).unwrap()))
        .unwrap()
}

/// Signs in through the form with the pre-login token `PRE`.
async fn sign_in(
    app: &App,
    user: &str,
    password: &str,
    next: &str,
) -> (StatusCode, axum::http::HeaderMap, String) {
    app.post(
        "/login",
        &format!("zg_pre={PRE}"),
        &[
            ("_csrf", PRE),
            ("username", user),
            ("password", password),
            ("next", next),
        ],
    )
    .await
}

async fn actions(app: &App) -> Vec<zonegov_domain::auth::AuditEntry> {
    app.store.audit().audit_chain().await.unwrap()
}

async fn count(app: &App, action: &str) -> usize {
    actions(app)
        .await
        .iter()
        .filter(|e| e.draft.action == action)
        .count()
}

// B1 ------------------------------------------------------------------------------

#[tokio::test]
async fn next_leads_only_to_a_path_on_this_server() {
    let app = common::app().await;
    let me = app.login_as("li.si", "GWH", None, &["leader"]).await;
    app.user("wu.yi", "GWH", None, &["leader"]).await;
    // Signed in already: GET /login?next=… redirects at once.
    for hostile in [
        "/%09/evil.example/phish",
        "%0a",
        "%00",
        "%0d%0a",
        "/%0d%0aSet-Cookie:%20zg_sid=x",
        "/%0a/evil.example",
        "/%20/evil.example",
        "//evil.example",
        "/%5Cevil.example",
        "/%5C/evil.example",
        "%2F%2Fevil.example",
        "https://evil.example/",
        "/parks//evil.example",
    ] {
        let (status, headers, body) = app.get(&format!("/login?next={hostile}"), &me).await;
        assert_eq!(
            (status, location(&headers)),
            (StatusCode::SEE_OTHER, "/"),
            "GET next={hostile}: {body}"
        );
    }
    let (status, headers, _) = app
        .get("/login?next=/parks%3Fas_of%3D2024-12-31", &me)
        .await;
    assert_eq!(
        (status, location(&headers)),
        (StatusCode::SEE_OTHER, "/parks?as_of=2024-12-31"),
        "a local path is kept"
    );
    // Signing in through the form: the same rule, and never a 500 after success.
    for hostile in [
        "/\t/evil.example/phish",
        "\n",
        "\0",
        "\r\n",
        "/\r\nSet-Cookie: zg_sid=x",
        "/\\/evil.example",
        "//evil.example",
        "/ /evil.example",
    ] {
        let (status, headers, body) = sign_in(&app, "wu.yi", PASSWORD, hostile).await;
        assert_eq!(
            (status, location(&headers)),
            (StatusCode::SEE_OTHER, "/"),
            "POST next={hostile:?}: {body}"
        );
        assert!(set_cookie(&headers, "zg_sid").is_some(), "signed in");
    }
}

// B2 ------------------------------------------------------------------------------

#[tokio::test]
async fn a_password_change_ends_the_other_sessions_and_renews_this_one() {
    let app = common::app().await;
    let id = app.user("qian.er", "GWH", None, &["leader"]).await;
    let this = app.session(id, "this").await;
    let other = app.session(id, "other").await;
    let bystander = app.login_as("zheng.shi", "GWH", None, &["leader"]).await;
    assert_eq!(app.get("/", &other).await.0, StatusCode::OK);
    let (status, headers, body) = app
        .post(
            "/password",
            &this,
            &[
                ("_csrf", CSRF),
                ("old", PASSWORD),
                ("new", "Next#Pass9"),
                ("confirm", "Next#Pass9"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    let renewed = set_cookie(&headers, "zg_sid").expect("the changing session gets a new id");
    let old_id = this.trim_start_matches("zg_sid=");
    assert_ne!(renewed, old_id);
    for (who, cookie) in [("the old id", &this), ("the other session", &other)] {
        let (status, headers, _) = app.get("/", cookie).await;
        assert_eq!(
            (status, location(&headers).starts_with("/login")),
            (StatusCode::SEE_OTHER, true),
            "{who} no longer works"
        );
    }
    assert!(
        app.store
            .accounts()
            .session(&hash_id(old_id))
            .await
            .unwrap()
            .is_none()
    );
    assert_eq!(
        app.get("/", &format!("zg_sid={renewed}")).await.0,
        StatusCode::OK,
        "the new id works"
    );
    assert_eq!(
        app.get("/", &bystander).await.0,
        StatusCode::OK,
        "other users keep their sessions"
    );
}

// B3 ------------------------------------------------------------------------------

#[tokio::test]
async fn oversized_fields_are_refused_before_they_reach_the_trail() {
    let app = common::app().await;
    let admin = app.login_as("root.admin", "GWH", None, &["admin"]).await;
    let before = actions(&app).await.len();
    let huge = "a".repeat(100 * 1024);
    for (user, pw) in [(huge.as_str(), "Wrong#Pass1"), ("nobody", huge.as_str())] {
        let (status, _, _) = app
            .post(
                "/login",
                &format!("zg_pre={PRE}"),
                &[("_csrf", PRE), ("username", user), ("password", pw)],
            )
            .await;
        assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    }
    let long_name = "长".repeat(101);
    let (status, _, body) = app
        .post(
            "/system/users",
            &admin,
            &[
                ("_csrf", CSRF),
                ("username", "long.name"),
                ("display_name", &long_name),
                ("password", "Init#Pass9"),
                ("institution", "N08"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{body}");
    assert!(body.contains("display_name"), "the field is named: {body}");
    assert!(
        app.store
            .accounts()
            .user_by_name("long.name")
            .await
            .unwrap()
            .is_none(),
        "nothing created"
    );
    let after = actions(&app).await;
    assert_eq!(after.len(), before, "no audit entries for refused input");
    // Whoever writes to the trail, its fields are bounded by the store.
    let entry = app
        .store
        .audit()
        .append_audit(&zonegov_domain::auth::AuditDraft {
            actor: huge.clone(),
            ip: "t".into(),
            action: "login.failure".into(),
            target: huge.clone(),
            outcome: "failed".into(),
            detail: serde_json::json!({ "x": huge }),
        })
        .await
        .unwrap();
    assert!(entry.draft.actor.chars().count() <= 65);
    assert!(entry.draft.target.chars().count() <= 257);
    assert!(entry.draft.detail.to_string().len() <= 4096);
}

#[tokio::test]
async fn repeated_rate_limited_sign_ins_write_one_entry_per_window() {
    let app = common::app().await;
    for i in 0..30 {
        let (status, _, _) = sign_in(&app, "nobody", "Wrong#Pass1", "/").await;
        let want = if i < 10 {
            StatusCode::UNAUTHORIZED
        } else {
            StatusCode::TOO_MANY_REQUESTS
        };
        assert_eq!(status, want, "attempt {i}");
    }
    let limited: Vec<_> = actions(&app)
        .await
        .into_iter()
        .filter(|e| e.draft.action == "login.rate_limited")
        .collect();
    assert_eq!(
        limited.len(),
        1,
        "20 refusals, one entry: {:?}",
        limited.iter().map(|e| &e.draft.detail).collect::<Vec<_>>()
    );
    assert_eq!(limited[0].draft.detail["count"], 1);
    assert_eq!(limited[0].draft.detail["window_seconds"], 60);
    assert_eq!(count(&app, "login.failure").await, 10);
}

#[tokio::test]
async fn repeated_csrf_rejections_write_a_bounded_number_of_entries() {
    let app = common::app().await;
    for _ in 0..50 {
        let (status, _, _) = app
            .post(
                "/login",
                &format!("zg_pre={PRE}"),
                &[("_csrf", "forged"), ("username", "x"), ("password", "y")],
            )
            .await;
        assert_eq!(status, StatusCode::FORBIDDEN);
    }
    let rejected: Vec<_> = actions(&app)
        .await
        .into_iter()
        .filter(|e| e.draft.action == "csrf.rejected")
        .collect();
    assert_eq!(
        rejected.len(),
        11,
        "10 recorded one by one, then one entry saying more are counted"
    );
    assert_eq!(rejected[10].draft.detail["more_are_counted"], true);
}

// B4 ------------------------------------------------------------------------------

/// One failed sign-in from `peer`, with an optional X-Forwarded-For.
async fn sign_in_from(app: &App, peer: &str, xff: Option<&str>) -> StatusCode {
    let mut req = form_request(
        "/login",
        &format!("zg_pre={PRE}"),
        &[
            ("_csrf", PRE),
            ("username", "nobody"),
            ("password", "Wrong#Pass1"),
        ],
    );
    if let Some(x) = xff {
        req.headers_mut()
            .insert("x-forwarded-for", x.parse().unwrap());
    }
    req.extensions_mut()
        .insert(ConnectInfo(SocketAddr::new(peer.parse().unwrap(), 40000)));
    app.send(req).await.0
}

#[tokio::test]
async fn clients_behind_a_trusted_proxy_are_limited_apart_and_spoofing_does_not_help() {
    let security = Security {
        trusted_proxies: vec!["10.0.0.0/8".parse().unwrap()],
        ..Default::default()
    };
    let app = common::app_with(|_| {}, security).await;
    // Two people behind the zone's proxy: one exhausts its limit, the other is not locked out.
    for i in 0..10 {
        assert_eq!(
            sign_in_from(&app, "10.0.0.2", Some("203.0.113.1")).await,
            StatusCode::UNAUTHORIZED,
            "attempt {i}"
        );
    }
    assert_eq!(
        sign_in_from(&app, "10.0.0.2", Some("203.0.113.1")).await,
        StatusCode::TOO_MANY_REQUESTS
    );
    assert_eq!(
        sign_in_from(&app, "10.0.0.2", Some("203.0.113.2")).await,
        StatusCode::UNAUTHORIZED,
        "a second client behind the same proxy has its own limit"
    );
    assert_eq!(
        sign_in_from(&app, "10.0.0.3", Some("198.18.0.9, 203.0.113.1, 10.0.0.7")).await,
        StatusCode::TOO_MANY_REQUESTS,
        "the right-most untrusted hop is the client; what it put on the left is ignored"
    );
    // From an untrusted peer the header is ignored: changing it does not reset the limit.
    for i in 0..10 {
        assert_eq!(
            sign_in_from(&app, "198.51.100.7", Some(&format!("192.0.2.{i}"))).await,
            StatusCode::UNAUTHORIZED,
            "attempt {i}"
        );
    }
    assert_eq!(
        sign_in_from(&app, "198.51.100.7", Some("192.0.2.200")).await,
        StatusCode::TOO_MANY_REQUESTS,
        "a spoofed X-Forwarded-For does not bypass the limit"
    );
    // The audit trail names the same client address.
    let ips: Vec<String> = actions(&app)
        .await
        .into_iter()
        .filter(|e| e.draft.action == "login.failure")
        .map(|e| e.draft.ip)
        .collect();
    let n = |ip: &str| ips.iter().filter(|x| *x == ip).count();
    assert_eq!(
        (n("203.0.113.1"), n("203.0.113.2"), n("198.51.100.7")),
        (10, 1, 10),
        "{ips:?}"
    );
    assert!(
        !ips.iter()
            .any(|ip| ip.starts_with("192.0.2.") || ip.starts_with("10.")),
        "{ips:?}"
    );
}

// B5 ------------------------------------------------------------------------------

#[tokio::test]
async fn a_locked_account_answers_exactly_like_an_unknown_name() {
    let app = common::app().await;
    app.user("locked.user", "GWH", None, &["leader"]).await;
    app.user("plain.user", "GWH", None, &["leader"]).await;
    app.user("gone.user", "GWH", None, &["leader"]).await;
    app.raw(
        "UPDATE app_user SET locked_until = '2999-01-01T00:00:00Z' WHERE username = 'locked.user'",
    )
    .await;
    app.raw("UPDATE app_user SET disabled = TRUE WHERE username = 'gone.user'")
        .await;
    let cookies = |h: &axum::http::HeaderMap| -> Vec<String> {
        h.get_all(header::SET_COOKIE)
            .iter()
            .map(|v| v.to_str().unwrap().to_owned())
            .collect()
    };
    let (s0, h0, unknown) = sign_in(&app, "no.such.user", PASSWORD, "/").await;
    assert_eq!(s0, StatusCode::UNAUTHORIZED);
    for (who, password) in [
        ("locked.user", PASSWORD),
        ("locked.user", "Wrong#Pass1"),
        ("plain.user", "Wrong#Pass1"),
        ("gone.user", PASSWORD),
    ] {
        let (status, headers, body) = sign_in(&app, who, password, "/").await;
        assert_eq!(status, s0, "{who}");
        assert_eq!(body, unknown, "{who} with {password}: the same page");
        assert_eq!(cookies(&headers), cookies(&h0), "{who}: the same cookies");
    }
    // The lock itself still holds and is audited.
    let locked = actions(&app)
        .await
        .into_iter()
        .filter(|e| e.draft.action == "login.failure" && e.draft.actor == "locked.user")
        .count();
    assert_eq!(locked, 2);
}

// B6 ------------------------------------------------------------------------------

#[tokio::test]
async fn one_date_parser_refuses_nonsense_everywhere() {
    let app = common::app().await;
    let admin = app.login_as("root.admin", "GWH", None, &["admin"]).await;
    let json = |body: &str| -> serde_json::Value { serde_json::from_str(body).unwrap() };
    for uri in [
        "/api/v1/parks?as_of=%2B10000-01-01",
        "/api/v1/parks?as_of=+10000-01-01",
        "/api/v1/report?as_of=%2B10000-01-01",
        "/api/v1/report?as_of=2024-12-31&since=1900-01-01",
        "/api/v1/institutions?as_of=9999-12-31",
        "/api/v1/diff?from=2019-12-31&to=%2B10000-01-01",
    ] {
        let (status, _, body) = app.get(uri, &admin).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{uri}: {body}");
        let error = json(&body)["error"].as_str().unwrap().to_owned();
        let param = uri
            .rsplit(['?', '&'])
            .next()
            .unwrap()
            .split('=')
            .next()
            .unwrap();
        assert!(error.starts_with(&format!("{param} = ")), "{uri}: {error}");
        assert!(
            error.contains("日期") || error.contains("年份"),
            "bilingual: {error}"
        );
    }
    let (_, _, body) = app.get("/api/v1/parks?as_of=9999-01-01", &admin).await;
    assert!(
        body.contains("9999-01-01") && body.contains("1949") && body.contains("2200"),
        "{body}"
    );
    let (status, _, body) = app.get("/parks?as_of=%2B10000-01-01", &admin).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        body.contains("as_of") && body.contains("+10000-01-01"),
        "{body}"
    );
    // The forms people write all mean the same day, on pages and in the API.
    let reference = app.get("/api/v1/parks?as_of=2024-12-31", &admin).await.2;
    assert_eq!(json(&reference)["items"].as_array().unwrap().len(), 10);
    for form in [
        "2024/12/31",
        "2024.12.31",
        "2024%E5%B9%B412%E6%9C%8831%E6%97%A5",
    ] {
        let (status, _, body) = app
            .get(&format!("/api/v1/parks?as_of={form}"), &admin)
            .await;
        assert_eq!((status, &body), (StatusCode::OK, &reference), "{form}");
    }
    assert_eq!(
        app.get("/parks?as_of=2024%E5%B9%B412%E6%9C%8831%E6%97%A5", &admin)
            .await
            .0,
        StatusCode::OK
    );
    // from after to is refused, naming both.
    let (status, _, body) = app
        .get("/api/v1/diff?from=2024-12-31&to=2019-12-31", &admin)
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    let error = json(&body)["error"].as_str().unwrap().to_owned();
    assert!(
        error.contains("from = 2024-12-31") && error.contains("to = 2019-12-31"),
        "{error}"
    );
}

// B7 ------------------------------------------------------------------------------

fn title(html: &str) -> &str {
    html.split("<title>")
        .nth(1)
        .and_then(|t| t.split(" · ").next())
        .unwrap_or("")
}

#[tokio::test]
async fn refusal_pages_are_titled_by_their_status() {
    let app = common::app().await;
    let leader = app.login_as("zhou.ba", "GWH", None, &["leader"]).await;
    let (status, _, html) = app.get("/system/users", &leader).await;
    assert_eq!((status, title(&html)), (StatusCode::FORBIDDEN, "无权访问"));
    let (status, _, html) = app.get("/system/users?lang=en", &leader).await;
    assert_eq!((status, title(&html)), (StatusCode::FORBIDDEN, "Forbidden"));
    let mut last = (StatusCode::OK, String::new());
    for _ in 0..31 {
        let (status, _, html) = app.get("/public/search?q=%E5%9B%AD", "").await;
        last = (status, html);
    }
    assert_eq!(
        (last.0, title(&last.1)),
        (StatusCode::TOO_MANY_REQUESTS, "请求过于频繁")
    );
    let (status, _, html) = app.get("/no/such/page", &leader).await;
    assert_eq!((status, title(&html)), (StatusCode::NOT_FOUND, "未找到"));
}

// B8 ------------------------------------------------------------------------------

#[tokio::test]
async fn an_unknown_role_is_named_and_the_attempt_is_audited() {
    let app = common::app().await;
    let admin = app.login_as("root.admin", "GWH", None, &["admin"]).await;
    let (status, _, body) = app
        .post(
            "/system/users",
            &admin,
            &[
                ("_csrf", CSRF),
                ("username", "ghost.user"),
                ("display_name", "幽灵"),
                ("password", "Init#Pass9"),
                ("institution", "N08"),
                ("roles", "leader"),
                ("roles", "ghost"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        body.contains("未知角色 ghost") && body.contains("unknown role ghost"),
        "{body}"
    );
    for leak in ["database", "FOREIGN KEY", "constraint", "sqlx"] {
        assert!(!body.contains(leak), "the page shows {leak:?}");
    }
    assert!(
        app.store
            .accounts()
            .user_by_name("ghost.user")
            .await
            .unwrap()
            .is_none(),
        "nothing created"
    );
    let entry = actions(&app)
        .await
        .into_iter()
        .rev()
        .find(|e| e.draft.action == "user.create")
        .unwrap();
    assert_eq!(
        (
            entry.draft.outcome.as_str(),
            entry.draft.target.as_str(),
            entry.draft.actor.as_str()
        ),
        ("failed", "user:ghost.user", "root.admin")
    );
    assert!(
        entry.draft.detail["reason"]
            .as_str()
            .unwrap()
            .contains("ghost")
    );
}

// B9 ------------------------------------------------------------------------------

#[tokio::test]
async fn every_rejection_under_the_api_is_json() {
    let app = common::app().await;
    let admin = app.login_as("root.admin", "GWH", None, &["admin"]).await;
    let requests = [
        // Query: a required parameter is missing.
        (
            Method::GET,
            "/api/v1/diff?from=2024-01-01",
            StatusCode::BAD_REQUEST,
        ),
        // Path: the code is not UTF-8.
        (Method::GET, "/api/v1/parks/%FF", StatusCode::BAD_REQUEST),
        // Method: the router's own 405.
        (
            Method::DELETE,
            "/api/v1/parks",
            StatusCode::METHOD_NOT_ALLOWED,
        ),
    ];
    for (method, uri, want) in requests {
        let req = Request::builder()
            .method(method.clone())
            .uri(uri)
            .header(header::COOKIE, &admin)
            .body(Body::empty())
            .unwrap();
        let (status, headers, body) = app.send(req).await;
        assert_eq!(status, want, "{method} {uri}: {body}");
        assert_eq!(
            headers
                .get(header::CONTENT_TYPE)
                .and_then(|v| v.to_str().ok()),
            Some("application/json"),
            "{method} {uri}: {body}"
        );
        let v: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert!(
            v["error"].as_str().is_some_and(|e| !e.is_empty()),
            "{uri}: {body}"
        );
    }
    let (_, _, body) = app.get("/api/v1/diff?from=2024-01-01", &admin).await;
    assert!(body.contains("to"), "the missing field is named: {body}");
}

// B10 -----------------------------------------------------------------------------

#[tokio::test]
async fn head_on_an_export_writes_no_audit_entry() {
    let app = common::app().await;
    let admin = app.login_as("root.admin", "GWH", None, &["admin"]).await;
    for (uri, action) in [
        ("/parks/export.csv", "export.parks"),
        ("/institutions/export.csv", "export.institutions"),
        ("/monitor/audit/export.csv", "export.audit_log"),
        ("/monitor/logins/export.csv", "export.login_log"),
    ] {
        let head = Request::head(uri)
            .header(header::COOKIE, &admin)
            .body(Body::empty())
            .unwrap();
        let (status, _, _) = app.send(head).await;
        assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED, "HEAD {uri}");
        assert_eq!(count(&app, action).await, 0, "HEAD {uri} audited");
        let (status, _, _) = app.get(uri, &admin).await;
        assert_eq!(status, StatusCode::OK, "GET {uri}");
        assert_eq!(count(&app, action).await, 1, "GET {uri} is audited once");
    }
    // Other pages still answer HEAD.
    let head = Request::head("/parks")
        .header(header::COOKIE, &admin)
        .body(Body::empty())
        .unwrap();
    assert_eq!(app.send(head).await.0, StatusCode::OK);
}

// B11 -----------------------------------------------------------------------------

async fn age_session(app: &App, cookie: &str, created: chrono::Duration) {
    let now = chrono::Utc::now();
    app.raw(&format!(
        "UPDATE session SET created_at = '{}', last_seen = '{}' WHERE id_hash = '{}'",
        (now - created).to_rfc3339(),
        now.to_rfc3339(),
        hash_id(cookie.trim_start_matches("zg_sid="))
    ))
    .await;
}

#[tokio::test]
async fn a_session_ends_twelve_hours_after_sign_in_however_active() {
    let app = common::app().await;
    let me = app.login_as("sun.qi", "GWH", None, &["leader"]).await;
    age_session(&app, &me, chrono::Duration::minutes(12 * 60 - 5)).await;
    assert_eq!(
        app.get("/", &me).await.0,
        StatusCode::OK,
        "11 h 55 min: fine"
    );
    age_session(&app, &me, chrono::Duration::minutes(12 * 60 + 1)).await;
    let (status, headers, _) = app.get("/", &me).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert!(location(&headers).starts_with("/login"));
    let sid = me.trim_start_matches("zg_sid=");
    assert!(
        app.store
            .accounts()
            .session(&hash_id(sid))
            .await
            .unwrap()
            .is_none(),
        "the old session is deleted"
    );
    let ended = actions(&app)
        .await
        .into_iter()
        .rev()
        .find(|e| e.draft.action == "login.timeout")
        .unwrap();
    assert_eq!(ended.draft.detail["reason"], "max_age");
    // The lifetime is configurable.
    let mut security = Security::default();
    security.login.max_session_age = chrono::Duration::hours(2);
    let app = common::app_with(|_| {}, security).await;
    let me = app.login_as("sun.qi", "GWH", None, &["leader"]).await;
    age_session(&app, &me, chrono::Duration::minutes(119)).await;
    assert_eq!(app.get("/", &me).await.0, StatusCode::OK);
    age_session(&app, &me, chrono::Duration::minutes(121)).await;
    assert_eq!(app.get("/", &me).await.0, StatusCode::SEE_OTHER);
}
