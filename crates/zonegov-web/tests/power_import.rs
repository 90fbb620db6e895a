#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test
//! The power list import page and exports: an upload through the page gives the same
//! report (problems, items) as the app's function the CLI calls; the CSRF token is
//! read from the multipart body; an oversized upload is refused with its own message;
//! a clean dry run can be confirmed; exports stream.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use common::CSRF;
use std::path::PathBuf;
use zonegov_app::power_import::{ImportMode, ImportOptions, dry_run};
use zonegov_domain::Record;
use zonegov_domain::power::PowerItem;
use zonegov_io::power_list::ReadOptions;

const BOUNDARY: &str = "zgBoundary7MA4YWxkTrZu0gW";

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../zonegov-io/tests/fixtures/power")
            .join(name),
    )
    .unwrap()
}

fn multipart(fields: &[(&str, &str)], file_name: &str, bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    for (k, v) in fields {
        out.extend_from_slice(
            format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n")
                .as_bytes(),
        );
    }
    out.extend_from_slice(
        format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\nContent-Type: application/octet-stream\r\n\r\n").as_bytes(),
    );
    out.extend_from_slice(bytes);
    out.extend_from_slice(format!("\r\n--{BOUNDARY}--\r\n").as_bytes());
    out
}

fn upload(cookie: &str, body: Vec<u8>, json: bool) -> Request<Body> {
    let mut b = Request::post("/power-items/import")
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .header(header::CONTENT_LENGTH, body.len())
        .header(header::COOKIE, cookie);
    if json {
        b = b.header(header::ACCEPT, "application/json");
    }
    b.body(Body::from(body)).unwrap()
}

fn fields(token: &str) -> Vec<(&str, &str)> {
    vec![
        ("_csrf", token),
        ("mode", "whole"),
        ("effective", "2024-01-01"),
        ("doc_no", "济高管发〔2024〕1号"),
    ]
}

#[tokio::test]
async fn the_page_reports_what_the_app_reports_and_a_clean_file_can_be_confirmed() {
    let app = common::app().await;
    let cookie = app.login_as("importer", "GWH", None, &["admin"]).await;
    let (status, _, html) = app.get("/power-items/import", &cookie).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("enctype=\"multipart/form-data\"") && html.contains(CSRF));

    let opt = ImportOptions {
        read: ReadOptions::default(),
        mode: ImportMode::Whole,
        doc_no: "济高管发〔2024〕1号".into(),
        effective: "2024-01-01".parse().unwrap(),
        actor: "cli".into(),
        ip: "local".into(),
    };
    for (name, problems, items) in [("errors_20.csv", 20, 0), ("b_published.xlsx", 0, 3)] {
        let bytes = fixture(name);
        let (status, _, text) = app
            .send(upload(
                &cookie,
                multipart(&fields(CSRF), name, &bytes),
                true,
            ))
            .await;
        assert_eq!(status, StatusCode::OK, "{text}");
        let web: serde_json::Value = serde_json::from_str(&text).unwrap();
        let cli = serde_json::to_value(
            dry_run(app.store.as_ref(), &bytes, name, &opt)
                .await
                .unwrap(),
        )
        .unwrap();
        assert_eq!(web["problems"], cli["problems"], "{name}");
        assert_eq!(web["items"], cli["items"], "{name}");
        assert_eq!(web["problems"].as_array().unwrap().len(), problems);
        assert_eq!(web["items"].as_array().unwrap().len(), items);
    }

    // The page itself: a clean dry run offers the confirm form, which writes.
    let (status, _, html) = app
        .send(upload(
            &cookie,
            multipart(&fields(CSRF), "c.xlsx", &fixture("c_county.xlsx")),
            false,
        ))
        .await;
    assert_eq!(status, StatusCode::OK);
    let id = html
        .split("name=\"upload_id\" value=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .unwrap()
        .to_owned();
    let stored = |app: &common::App| {
        let store = app.store.clone();
        async move {
            store
                .records()
                .versions(&zonegov_store::VersionQuery::all_of(PowerItem::KIND))
                .await
                .unwrap()
                .len()
        }
    };
    assert_eq!(stored(&app).await, 0, "a dry run writes nothing");
    let (status, _, html) = app
        .post(
            "/power-items/import/confirm",
            &cookie,
            &[
                ("_csrf", CSRF),
                ("upload_id", &id),
                ("doc_no", "济高管发〔2024〕1号"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{html}");
    assert!(html.contains("id=\"import-change\""), "{html}");
    assert_eq!(stored(&app).await, 3);

    // Exports stream what was written.
    let (status, headers, csv) = app
        .get("/power-items/export.csv?as_of=2024-06-01", &cookie)
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        headers[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    assert!(csv.contains("XK00001000") && csv.contains("调查取证"));
    let records = csv::Reader::from_reader(csv.trim_start_matches('\u{feff}').as_bytes())
        .records()
        .count();
    assert_eq!(records, 7, "one row per responsibility");
    let (status, headers, _) = app
        .get("/power-items/export.xlsx?as_of=2024-06-01", &cookie)
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        headers[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .contains("spreadsheetml")
    );
    let (status, _, _) = app.get("/power-items/import/template.xlsx", &cookie).await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn uploads_need_the_token_and_stay_under_the_limit() {
    let app = common::app().await;
    let cookie = app.login_as("importer", "GWH", None, &["admin"]).await;
    let bytes = fixture("a_canonical.csv");
    let (status, _, _) = app
        .send(upload(
            &cookie,
            multipart(&fields("wrong-token"), "a.csv", &bytes),
            true,
        ))
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let mut no_token = fields(CSRF);
    no_token.remove(0);
    let (status, _, _) = app
        .send(upload(&cookie, multipart(&no_token, "a.csv", &bytes), true))
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let big = vec![b'x'; zonegov_web::auth::csrf::MAX_UPLOAD_BYTES + 1];
    let (status, _, text) = app
        .send(upload(
            &cookie,
            multipart(&fields(CSRF), "big.csv", &big),
            false,
        ))
        .await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(text.contains("20 MB"), "{text}");
    // Without the import permission the page is refused.
    let staff = app.login_as("staffer", "N04", None, &["staff"]).await;
    let (status, _, _) = app
        .send(upload(
            &staff,
            multipart(&fields(CSRF), "a.csv", &bytes),
            true,
        ))
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}
