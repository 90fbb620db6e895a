#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test
//! The authorisation matrix: every route of the route table × every role. The
//! expected status follows from the route's rule and the role's permissions, so a
//! new route is covered the moment it is added to the table.

mod common;

use axum::http::{Method, StatusCode};
use common::CSRF;
use std::collections::{BTreeMap, BTreeSet};
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
    let roles = app.store.accounts().roles().await.unwrap();
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
    // Every (method, path) × identity actually requested, with what was expected.
    let mut exercised: BTreeMap<(String, &str), BTreeMap<&str, bool>> = BTreeMap::new();
    for route in routes::table() {
        let path = concrete(route.path(), target_user);
        for (who, person) in &people {
            // A fresh session per request: POST /logout must not spoil the next one.
            let cookie = match person {
                Some((id, _)) => app.session(*id, who).await,
                None => format!("zg_pre={CSRF}"),
            };
            let (status, _, body) = if route.method() == Method::POST {
                app.post(&path, &cookie, &[("_csrf", CSRF)]).await
            } else {
                app.get(&path, &cookie).await
            };
            let api = path.starts_with("/api/");
            let expected_ok = match (route.access(), person) {
                (Access::Public, _) => true,
                (_, None) => false,
                (Access::SignedIn, Some(_)) => true,
                (Access::Permission(p), Some((_, perms))) => perms.contains(p.code()),
            };
            let what = format!("{} {path} as {who}: {status}", route.method());
            assert!(!status.is_server_error(), "{what}\n{body}");
            // 405: the router serves another method than the table says; never a pass.
            assert_ne!(
                status,
                StatusCode::METHOD_NOT_ALLOWED,
                "{what}: the route is not registered for its table method"
            );
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
            let first = exercised
                .entry((route.method().to_string(), route.path()))
                .or_default()
                .insert(who, expected_ok);
            assert!(first.is_none(), "{what}: the table lists the route twice");
        }
    }
    // Every route of the table was requested by every identity, once.
    let table = routes::table();
    let everyone: BTreeSet<&str> = people.iter().map(|(who, _)| *who).collect();
    assert_eq!(everyone.len(), 7);
    assert_eq!(exercised.len(), table.len(), "each route requested");
    for route in &table {
        let seen = &exercised[&(route.method().to_string(), route.path())];
        let who: BTreeSet<&str> = seen.keys().copied().collect();
        assert_eq!(
            who,
            everyone,
            "{} {}: identities requested",
            route.method(),
            route.path()
        );
        // Non-vacuous: a public route was open to all; any other route was refused to
        // somebody (at least the anonymous visitor) and allowed to somebody (else no
        // role could ever use it).
        let allowed = seen.values().filter(|ok| **ok).count();
        match route.access() {
            Access::Public => assert_eq!(allowed, 7, "{}", route.path()),
            _ => assert!(
                (1..7).contains(&allowed),
                "{} {}: allowed to {allowed} of 7",
                route.method(),
                route.path()
            ),
        }
        if let Access::Permission(_) = route.access() {
            assert!(
                !seen["m.nobody"],
                "{}: a user without roles is refused",
                route.path()
            );
            assert!(
                seen["m.admin"],
                "{}: the administrator is allowed",
                route.path()
            );
        }
    }
    println!(
        "authorisation matrix: {} routes × {} identities",
        table.len(),
        everyone.len()
    );
}

/// The router serves each route with exactly its table method: the other method
/// answers 405 (so the table's `method` and the registration cannot disagree).
#[tokio::test]
async fn each_route_answers_only_its_own_method() {
    let app = common::app().await;
    let id = app.user("m.admin", "GWH", None, &["admin"]).await;
    let table = routes::table();
    let registered: BTreeSet<(String, &str)> = table
        .iter()
        .map(|r| (r.method().to_string(), r.path()))
        .collect();
    let mut checked = 0;
    for route in &table {
        let path = concrete(route.path(), id);
        let other = if route.method() == Method::GET {
            Method::POST
        } else {
            Method::GET
        };
        if registered.contains(&(other.to_string(), route.path())) {
            continue; // e.g. GET and POST /login: two table entries
        }
        checked += 1;
        let cookie = app.session(id, "m.admin").await;
        let req = axum::http::Request::builder()
            .method(other.clone())
            .uri(&path)
            .header(axum::http::header::COOKIE, &cookie)
            .header(
                axum::http::header::CONTENT_TYPE,
                "application/x-www-form-urlencoded",
            )
            .body(axum::body::Body::from(format!("_csrf={CSRF}")))
            .unwrap();
        let (status, _, body) = app.send(req).await;
        assert_eq!(
            status,
            StatusCode::METHOD_NOT_ALLOWED,
            "{other} {path} (table says {}): {body}",
            route.method()
        );
    }
    let paths: BTreeSet<&str> = table.iter().map(|r| r.path()).collect();
    assert_eq!(
        checked,
        paths.len() * 2 - table.len(),
        "routes with one method"
    );
}

#[test]
fn every_permission_a_route_requires_is_in_the_catalogue() {
    for r in routes::table() {
        if let Access::Permission(p) = r.access() {
            assert!(
                zonegov_domain::auth::Permission::parse(p.code()).is_ok(),
                "{} needs unknown permission {p}",
                r.path()
            );
        }
    }
}
