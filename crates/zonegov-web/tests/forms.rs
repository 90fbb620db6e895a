//! The typed forms of the system pages and the typed filters of the monitor pages,
//! through the real router: repeated fields (checkboxes) arrive whole, a bad field is
//! a 400 page naming the field and its value, and a refused creation is audited.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use common::CSRF;
use zonegov_domain::Code;

fn role_codes(roles: &[Code]) -> Vec<&str> {
    roles.iter().map(Code::as_str).collect()
}

#[tokio::test]
async fn every_checked_role_is_given_to_a_new_user_and_on_a_role_change() {
    let app = common::app().await;
    let admin = app.login_as("root.admin", "GWH", None, &["admin"]).await;
    let (status, _, body) = app
        .post(
            "/system/users",
            &admin,
            &[
                ("_csrf", CSRF),
                ("username", "two.roles"),
                ("display_name", "两个角色"),
                ("password", "Init#Pass9"),
                ("institution", "N08"),
                ("park", ""),
                ("roles", "leader"),
                ("roles", ""),
                ("roles", "auditor"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    let (user, _hash) = app
        .store
        .accounts()
        .user_by_name("two.roles")
        .await
        .unwrap()
        .unwrap();
    let mut roles = role_codes(&user.roles);
    roles.sort_unstable();
    assert_eq!(roles, ["auditor", "leader"]);

    let uri = format!("/system/users/{}/roles", user.id);
    let (status, _, body) = app
        .post(
            &uri,
            &admin,
            &[
                ("_csrf", CSRF),
                ("roles", "staff"),
                ("roles", "auditor"),
                ("roles", "leader"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    let user = app
        .store
        .accounts()
        .user_by_id(user.id)
        .await
        .unwrap()
        .unwrap();
    let mut roles = role_codes(&user.roles);
    roles.sort_unstable();
    assert_eq!(roles, ["auditor", "leader", "staff"]);

    // A bad code among them names the field and the value, and changes nothing.
    let (status, _, body) = app
        .post(
            &uri,
            &admin,
            &[("_csrf", CSRF), ("roles", "leader"), ("roles", "bad/role")],
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        body.contains("roles: ") && body.contains("bad/role"),
        "{body}"
    );
    // An unknown role is named in both languages.
    let (status, _, body) = app
        .post(&uri, &admin, &[("_csrf", CSRF), ("roles", "ghost")])
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        body.contains("未知角色 ghost") && body.contains("unknown role ghost"),
        "{body}"
    );
    let after = app
        .store
        .accounts()
        .user_by_id(user.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(after.roles, user.roles, "nothing changed");
}

#[tokio::test]
async fn a_bad_field_of_a_new_user_is_named_and_the_attempt_audited_with_the_raw_roles() {
    let app = common::app().await;
    let admin = app.login_as("root.admin", "GWH", None, &["admin"]).await;
    let (status, _, body) = app
        .post(
            "/system/users",
            &admin,
            &[
                ("_csrf", CSRF),
                ("username", "bad.body"),
                ("display_name", "机构有误"),
                ("password", "Init#Pass9"),
                ("institution", "N 08"),
                ("roles", "leader"),
                ("roles", "auditor"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        body.contains("institution: ") && body.contains("N 08"),
        "{body}"
    );
    let entry = app
        .store
        .audit()
        .audit_chain()
        .await
        .unwrap()
        .into_iter()
        .rev()
        .find(|e| e.draft.action == "user.create")
        .unwrap();
    assert_eq!(
        (entry.draft.outcome.as_str(), entry.draft.target.as_str()),
        ("failed", "user:bad.body")
    );
    assert_eq!(
        entry.draft.detail["roles"],
        serde_json::json!(["leader", "auditor"])
    );
    assert!(
        entry.draft.detail["reason"]
            .as_str()
            .unwrap()
            .starts_with("institution: ")
    );
    // A form sent as something else is refused, in a page that says what is expected.
    let req = Request::post("/system/users")
        .header(header::COOKIE, &admin)
        .header(header::CONTENT_TYPE, "text/plain")
        .header(common_csrf_header(), CSRF)
        .body(Body::from("username=x"))
        .unwrap();
    let (status, _, body) = app.send(req).await;
    assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE, "{body}");
    assert!(body.contains("application/x-www-form-urlencoded"), "{body}");
}

fn common_csrf_header() -> &'static str {
    zonegov_web::auth::csrf::HEADER
}

#[tokio::test]
async fn every_checked_permission_and_custom_body_is_saved_on_a_role() {
    let app = common::app().await;
    let admin = app.login_as("root.admin", "GWH", None, &["admin"]).await;
    let (status, _, body) = app
        .post(
            "/system/roles/leader",
            &admin,
            &[
                ("_csrf", CSRF),
                ("name_zh", "领导"),
                ("name_en", "Leader"),
                ("permissions", "zone:dashboard:view"),
                ("permissions", "system:user:list"),
                ("permissions", "zone:changes:view"),
                ("scope", "custom"),
                ("scope_bodies", "N08,N04"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    let role = app
        .store
        .accounts()
        .roles()
        .await
        .unwrap()
        .into_iter()
        .find(|r| r.code.as_str() == "leader")
        .unwrap();
    let value = serde_json::to_value(&role).unwrap();
    let mut perms: Vec<String> = serde_json::from_value(value["permissions"].clone()).unwrap();
    perms.sort_unstable();
    assert_eq!(
        perms,
        [
            "system:user:list",
            "zone:changes:view",
            "zone:dashboard:view"
        ]
    );
    assert_eq!(
        role.scope,
        zonegov_domain::auth::DataScope::Custom(
            ["N04", "N08"]
                .iter()
                .map(|c| Code::parse(c).unwrap())
                .collect()
        )
    );
    // A bad permission is named with its value.
    let (status, _, body) = app
        .post(
            "/system/roles/leader",
            &admin,
            &[
                ("_csrf", CSRF),
                ("name_zh", "领导"),
                ("permissions", "zone:dashboard:view"),
                ("permissions", "no:such:perm"),
                ("scope", "all"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        body.contains("permissions: ") && body.contains("no:such:perm"),
        "{body}"
    );
}

#[tokio::test]
async fn a_bad_audit_filter_is_named_and_a_good_one_pages() {
    let app = common::app().await;
    let admin = app.login_as("root.admin", "GWH", None, &["admin"]).await;
    for (uri, names) in [
        ("/monitor/audit?before=abc", ["before", "abc"]),
        ("/monitor/logins?from=2024-13-40", ["from", "2024-13-40"]),
        ("/monitor/audit/export.csv?to=someday", ["to", "someday"]),
    ] {
        let (status, _, body) = app.get(uri, &admin).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{uri}");
        assert!(
            names.iter().all(|n| body.contains(n)),
            "{uri} names {names:?}: {body}"
        );
    }
    let (status, _, body) = app
        .get(
            "/monitor/audit?actor=root.admin&from=2020-01-01&before=999999",
            &admin,
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(body.contains("root.admin"), "the filter is echoed");
}
