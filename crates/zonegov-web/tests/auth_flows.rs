#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test
//! Sign-in and its defences: CSRF, session fixation, lockout and unlock, password
//! expiry and forced change, idle timeout, rate limits, permission changes taking
//! effect at once, data scopes, the public portal, and hostile input.

mod common;

use axum::http::{StatusCode, header};
use common::{App, CSRF, PASSWORD, set_cookie};
use zonegov_web::auth::session::hash_id;

/// Signs in through the real form; returns the response status, headers and body.
async fn sign_in(
    app: &App,
    user: &str,
    password: &str,
    extra_cookie: &str,
) -> (StatusCode, axum::http::HeaderMap, String) {
    let (_, headers, page) = app.get("/login", "").await;
    let pre = set_cookie(&headers, "zg_pre").expect("the login page sets a CSRF cookie");
    assert!(page.contains(&pre), "the form carries the token");
    let cookie = if extra_cookie.is_empty() {
        format!("zg_pre={pre}")
    } else {
        format!("zg_pre={pre}; {extra_cookie}")
    };
    app.post(
        "/login",
        &cookie,
        &[
            ("_csrf", &pre),
            ("username", user),
            ("password", password),
            ("next", "/parks"),
        ],
    )
    .await
}

fn location(h: &axum::http::HeaderMap) -> &str {
    h.get(header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
}

#[tokio::test]
async fn sign_in_gives_a_new_session_id_and_csrf_guards_every_post() {
    let app = common::app().await;
    app.user("li.si", "N08", None, &["leader"]).await;
    // Without the pre-login token the form is refused.
    let (status, _, _) = app
        .post(
            "/login",
            "",
            &[("username", "li.si"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    // An id planted before login is replaced, and worthless afterwards.
    let planted = "zg_sid=attacker-chosen-id";
    let (status, headers, _) = sign_in(&app, "li.si", PASSWORD, planted).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(location(&headers), "/parks");
    let sid = set_cookie(&headers, "zg_sid").unwrap();
    assert_ne!(sid, "attacker-chosen-id");
    let cookie_header = headers
        .get_all(header::SET_COOKIE)
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .collect::<Vec<_>>()
        .join("\n");
    assert!(cookie_header.contains("HttpOnly") && cookie_header.contains("SameSite=Lax"));
    assert!(
        app.store
            .accounts()
            .session(&hash_id(&sid))
            .await
            .unwrap()
            .is_some()
    );
    assert_eq!(app.get("/", planted).await.0, StatusCode::SEE_OTHER);
    let me = format!("zg_sid={sid}");
    assert_eq!(app.get("/", &me).await.0, StatusCode::OK);
    let (status, headers, _) = app.get("/login?next=/parks", &me).await;
    assert_eq!(
        (status, location(&headers)),
        (StatusCode::SEE_OTHER, "/parks"),
        "signed in: no second sign-in form"
    );
    let (_, headers, _) = app.get("/login?next=//evil.example", &me).await;
    assert_eq!(location(&headers), "/", "no open redirect");
    // CSRF: no token, a wrong token, a foreign origin: all refused, session intact.
    let session = app
        .store
        .accounts()
        .session(&hash_id(&sid))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(app.post("/logout", &me, &[]).await.0, StatusCode::FORBIDDEN);
    assert_eq!(
        app.post("/logout", &me, &[("_csrf", "wrong")]).await.0,
        StatusCode::FORBIDDEN
    );
    let foreign = axum::http::Request::post("/logout")
        .header(header::COOKIE, &me)
        .header(header::ORIGIN, "http://evil.example")
        .header(header::HOST, "zone.local")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(axum::body::Body::from(format!("_csrf={}", session.csrf)))
        .unwrap();
    assert_eq!(app.send(foreign).await.0, StatusCode::FORBIDDEN);
    assert_eq!(app.get("/", &me).await.0, StatusCode::OK);
    let (status, headers, _) = app.post("/logout", &me, &[("_csrf", &session.csrf)]).await;
    assert_eq!(
        (status, location(&headers)),
        (StatusCode::SEE_OTHER, "/login")
    );
    assert_eq!(
        app.get("/", &me).await.0,
        StatusCode::SEE_OTHER,
        "the session is gone after logout"
    );
}

#[tokio::test]
async fn five_failures_lock_the_account_for_fifteen_minutes() {
    // A generous rate limit, so that only the lockout is being tested here.
    let security = zonegov_web::auth::Security {
        login_rate_per_minute: 1000,
        ..Default::default()
    };
    let app = common::app_with(|_| {}, security).await;
    let admin = app.login_as("root.admin", "GWH", None, &["admin"]).await;
    let id = app.user("wang.wu", "N08", None, &["leader"]).await;
    // Every failure reads the same (a lock must not reveal that the name exists).
    const FAILED: &str = "用户名或密码错误,或账户因多次失败已锁定";
    for i in 1..=5 {
        let (status, _, body) = sign_in(&app, "wang.wu", "Wrong#Pass1", "").await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "attempt {i}");
        assert!(body.contains(FAILED), "attempt {i}");
    }
    let (status, _, body) = sign_in(&app, "wang.wu", PASSWORD, "").await;
    assert_eq!(
        status,
        StatusCode::UNAUTHORIZED,
        "the right password does not open a locked account"
    );
    assert!(body.contains(FAILED));
    let u = app.store.accounts().user_by_id(id).await.unwrap().unwrap();
    let until = u.locked_until.unwrap() - chrono::Utc::now();
    assert!(until > chrono::Duration::minutes(14) && until <= chrono::Duration::minutes(15));
    // An administrator unlocks it.
    let (status, _, _) = app
        .post(
            &format!("/system/users/{id}/unlock"),
            &admin,
            &[("_csrf", CSRF)],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(
        sign_in(&app, "wang.wu", PASSWORD, "").await.0,
        StatusCode::SEE_OTHER
    );
    // And the lock also ends by itself when its time is past.
    for _ in 0..5 {
        sign_in(&app, "wang.wu", "Wrong#Pass1", "").await;
    }
    assert_eq!(
        sign_in(&app, "wang.wu", PASSWORD, "").await.0,
        StatusCode::UNAUTHORIZED
    );
    app.raw("UPDATE app_user SET locked_until = '2000-01-01T00:00:00Z' WHERE username = 'wang.wu'")
        .await;
    assert_eq!(
        sign_in(&app, "wang.wu", PASSWORD, "").await.0,
        StatusCode::SEE_OTHER
    );
    let actions: Vec<String> = app
        .store
        .audit()
        .audit_chain()
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.draft.action)
        .collect();
    for a in [
        "login.failure",
        "login.lockout",
        "user.unlock",
        "login.success",
    ] {
        assert!(actions.iter().any(|x| x == a), "{a} is audited");
    }
}

#[tokio::test]
async fn expired_or_first_passwords_must_be_changed_before_anything_else() {
    let app = common::app().await;
    let admin = app.login_as("root.admin", "GWH", None, &["admin"]).await;
    // An account an administrator creates must change its password at first login.
    let form = [
        ("_csrf", CSRF),
        ("username", "zhao.liu"),
        ("display_name", "赵六"),
        ("password", "Init#Pass9"),
        ("institution", "N08"),
        ("roles", "leader"),
    ];
    let (status, _, body) = app.post("/system/users", &admin, &form).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    let (status, headers, _) = sign_in(&app, "zhao.liu", "Init#Pass9", "").await;
    assert_eq!(
        (status, location(&headers)),
        (StatusCode::SEE_OTHER, "/password")
    );
    let me = format!("zg_sid={}", set_cookie(&headers, "zg_sid").unwrap());
    let (status, headers, _) = app.get("/parks", &me).await;
    assert_eq!(
        (status, location(&headers)),
        (StatusCode::SEE_OTHER, "/password")
    );
    assert_eq!(app.get("/api/v1/parks", &me).await.0, StatusCode::FORBIDDEN);
    let csrf = app
        .store
        .accounts()
        .session(&hash_id(
            &set_cookie(&headers, "zg_sid").unwrap_or_default(),
        ))
        .await
        .unwrap()
        .map(|s| s.csrf);
    let sid = me.trim_start_matches("zg_sid=");
    let csrf = csrf.unwrap_or(
        app.store
            .accounts()
            .session(&hash_id(sid))
            .await
            .unwrap()
            .unwrap()
            .csrf,
    );
    // Policy violations are named; the old password must be right.
    let change = |new: &'static str, old: &'static str| {
        [
            ("_csrf", csrf.clone()),
            ("old", old.to_owned()),
            ("new", new.to_owned()),
            ("confirm", new.to_owned()),
        ]
    };
    let (status, _, body) = app
        .post(
            "/password",
            &me,
            &change("short1A", "Init#Pass9")
                .iter()
                .map(|(k, v)| (*k, v.as_str()))
                .collect::<Vec<_>>(),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        body.contains("密码长度不少于 8 位"),
        "the page names the length rule: {body}"
    );
    let (status, _, _) = app
        .post(
            "/password",
            &me,
            &change("Next#Pass9", "bad")
                .iter()
                .map(|(k, v)| (*k, v.as_str()))
                .collect::<Vec<_>>(),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let (status, headers, _) = app
        .post(
            "/password",
            &me,
            &change("Next#Pass9", "Init#Pass9")
                .iter()
                .map(|(k, v)| (*k, v.as_str()))
                .collect::<Vec<_>>(),
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    // The change renews the session id (see hardening.rs): continue with the new one.
    let me = format!("zg_sid={}", set_cookie(&headers, "zg_sid").unwrap());
    assert_eq!(app.get("/parks", &me).await.0, StatusCode::OK);
    // Ninety days later the password has expired.
    app.raw("UPDATE app_user SET password_changed_at = '2001-01-01T00:00:00Z' WHERE username = 'zhao.liu'").await;
    let (status, headers, _) = app.get("/parks", &me).await;
    assert_eq!(
        (status, location(&headers)),
        (StatusCode::SEE_OTHER, "/password")
    );
    let (status, headers, _) = sign_in(&app, "zhao.liu", "Next#Pass9", "").await;
    assert_eq!(
        (status, location(&headers)),
        (StatusCode::SEE_OTHER, "/password")
    );
}

#[tokio::test]
async fn an_idle_session_ends_after_thirty_minutes() {
    let app = common::app().await;
    let me = app.login_as("sun.qi", "GWH", None, &["leader"]).await;
    assert_eq!(app.get("/", &me).await.0, StatusCode::OK);
    app.raw(&format!(
        "UPDATE session SET last_seen = '{}'",
        (chrono::Utc::now() - chrono::Duration::minutes(29)).to_rfc3339()
    ))
    .await;
    assert_eq!(
        app.get("/", &me).await.0,
        StatusCode::OK,
        "29 idle minutes are fine (and reset the clock)"
    );
    app.raw(&format!(
        "UPDATE session SET last_seen = '{}'",
        (chrono::Utc::now() - chrono::Duration::minutes(31)).to_rfc3339()
    ))
    .await;
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
        "the idle session is deleted"
    );
}

#[tokio::test]
async fn login_and_public_search_are_rate_limited() {
    let app = common::app().await;
    let mut last = StatusCode::OK;
    for _ in 0..11 {
        last = sign_in(&app, "nobody", "Wrong#Pass1", "").await.0;
    }
    assert_eq!(last, StatusCode::TOO_MANY_REQUESTS);
    let mut statuses = Vec::new();
    for _ in 0..31 {
        statuses.push(app.get("/public/search?q=%E5%9B%AD", "").await.0);
    }
    assert!(statuses[..30].iter().all(|s| *s == StatusCode::OK));
    assert_eq!(statuses[30], StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn a_permission_change_applies_to_the_next_request() {
    let app = common::app().await;
    let admin = app.login_as("root.admin", "GWH", None, &["admin"]).await;
    let leader = app.login_as("zhou.ba", "GWH", None, &["leader"]).await;
    assert_eq!(
        app.get("/system/users", &leader).await.0,
        StatusCode::FORBIDDEN
    );
    let mut form = vec![
        ("_csrf", CSRF),
        ("name_zh", "管委会领导"),
        ("name_en", "Committee leader"),
        ("scope", "all"),
        ("scope_bodies", ""),
    ];
    form.extend([
        ("permissions", "zone:dashboard:view"),
        ("permissions", "system:user:list"),
    ]);
    assert_eq!(
        app.post("/system/roles/leader", &admin, &form).await.0,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        app.get("/system/users", &leader).await.0,
        StatusCode::OK,
        "no new login needed"
    );
    assert_eq!(
        app.get("/parks", &leader).await.0,
        StatusCode::FORBIDDEN,
        "zone:park:list was removed"
    );
    let entry = app
        .store
        .audit()
        .audit_chain()
        .await
        .unwrap()
        .into_iter()
        .rev()
        .find(|e| e.draft.action == "role.update")
        .unwrap();
    assert!(
        entry.draft.detail["before"]["permissions"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p == "zone:park:list")
    );
    assert!(
        !entry.draft.detail["after"]["permissions"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p == "zone:park:list")
    );
    // A bad role form names the field and changes nothing.
    let (status, _, body) = app
        .post(
            "/system/roles/leader",
            &admin,
            &[("_csrf", CSRF), ("name_zh", "x"), ("scope", "everything")],
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        body.contains("scope: unknown data scope") && body.contains("everything"),
        "the error names the field and the value: {body}"
    );
    assert_eq!(app.get("/system/users", &leader).await.0, StatusCode::OK);
}

/// The codes of one page of an API list (`{"items": [...], "next": ...}`).
fn codes(json: &str) -> Vec<String> {
    let v: serde_json::Value = serde_json::from_str(json).unwrap();
    v["items"]
        .as_array()
        .unwrap_or_else(|| panic!("not a page: {json}"))
        .iter()
        .map(|x| x["code"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn a_scoped_user_sees_only_its_records_everywhere() {
    let app = common::app().await;
    let park = app
        .login_as("park.user", "N08", Some("P01"), &["park"])
        .await;
    let staff = app.login_as("staff.user", "N08", None, &["staff"]).await;
    let day = "as_of=2024-12-31";
    // Own park: lists, API, exports, search and details.
    let (_, _, html) = app.get(&format!("/parks?{day}"), &park).await;
    assert!(html.contains("/parks/P01") && !html.contains("/parks/P03"));
    assert_eq!(
        codes(&app.get(&format!("/api/v1/parks?{day}"), &park).await.2),
        ["P01"]
    );
    let (_, _, csv) = app.get(&format!("/parks/export.csv?{day}"), &park).await;
    assert_eq!(csv.lines().count(), 2, "header + P01:\n{csv}");
    let (_, _, found) = app.get(&format!("/parks?{day}&q=%E5%9B%AD"), &park).await;
    assert!(found.contains("/parks/P01") && !found.contains("/parks/P04"));
    assert_eq!(app.get("/parks/P03", &park).await.0, StatusCode::NOT_FOUND);
    assert_eq!(
        app.get("/api/v1/parks/P03", &park).await.0,
        StatusCode::NOT_FOUND
    );
    assert_eq!(app.get("/api/v1/parks/P01", &park).await.0, StatusCode::OK);
    assert!(
        codes(
            &app.get(&format!("/api/v1/institutions?{day}"), &park)
                .await
                .2
        )
        .is_empty()
    );
    let diff: serde_json::Value = serde_json::from_str(
        &app.get("/api/v1/diff?from=2019-12-31&to=2024-12-31", &park)
            .await
            .2,
    )
    .unwrap();
    assert!(
        diff["parks"]["disappeared"].as_array().unwrap().is_empty(),
        "P02/P05/P12 are not its records"
    );
    // Own body and below: N08 and its units, and the parks N08 manages.
    let inst = codes(
        &app.get(&format!("/api/v1/institutions?{day}"), &staff)
            .await
            .2,
    );
    assert_eq!(inst, ["N08", "U01", "U02", "U03"]);
    let parks = codes(&app.get(&format!("/api/v1/parks?{day}"), &staff).await.2);
    assert!(
        parks.contains(&"P01".to_owned()) && !parks.contains(&"P10".to_owned()),
        "{parks:?}"
    );
    let (_, _, csv) = app
        .get(&format!("/institutions/export.csv?{day}"), &staff)
        .await;
    assert_eq!(csv.lines().count(), 5, "{csv}");
    assert_eq!(
        app.get("/institutions/N04", &staff).await.0,
        StatusCode::NOT_FOUND
    );
}

/// Every read path of a park-scoped user (P01), beyond the lists: detail pages and
/// API details (no out-of-scope predecessor or heir named), history, the report and
/// the dashboard (scoped figures and milestones), diff, export and search — and a
/// probe outside the scope is audited.
#[tokio::test]
async fn a_park_scoped_user_cannot_see_another_park_on_any_read_path() {
    let app = common::app().await;
    let park = app
        .login_as("park.only", "N08", Some("P01"), &["park"])
        .await;
    // API detail: P01 absorbed P02 in 2024, but P02 is not the user's record.
    let (status, _, body) = app.get("/api/v1/parks/P01?as_of=2024-12-31", &park).await;
    assert_eq!(status, StatusCode::OK);
    let detail: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert!(detail["lineage"].as_array().unwrap().is_empty(), "{body}");
    // (The record's own free-text basis may mention the merger; no field names P02.)
    assert!(
        !body.contains("\"P02\""),
        "the detail names an out-of-scope park: {body}"
    );
    // Detail page (history and lineage sections) likewise.
    let (status, _, html) = app.get("/parks/P01?as_of=2024-12-31", &park).await;
    assert_eq!(status, StatusCode::OK);
    assert!(!html.contains("/parks/P02"), "the page links to P02");
    // Report and dashboard: the scope's figures, not the zone's.
    let (_, _, body) = app.get("/api/v1/report?as_of=2024-12-31", &park).await;
    let report: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(report["parks_total"], 1, "{body}");
    assert_eq!(report["institutions_total"], 0);
    assert_eq!(report["internal_institutions"], 0);
    // Only the change sets that wrote P01's versions, each counting only P01 — not
    // the 2023 reforms of bodies it cannot open.
    let milestones = report["milestones"].as_array().unwrap();
    let ids: Vec<&str> = milestones
        .iter()
        .map(|m| m["id"].as_str().unwrap())
        .collect();
    // The duty-boundary list has no data scope (every user who may list it sees
    // the whole list), so the change set that issued it wrote visible records.
    // Likewise the safety grids and mapping (CS2024), and the chain nodes, talents,
    // platforms and quota of the investment and talent registers (CP2021).
    assert_eq!(
        ids,
        ["C2020", "CP2021", "CB2023", "C2024", "CS2024"],
        "{milestones:?}"
    );
    assert!(
        milestones
            .iter()
            .filter(|m| m["id"] != "CB2023" && m["id"] != "CS2024" && m["id"] != "CP2021")
            .all(|m| m["versions_written"] == 1)
    );
    let (_, _, html) = app.get("/?as_of=2024-12-31", &park).await;
    assert!(html.contains("id=\"fig-parks\">1<"), "dashboard parks card");
    // Diff between the two layouts: nothing of P02/P05/P12.
    let (_, _, body) = app
        .get("/api/v1/diff?from=2019-12-31&to=2024-12-31", &park)
        .await;
    for other in ["P02", "P05", "P12", "P13"] {
        assert!(
            !body.contains(&format!("\"{other}\"")),
            "diff names {other}: {body}"
        );
    }
    let (_, _, html) = app
        .get("/changes?from=2019-12-31&to=2024-12-31", &park)
        .await;
    for other in ["P02", "P05", "P12", "P13"] {
        assert!(
            !html.contains(&format!("<td>{other}</td>")),
            "the changes page lists {other}"
        );
    }
    assert!(html.contains("<td>P01</td>"), "its own park changed");
    // Export and search: only P01.
    let (_, _, csv) = app
        .get("/parks/export.csv?as_of=2019-12-31&q=%E5%9B%AD", &park)
        .await;
    assert_eq!(csv.lines().count(), 2, "{csv}");
    // A probe outside the scope is 404, and audited.
    assert_eq!(
        app.get("/api/v1/parks/P02", &park).await.0,
        StatusCode::NOT_FOUND
    );
    assert_eq!(app.get("/parks/P03", &park).await.0, StatusCode::NOT_FOUND);
    let probes = app
        .store
        .audit()
        .audit_entries(&zonegov_store::AuditFilter {
            action_prefix: Some("record.out_of_scope".into()),
            limit: 100,
            ..Default::default()
        })
        .await
        .unwrap();
    let targets: Vec<&str> = probes.iter().map(|e| e.draft.target.as_str()).collect();
    assert!(
        targets.contains(&"park/P02") && targets.contains(&"park/P03"),
        "{targets:?}"
    );
}

#[tokio::test]
async fn the_public_portal_shows_only_published_fields() {
    let app = common::app().await;
    app.user("secret.person", "N08", None, &["admin"]).await;
    for uri in [
        "/public",
        "/public/parks",
        "/public/institutions",
        "/public/search?q=%E5%B1%80",
    ] {
        let (status, _, html) = app.get(uri, "").await;
        assert_eq!(status, StatusCode::OK, "{uri}");
        for internal in [
            "行政编制",
            "人员控制数",
            "seed §",
            "secret.person",
            "示例〔",
            "basis",
            "_csrf",
        ] {
            assert!(!html.contains(internal), "{uri} exposes {internal:?}");
        }
    }
    let (_, _, html) = app
        .get("/public/search?q=%E5%8F%91%E5%B1%95%E6%94%B9%E9%9D%A9", "")
        .await;
    assert!(
        html.contains("发展改革局(统计局)"),
        "search finds a body by name"
    );
}

/// SQL-injection and XSS strings, with full-width and Chinese variants.
const CORPUS: &[&str] = &[
    "'; DROP TABLE app_user; --",
    "\" OR \"1\"=\"1",
    "<script>alert('xss')</script>",
    "<img src=x onerror=alert(1)>",
    "＜script＞alert（'全角'）＜/script＞",
    "张三'); DELETE FROM audit_log; --",
    "{{7*7}} ${7*7} %s %n",
    "\u{202e}反转文字 &amp; &lt;b&gt;",
    "=HYPERLINK(\"http://evil\")",
];

#[tokio::test]
async fn hostile_text_in_every_field_is_stored_verbatim_and_shown_escaped() {
    let security = zonegov_web::auth::Security {
        login_rate_per_minute: 1000,
        ..Default::default()
    };
    let app = common::app_with(|_| {}, security).await;
    let admin = app.login_as("root.admin", "GWH", None, &["admin"]).await;
    for (i, s) in CORPUS.iter().enumerate() {
        let name = format!("inj{i}");
        let form = [
            ("_csrf", CSRF),
            ("username", name.as_str()),
            ("display_name", s),
            ("password", "Init#Pass9"),
            ("institution", "N08"),
            ("park", ""),
            ("roles", "leader"),
        ];
        let (status, _, body) = app.post("/system/users", &admin, &form).await;
        assert_eq!(status, StatusCode::SEE_OTHER, "{s}: {body}");
        assert_eq!(
            app.store
                .accounts()
                .user_by_name(&name)
                .await
                .unwrap()
                .unwrap()
                .0
                .display_name,
            *s
        );
        // Free text in the role form.
        let role = [
            ("_csrf", CSRF),
            ("name_zh", s),
            ("name_en", s),
            ("scope", "own_body"),
            ("scope_bodies", ""),
            ("permissions", "zone:park:list"),
        ];
        assert_eq!(
            app.post("/system/roles/staff", &admin, &role).await.0,
            StatusCode::SEE_OTHER,
            "{s}"
        );
        let stored = app
            .store
            .accounts()
            .roles()
            .await
            .unwrap()
            .into_iter()
            .find(|r| r.code.as_str() == "staff")
            .unwrap();
        assert_eq!((stored.name.zh.as_str(), stored.name.en.as_str()), (*s, *s));
        // Constrained fields refuse it with a clear error and write nothing.
        let bad = [
            ("_csrf", CSRF),
            ("username", s),
            ("display_name", "x"),
            ("password", "Init#Pass9"),
            ("institution", "N08"),
        ];
        let (status, _, body) = app.post("/system/users", &admin, &bad).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{s}");
        assert!(
            body.contains("用户名须为 3–32 位"),
            "the user-name rule is shown: {body}"
        );
        // Filters and searches echo it escaped.
        let q = serde_urlencoded::to_string([("actor", s)]).unwrap();
        assert_eq!(
            app.get(&format!("/monitor/audit?{q}"), &admin).await.0,
            StatusCode::OK
        );
        let q = serde_urlencoded::to_string([("q", s)]).unwrap();
        for uri in [format!("/parks?{q}"), format!("/public/search?{q}")] {
            let (status, _, html) = app.get(&uri, &admin).await;
            assert_eq!(status, StatusCode::OK, "{uri}");
            assert!(
                !html.contains("<script>alert") && !html.contains("<img src=x"),
                "{uri}"
            );
        }
    }
    for page in ["/system/users", "/system/roles", "/monitor/audit"] {
        let (_, _, html) = app.get(page, &admin).await;
        assert!(
            !html.contains("<script>alert") && !html.contains("<img src=x"),
            "{page} renders raw markup"
        );
        if page == "/system/users" {
            assert!(
                html.contains("&#60;script&#62;alert"),
                "{page} shows the text escaped"
            );
        }
    }
    let (_, _, html) = app.get("/system/users", &admin).await;
    assert!(
        html.contains("＜script＞alert（&#39;全角&#39;）＜/script＞"),
        "full-width text is shown as typed"
    );
    assert!(
        app.store.accounts().user_count().await.unwrap() >= CORPUS.len() as i64,
        "no table was dropped"
    );
    let chain = app.store.audit().audit_chain().await.unwrap();
    assert!(
        zonegov_domain::auth::audit::verify(
            &chain,
            &app.store.audit().audit_anchors().await.unwrap()
        )
        .is_ok()
    );
}

#[tokio::test]
async fn users_follow_their_body_through_a_reform_or_are_flagged() {
    let app = common::app().await;
    let moved = app.user("old.stats", "O20", None, &["leader"]).await;
    let lost = app.user("lost.body", "P99", None, &["leader"]).await;
    let h = zonegov_store::history(app.store.as_ref())
        .await
        .unwrap()
        .unwrap();
    let n = zonegov_app::accounts::reconcile_users(
        app.store.as_ref(),
        &h,
        "2024-12-31".parse().unwrap(),
    )
    .await
    .unwrap();
    assert_eq!(n, 2);
    let u = app
        .store
        .accounts()
        .user_by_id(moved)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (u.institution.as_str(), u.flag.is_none()),
        ("N04", true),
        "统计局 O20 → 发展改革局(统计局) N04"
    );
    let u = app
        .store
        .accounts()
        .user_by_id(lost)
        .await
        .unwrap()
        .unwrap();
    assert!(u.flag.unwrap().contains("P99"));
    assert_eq!(
        zonegov_app::accounts::reconcile_users(
            app.store.as_ref(),
            &h,
            "2024-12-31".parse().unwrap()
        )
        .await
        .unwrap(),
        0,
        "idempotent"
    );
    let actions: Vec<String> = app
        .store
        .audit()
        .audit_chain()
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.draft.action)
        .collect();
    assert!(
        actions.contains(&"user.follow_reform".to_owned())
            && actions.contains(&"user.flag".to_owned())
    );
}
