//! API tokens for machine clients (issue 8, point 5), through the real router: scope
//! and permissions like a user's, refusals named, only hashes stored, the rate limit,
//! the audit trail, and no token on HTML pages.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use std::collections::BTreeSet;
use zonegov_app::tokens::{Created, TokenSpec, create, revoke};
use zonegov_domain::Code;
use zonegov_domain::auth::{DataScope, Permission, Role};

fn code(s: &str) -> Code {
    Code::parse(s).unwrap()
}

/// A token made by the administrator's use case (as the CLI and the page do).
async fn token(app: &common::App, role: &str, scope: &str, bodies: &[&str], rate: u64) -> Created {
    create(
        app.store.as_ref(),
        &TokenSpec {
            name: format!("平台 {role} {scope}"),
            role: role.into(),
            scope: Some(scope.into()),
            bodies: bodies.iter().map(|b| code(b)).collect(),
            institution: code("GWH"),
            park: None,
            rate_per_minute: Some(rate),
            expires_at: None,
        },
        "admin.t",
        "127.0.0.1",
    )
    .await
    .unwrap()
}

async fn bearer(
    app: &common::App,
    uri: &str,
    secret: &str,
) -> (StatusCode, axum::http::HeaderMap, String) {
    let req = Request::get(uri)
        .header(header::AUTHORIZATION, format!("Bearer {secret}"))
        .body(Body::empty())
        .unwrap();
    app.send(req).await
}

fn json(body: &str) -> serde_json::Value {
    serde_json::from_str(body).unwrap_or_else(|e| panic!("{e}: {body}"))
}

fn item_codes(body: &str) -> BTreeSet<String> {
    json(body)["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["code"].as_str().unwrap().to_owned())
        .collect()
}

async fn audit(app: &common::App) -> Vec<zonegov_domain::auth::AuditDraft> {
    entries(app).await.into_iter().map(|e| e.draft).collect()
}

async fn entries(app: &common::App) -> Vec<zonegov_domain::auth::AuditEntry> {
    app.store.audit().audit_chain().await.unwrap()
}

#[tokio::test]
async fn a_token_reads_within_its_scope_and_is_refused_outside_it() {
    let app = common::app().await;
    // A role that may read institutions only.
    let reader = Role {
        code: code("inst_reader"),
        name: zonegov_domain::Name::new("机构只读", "Institution reader"),
        permissions: ["zone:institution:list", "zone:institution:view"]
            .iter()
            .map(|p| Permission::parse(p).unwrap())
            .collect(),
        scope: DataScope::All,
    };
    app.store.accounts().save_role(&reader).await.unwrap();
    let t = token(&app, "inst_reader", "custom", &["N04"], 600).await;

    let (status, _, body) = bearer(&app, "/api/v1/institutions/N04", &t.secret).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(json(&body)["versions"][0]["code"], "N04", "{body}");
    let (status, _, body) = bearer(&app, "/api/v1/institutions", &t.secret).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(item_codes(&body), BTreeSet::from(["N04".to_owned()]));
    // Outside the scope: answered like an absent record, and the probe is audited
    // under the token's name.
    let (status, _, body) = bearer(&app, "/api/v1/institutions/N08", &t.secret).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
    let actor = format!("token#{}", t.token.id);
    assert!(
        audit(&app)
            .await
            .iter()
            .any(|e| e.action == "record.out_of_scope" && e.actor == actor),
        "the out-of-scope probe is recorded under {actor}"
    );
    // Outside the role: parks are not its to read.
    let (status, _, body) = bearer(&app, "/api/v1/parks", &t.secret).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    assert!(
        audit(&app)
            .await
            .iter()
            .any(|e| e.action == "access.denied" && e.actor == actor)
    );
    // A zone-wide token of the same role sees more than N04.
    let wide = token(&app, "inst_reader", "all", &[], 600).await;
    let (_, _, body) = bearer(&app, "/api/v1/institutions", &wide.secret).await;
    assert!(item_codes(&body).len() > 1, "{body}");
    let (status, _, _) = bearer(&app, "/api/v1/institutions/N08", &wide.secret).await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn revoked_expired_and_wrong_tokens_are_refused_naming_why() {
    let app = common::app().await;
    let t = token(&app, "leader", "all", &[], 600).await;
    assert_eq!(
        bearer(&app, "/api/v1/parks", &t.secret).await.0,
        StatusCode::OK
    );
    revoke(app.store.as_ref(), t.token.id, "admin.t", "127.0.0.1")
        .await
        .unwrap();
    let (status, headers, body) = bearer(&app, "/api/v1/parks", &t.secret).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{body}");
    let v = json(&body);
    assert_eq!(v["reason"], "revoked");
    let error = v["error"].as_str().unwrap();
    assert!(
        error.contains("吊销") && error.contains("revoked"),
        "{error}"
    );
    assert!(
        headers[header::WWW_AUTHENTICATE]
            .to_str()
            .unwrap()
            .starts_with("Bearer error=\"invalid_token\"")
    );

    let e = token(&app, "leader", "all", &[], 600).await;
    assert_eq!(
        bearer(&app, "/api/v1/parks", &e.secret).await.0,
        StatusCode::OK
    );
    // Expired behind the application's back: the revision moves with the row, so
    // the cached token is not used past its end.
    let past = (chrono::Utc::now() - chrono::Duration::seconds(1)).to_rfc3339();
    app.raw(&format!(
        "UPDATE api_token SET expires_at = '{past}' WHERE id = {}",
        e.token.id
    ))
    .await;
    let (status, _, body) = bearer(&app, "/api/v1/parks", &e.secret).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{body}");
    let v = json(&body);
    assert_eq!(v["reason"], "expired");
    assert!(v["error"].as_str().unwrap().contains("过期"));

    // A wrong secret for a real id, a made-up id, and not a token at all: one answer.
    let live = token(&app, "leader", "all", &[], 600).await;
    let wrong = format!("zgt_{}_{}", live.token.id, "0".repeat(64));
    let unknown = format!("zgt_999999_{}", "0".repeat(64));
    for credential in [wrong.as_str(), unknown.as_str(), "not-a-token"] {
        let (status, _, body) = bearer(&app, "/api/v1/parks", credential).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{credential}: {body}");
        assert_eq!(json(&body)["reason"], "invalid");
    }
    let denied: Vec<String> = audit(&app)
        .await
        .into_iter()
        .filter(|e| e.action == "token.denied")
        .map(|e| e.detail.to_string())
        .collect();
    for reason in ["revoked", "expired", "invalid"] {
        assert!(
            denied.iter().any(|d| d.contains(reason)),
            "a {reason} use is audited: {denied:?}"
        );
    }
}

#[tokio::test]
async fn the_database_holds_the_hash_not_the_secret() {
    let app = common::app().await;
    let t = token(&app, "leader", "all", &[], 600).await;
    let random = t.secret.rsplit('_').next().unwrap().to_owned();
    assert_eq!(random.len(), 64);
    assert_eq!(
        t.secret,
        format!("zgt_{}_{random}", t.token.id),
        "the secret names its row"
    );
    let stored = app.store.tokens().token(t.token.id).await.unwrap().unwrap();
    assert_eq!(
        stored.secret_hash,
        zonegov_domain::auth::token::hash_secret(&random)
    );
    assert_ne!(stored.secret_hash, random);
    // Not in any byte of the database (main file and write-ahead log), nor in the
    // audit trail.
    app.store.close().await;
    let path = app.url.trim_start_matches("sqlite://");
    for file in [path.to_owned(), format!("{path}-wal")] {
        if let Ok(bytes) = std::fs::read(&file) {
            let text = String::from_utf8_lossy(&bytes);
            assert!(!text.contains(&random), "{file} holds the secret");
            assert!(text.contains(&stored.secret_hash) || file.ends_with("-wal"));
        }
    }
}

#[tokio::test]
async fn the_rate_limit_answers_429_with_retry_after_per_token() {
    let app = common::app().await;
    let t = token(&app, "leader", "all", &[], 3).await;
    let other = token(&app, "leader", "all", &[], 3).await;
    for _ in 0..3 {
        assert_eq!(
            bearer(&app, "/api/v1/parks", &t.secret).await.0,
            StatusCode::OK
        );
    }
    let (status, headers, body) = bearer(&app, "/api/v1/parks", &t.secret).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{body}");
    let retry: u64 = headers[header::RETRY_AFTER]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=60).contains(&retry), "Retry-After {retry}");
    let v = json(&body);
    assert_eq!(v["reason"], "rate_limited");
    let error = v["error"].as_str().unwrap();
    assert!(
        error.contains("频繁") && error.contains("Too many"),
        "{error}"
    );
    // The limit is the token's: another token is unaffected.
    assert_eq!(
        bearer(&app, "/api/v1/parks", &other.secret).await.0,
        StatusCode::OK
    );
    // Further refusals in the window are counted, not recorded one by one.
    for _ in 0..5 {
        assert_eq!(
            bearer(&app, "/api/v1/parks", &t.secret).await.0,
            StatusCode::TOO_MANY_REQUESTS
        );
    }
    let limited = audit(&app)
        .await
        .into_iter()
        .filter(|e| e.action == "token.rate_limited")
        .count();
    assert_eq!(limited, 1);
}

#[tokio::test]
async fn the_audit_chain_records_creation_and_revocation_and_still_verifies() {
    let app = common::app().await;
    let t = token(&app, "leader", "all", &[], 600).await;
    revoke(app.store.as_ref(), t.token.id, "admin.t", "127.0.0.1")
        .await
        .unwrap();
    // Revoking twice is refused, and recorded as a failure.
    assert!(
        revoke(app.store.as_ref(), t.token.id, "admin.t", "127.0.0.1")
            .await
            .is_err()
    );
    let chain = entries(&app).await;
    let entries = audit(&app).await;
    let target = format!("token:{}", t.token.id);
    let find = |action: &str, outcome: &str| {
        entries
            .iter()
            .find(|e| e.action == action && e.target == target && e.outcome == outcome)
            .unwrap_or_else(|| panic!("no {action} {outcome} entry for {target}"))
    };
    let created = find("token.create", "ok");
    assert_eq!(created.actor, "admin.t");
    let detail = created.detail.to_string();
    assert!(detail.contains("\"role\":\"leader\""), "{detail}");
    assert!(!detail.contains(&t.secret) && !detail.contains(&t.token.secret_hash));
    find("token.revoke", "ok");
    find("token.revoke", "failed");
    let anchors = app.store.audit().audit_anchors().await.unwrap();
    assert!(zonegov_domain::auth::audit::verify(&chain, &anchors).is_ok());
}

#[tokio::test]
async fn html_pages_refuse_bearer_auth_and_the_token_alone_decides_on_the_api() {
    let app = common::app().await;
    let t = token(&app, "admin", "all", &[], 600).await;
    for page in ["/", "/system/users", "/system/tokens", "/parks"] {
        let (status, headers, _) = bearer(&app, page, &t.secret).await;
        assert_eq!(status, StatusCode::SEE_OTHER, "{page}");
        assert!(
            headers[header::LOCATION]
                .to_str()
                .unwrap()
                .starts_with("/login"),
            "{page}"
        );
    }
    // A form post with a bearer header and no session is not a signed-in request.
    let req = Request::post("/system/tokens")
        .header(header::AUTHORIZATION, format!("Bearer {}", t.secret))
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from("name=x&role=admin&institution=GWH"))
        .unwrap();
    let (status, _, _) = app.send(req).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "no CSRF token: refused");
    assert_eq!(app.store.tokens().tokens().await.unwrap().len(), 1);

    // On the API a bearer header decides alone: a revoked token with a valid
    // session cookie beside it is still refused.
    let cookie = app.login_as("both.t", "GWH", None, &["admin"]).await;
    revoke(app.store.as_ref(), t.token.id, "admin.t", "127.0.0.1")
        .await
        .unwrap();
    let req = Request::get("/api/v1/parks")
        .header(header::AUTHORIZATION, format!("Bearer {}", t.secret))
        .header(header::COOKIE, &cookie)
        .body(Body::empty())
        .unwrap();
    assert_eq!(app.send(req).await.0, StatusCode::UNAUTHORIZED);
    assert_eq!(app.get("/api/v1/parks", &cookie).await.0, StatusCode::OK);
}

#[tokio::test]
async fn last_used_is_kept_without_a_write_per_request() {
    let app = common::app().await;
    let t = token(&app, "leader", "all", &[], 600).await;
    let last_used = || async {
        app.store
            .tokens()
            .token(t.token.id)
            .await
            .unwrap()
            .unwrap()
            .last_used_at
    };
    assert_eq!(last_used().await, None);
    bearer(&app, "/api/v1/parks", &t.secret).await;
    let first = last_used().await.expect("the first use is recorded");
    assert!((chrono::Utc::now() - first).num_seconds() < 5);
    for _ in 0..3 {
        bearer(&app, "/api/v1/parks", &t.secret).await;
    }
    assert_eq!(last_used().await, Some(first), "no write within the minute");
}

#[tokio::test]
async fn the_system_page_creates_shows_the_secret_once_and_revokes() {
    let app = common::app().await;
    let admin = app.login_as("tokens.admin", "GWH", None, &["admin"]).await;
    let (status, _, html) = app.get("/system/tokens", &admin).await;
    assert_eq!(status, StatusCode::OK, "{html}");
    // Without the CSRF token the form is refused and nothing is created.
    let form = [
        ("name", "12345 热线"),
        ("role", "leader"),
        ("scope", "custom"),
        ("bodies", "N04, N08"),
        ("institution", "GWH"),
        ("rate_per_minute", "120"),
        ("expires", "2099-12-31"),
    ];
    let (status, _, _) = app.post("/system/tokens", &admin, &form).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(app.store.tokens().tokens().await.unwrap().is_empty());
    let mut with_csrf = form.to_vec();
    with_csrf.push(("_csrf", common::CSRF));
    let (status, headers, html) = app.post("/system/tokens", &admin, &with_csrf).await;
    assert_eq!(status, StatusCode::OK, "{html}");
    assert_eq!(headers[header::CACHE_CONTROL], "no-store");
    let start = html.find("zgt_").expect("the secret is shown");
    let secret: String = html[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    let tokens = app.store.tokens().tokens().await.unwrap();
    assert_eq!(tokens.len(), 1);
    let t = &tokens[0];
    assert_eq!(
        (
            t.rate_per_minute,
            &t.scope,
            t.created_by.as_str(),
            t.expires_at.is_some()
        ),
        (
            120,
            &DataScope::Custom(BTreeSet::from([code("N04"), code("N08")])),
            "tokens.admin",
            true
        )
    );
    assert_eq!(
        bearer(&app, "/api/v1/institutions/N04", &secret).await.0,
        StatusCode::OK
    );
    // Shown once: the list never shows it again.
    let (_, _, html) = app.get("/system/tokens", &admin).await;
    assert!(!html.contains(&secret) && html.contains("12345 热线"));
    // A bad field is named and nothing is created.
    let mut bad = with_csrf.clone();
    bad.retain(|(k, _)| *k != "role");
    bad.push(("role", "no_such_role"));
    let (status, _, html) = app.post("/system/tokens", &admin, &bad).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(html.contains("no_such_role"), "the refusal names the role");
    assert_eq!(app.store.tokens().tokens().await.unwrap().len(), 1);
    // Revocation.
    let (status, _, _) = app
        .post(
            &format!("/system/tokens/{}/revoke", t.id),
            &admin,
            &[("_csrf", common::CSRF)],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (status, _, body) = bearer(&app, "/api/v1/institutions/N04", &secret).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(json(&body)["reason"], "revoked");
    // Someone without the token permissions sees neither the page nor the menu.
    let staff = app.login_as("tokens.staff", "N04", None, &["staff"]).await;
    assert_eq!(
        app.get("/system/tokens", &staff).await.0,
        StatusCode::FORBIDDEN
    );
    let (_, _, html) = app.get("/", &staff).await;
    assert!(!html.contains("/system/tokens"));
}
