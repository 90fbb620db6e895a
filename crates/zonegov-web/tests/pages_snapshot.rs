#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test
//! Rendered pages of the demo zone on fixed dates, pinned with insta, and checks
//! that hostile text from the data reaches the page escaped.

mod common;

use axum::http::StatusCode;
use common::App;

/// An administrator's view of the demo zone (or of a mutated copy of it).
async fn demo(mutate: impl FnOnce(&mut zonegov_domain::HistoryParts)) -> (App, String) {
    let app = common::app_with(mutate, Default::default()).await;
    let cookie = app.login_as("tester", "GWH", None, &["admin"]).await;
    (app, cookie)
}

async fn get(app: &(App, String), uri: &str) -> (StatusCode, String) {
    let (status, _, body) = app.0.get(uri, &app.1).await;
    (status, body)
}

#[tokio::test]
async fn pages_on_fixed_dates() {
    let store = demo(|_| {}).await;
    for (name, uri) in [
        ("dashboard_2024", "/?as_of=2024-12-31"),
        ("dashboard_2021_en", "/?as_of=2021-06-30&lang=en"),
        ("institutions_2019", "/institutions?as_of=2019-12-31"),
        ("parks_2024", "/parks?as_of=2024-12-31"),
        ("institution_n04_2024", "/institutions/N04?as_of=2024-12-31"),
        ("park_p02_2024", "/parks/P02?as_of=2024-12-31"),
    ] {
        let (status, html) = get(&store, uri).await;
        assert_eq!(status, StatusCode::OK, "{uri}");
        insta::assert_snapshot!(name, html);
    }
}

#[tokio::test]
async fn hostile_text_is_escaped_on_every_page() {
    let hostile = "<script>alert('园')</script>＜img src=x onerror=1＞\"'&";
    let store = demo(|p| {
        let parks = p.records.of_mut::<zonegov_domain::Park>();
        parks[0].attrs.name.zh = hostile.into();
        parks[0].attrs.industries = vec![hostile.into()];
        p.records.of_mut::<zonegov_domain::Institution>()[0]
            .attrs
            .name
            .zh = hostile.into();
        p.changes[1].reason.zh = hostile.into();
    })
    .await;
    for uri in [
        "/?as_of=2020-12-31",
        "/parks?as_of=2016-01-01",
        "/parks/P01?as_of=2016-01-01",
        "/institutions?as_of=2016-01-01",
        "/institutions/GW",
        "/changes?from=2016-01-01&to=2024-12-31",
    ] {
        let (status, html) = get(&store, uri).await;
        assert_eq!(status, StatusCode::OK, "{uri}");
        assert!(!html.contains("<script>alert"), "{uri} renders raw script");
        let context: Vec<&str> = html.lines().filter(|l| l.contains("alert")).collect();
        assert!(
            html.contains("&#60;script&#62;alert("),
            "{uri} lost the text: {context:?}"
        );
    }
}

#[tokio::test]
async fn bad_dates_and_unknown_codes_get_clear_pages() {
    let store = demo(|_| {}).await;
    let (status, html) = get(&store, "/parks?as_of=2024-02-30").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(html.contains("2024-02-30"));
    let (status, _) = get(&store, "/parks/%3Cx%3E").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, body) = get(&store, "/api/v1/diff?from=2024-01-01&to=bad").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body.contains("bad"));
}
