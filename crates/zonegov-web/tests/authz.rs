#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test
//! The authorisation matrix: every route of the route table × every role. The
//! expected status follows from the route's rule and the role's permissions, so a
//! new route is covered the moment it is added to the table.

mod common;

use axum::http::{Method, StatusCode};
use common::CSRF;
use std::collections::BTreeSet;
use zonegov_web::auth::access::Access;
use zonegov_web::routes;

/// A signed-in user: id and permission codes.
type Person = (i64, BTreeSet<String>);

/// Fills path parameters with values that exist in the demo zone.
fn concrete(path: &str, user_id: i64) -> String {
    path.replace("/parks/{code}", "/parks/P01")
        .replace("/institutions/{code}", "/institutions/N08")
        .replace("/system/roles/{code}", "/system/roles/staff")
        .replace("{id}", &user_id.to_string())
        .replace("{*path}", "app/app.css")
        .replace("{*file}", "index.html")
}

#[tokio::test]
async fn every_route_times_every_role() {
    let app = common::app().await;
    let roles = app.store.roles().await.unwrap();
    let people: Vec<(&str, Option<Person>)> = {
        let mut v = vec![("anonymous", None)];
        for (name, body, park, role) in [
            ("m.admin", "GWH", None, Some("admin")),
            ("m.leader", "GWH", None, Some("leader")),
            ("m.staff", "N08", None, Some("staff")),
            ("m.park", "N08", Some("P01"), Some("park")),
            ("m.auditor", "GWH", None, Some("auditor")),
            ("m.nobody", "GWH", None, None),
        ] {
            let id = app
                .user(name, body, park, &role.into_iter().collect::<Vec<_>>())
                .await;
            let perms = roles
                .iter()
                .filter(|r| Some(r.code.as_str()) == role)
                .flat_map(|r| r.permissions.iter().map(|p| p.as_str().to_owned()))
                .collect();
            v.push((name, Some((id, perms))));
        }
        v
    };
    let target_user = app.user("m.target", "GWH", None, &[]).await;
    let mut checked = 0;
    for route in routes::table() {
        let path = concrete(route.path, target_user);
        for (who, person) in &people {
            // A fresh session per request: POST /logout must not spoil the next one.
            let cookie = match person {
                Some((id, _)) => app.session(*id, who).await,
                None => format!("zg_pre={CSRF}"),
            };
            let (status, _, body) = if route.method == Method::POST {
                app.post(&path, &cookie, &[("_csrf", CSRF)]).await
            } else {
                app.get(&path, &cookie).await
            };
            let api = path.starts_with("/api/");
            let expected_ok = match (route.access, person) {
                (Access::Public, _) => true,
                (_, None) => false,
                (Access::SignedIn, Some(_)) => true,
                (Access::Permission(p), Some((_, perms))) => perms.contains(p.code()),
            };
            let what = format!("{} {path} as {who}: {status}", route.method);
            assert!(!status.is_server_error(), "{what}\n{body}");
            if expected_ok {
                assert!(
                    status != StatusCode::UNAUTHORIZED && status != StatusCode::FORBIDDEN,
                    "{what} should be allowed\n{body}"
                );
            } else if person.is_none() {
                let want = if api {
                    StatusCode::UNAUTHORIZED
                } else {
                    StatusCode::SEE_OTHER
                };
                assert_eq!(status, want, "{what} should ask to sign in");
            } else {
                assert_eq!(status, StatusCode::FORBIDDEN, "{what} should be forbidden");
            }
            checked += 1;
        }
    }
    println!("authorisation matrix: {checked} route × role cases");
    assert!(checked >= routes::table().len() * 7);
}

#[test]
fn every_permission_a_route_requires_is_in_the_catalogue() {
    for r in routes::table() {
        if let Access::Permission(p) = r.access {
            assert!(
                zonegov_domain::auth::Permission::parse(p.code()).is_ok(),
                "{} needs unknown permission {p}",
                r.path
            );
        }
    }
}
