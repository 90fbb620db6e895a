#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test
//! Rendered pages of the demo zone on fixed dates, pinned with insta, and checks
//! that hostile text from the data reaches the page escaped.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use std::path::PathBuf;
use std::sync::Arc;
use tower::ServiceExt;
use zonegov_store::Store;

async fn demo_store(mutate: impl FnOnce(&mut zonegov_domain::HistoryParts)) -> Arc<dyn Store> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data/demo");
    let mut parts = zonegov_io::read_dataset(&dir).unwrap().parts;
    mutate(&mut parts);
    let store = zonegov_store::connect("sqlite::memory:").await.unwrap();
    store.load(&parts).await.unwrap();
    store
}

async fn get(store: Arc<dyn Store>, uri: &str) -> (StatusCode, String) {
    let res = zonegov_web::router(store)
        .oneshot(Request::get(uri).body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = res.status();
    let bytes = axum::body::to_bytes(res.into_body(), 1 << 22)
        .await
        .unwrap();
    (status, String::from_utf8(bytes.to_vec()).unwrap())
}

#[tokio::test]
async fn pages_on_fixed_dates() {
    let store = demo_store(|_| {}).await;
    for (name, uri) in [
        ("dashboard_2024", "/?as_of=2024-12-31"),
        ("dashboard_2021_en", "/?as_of=2021-06-30&lang=en"),
        ("institutions_2019", "/institutions?as_of=2019-12-31"),
        ("parks_2024", "/parks?as_of=2024-12-31"),
        ("institution_n04_2024", "/institutions/N04?as_of=2024-12-31"),
        ("park_p02_2024", "/parks/P02?as_of=2024-12-31"),
    ] {
        let (status, html) = get(store.clone(), uri).await;
        assert_eq!(status, StatusCode::OK, "{uri}");
        insta::assert_snapshot!(name, html);
    }
}

#[tokio::test]
async fn hostile_text_is_escaped_on_every_page() {
    let hostile = "<script>alert('园')</script>＜img src=x onerror=1＞\"'&";
    let store = demo_store(|p| {
        p.parks[0].attrs.name.zh = hostile.into();
        p.parks[0].attrs.industries = vec![hostile.into()];
        p.institutions[0].attrs.name.zh = hostile.into();
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
        let (status, html) = get(store.clone(), uri).await;
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
    let store = demo_store(|_| {}).await;
    let (status, html) = get(store.clone(), "/parks?as_of=2024-02-30").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(html.contains("2024-02-30"));
    let (status, _) = get(store.clone(), "/parks/%3Cx%3E").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, body) = get(store, "/api/v1/diff?from=2024-01-01&to=bad").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body.contains("bad"));
}
