//! The cheap read paths (issue 6, point 4): the throttled session touch and key
//! paging on the lists.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use axum::http::{StatusCode, header};
use zonegov_web::auth::session::hash_id;

async fn last_seen(app: &common::App, cookie: &str) -> chrono::DateTime<chrono::Utc> {
    let sid = cookie.trim_start_matches("zg_sid=");
    app.store
        .accounts()
        .session(&hash_id(sid))
        .await
        .unwrap()
        .unwrap()
        .last_seen
}

async fn set_last_seen(app: &common::App, at: chrono::DateTime<chrono::Utc>) {
    app.raw(&format!(
        "UPDATE session SET last_seen = '{}'",
        at.to_rfc3339()
    ))
    .await;
}

#[tokio::test]
async fn last_seen_is_written_at_most_once_a_minute() {
    let app = common::app().await;
    let me = app.login_as("touch.t", "GWH", None, &["leader"]).await;
    let close = |a: chrono::DateTime<chrono::Utc>, b: chrono::DateTime<chrono::Utc>| {
        (a - b).num_milliseconds().abs() < 2_000
    };

    let t30 = chrono::Utc::now() - chrono::Duration::seconds(30);
    set_last_seen(&app, t30).await;
    assert_eq!(app.get("/", &me).await.0, StatusCode::OK);
    assert!(
        close(last_seen(&app, &me).await, t30),
        "30 s after the last write, a request writes nothing"
    );

    let t90 = chrono::Utc::now() - chrono::Duration::seconds(90);
    set_last_seen(&app, t90).await;
    assert_eq!(app.get("/", &me).await.0, StatusCode::OK);
    assert!(
        close(last_seen(&app, &me).await, chrono::Utc::now()),
        "90 s after the last write, a request writes last_seen again"
    );
}

fn codes(body: &str) -> Vec<String> {
    let v: serde_json::Value = serde_json::from_str(body).unwrap();
    v["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["code"].as_str().unwrap().to_owned())
        .collect()
}

fn next_of(headers: &axum::http::HeaderMap) -> Option<String> {
    let link = headers.get(header::LINK)?.to_str().unwrap();
    let (url, rel) = link.split_once(">; ")?;
    assert_eq!(rel, "rel=\"next\"");
    Some(url.trim_start_matches('<').to_owned())
}

#[tokio::test]
async fn api_lists_are_paged_by_key() {
    let app = common::app().await;
    let me = app.login_as("pager", "GWH", None, &["leader"]).await;
    let (status, _, whole) = app
        .get("/api/v1/institutions?as_of=2019-12-31&limit=1000", &me)
        .await;
    assert_eq!(status, StatusCode::OK);
    let whole = codes(&whole);
    assert_eq!(whole.len(), 43, "the demo's institutions on 2019-12-31");
    let mut sorted = whole.clone();
    sorted.sort();
    assert_eq!(whole, sorted, "ordered by code, the paging key");

    let mut seen = Vec::new();
    let mut next = Some("/api/v1/institutions?as_of=2019-12-31&limit=10".to_owned());
    let mut pages = 0;
    while let Some(uri) = next {
        let (status, headers, body) = app.get(&uri, &me).await;
        assert_eq!(status, StatusCode::OK, "{uri}");
        let page = codes(&body);
        assert!(page.len() <= 10);
        seen.extend(page);
        next = next_of(&headers);
        pages += 1;
    }
    assert_eq!(pages, 5, "43 rows in pages of 10");
    assert_eq!(seen, whole, "the pages, joined, are the whole list");
}

#[tokio::test]
async fn list_pages_link_to_the_next_page() {
    let app = common::app().await;
    let me = app.login_as("pager2", "GWH", None, &["leader"]).await;
    let (status, _, html) = app
        .get("/institutions?as_of=2019-12-31&limit=20", &me)
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        html.matches("<tr").count() - 1,
        20,
        "one header row, 20 rows"
    );
    let href = html
        .split("id=\"next-page\" href=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .expect("a next link")
        .replace("&amp;", "&")
        .replace("&#38;", "&");
    assert!(
        href.starts_with("/institutions?") && href.contains("after="),
        "{href}"
    );
    assert!(href.contains("limit=20") && href.contains("as_of=2019-12-31"));
    let (status, _, second) = app.get(&href, &me).await;
    assert_eq!(status, StatusCode::OK, "{href}");
    assert_eq!(second.matches("<tr").count() - 1, 20, "{href}: page 2");
    let href = second
        .split("id=\"next-page\" href=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .expect("page 2 of 3 links on")
        .replace("&amp;", "&")
        .replace("&#38;", "&");
    let (_, _, third) = app.get(&href, &me).await;
    assert!(
        !third.contains("id=\"next-page\""),
        "the last page does not link on"
    );
    assert_eq!(third.matches("<tr").count() - 1, 3, "43 = 20 + 20 + 3");
}

#[tokio::test]
async fn malformed_paging_parameters_are_named_not_ignored() {
    let app = common::app().await;
    let me = app.login_as("pager3", "GWH", None, &["leader"]).await;
    for (uri, name) in [
        ("/institutions?after=%3Cx%3E", "after"),
        ("/parks?limit=abc", "limit"),
        ("/counterparts?limit=-1", "limit"),
    ] {
        let (status, _, html) = app.get(uri, &me).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{uri}");
        assert!(html.contains(&format!("{name} = ")), "{uri}: {html}");
    }
    for (uri, name) in [
        ("/api/v1/institutions?after=%3Cx%3E", "after"),
        ("/api/v1/parks?limit=abc", "limit"),
    ] {
        let (status, _, body) = app.get(uri, &me).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{uri}");
        assert!(body.contains(name), "{uri}: {body}");
    }
}
