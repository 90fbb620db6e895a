#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test
//! Enterprises and work-safety coverage through the web: the register is scoped by
//! park on every read path, an enterprise's page shows its four parties with their
//! rules, the public posting masks the grid leader, and the coverage page, its xlsx
//! and the dashboard agree on the demo's 100 %.

mod common;

use axum::http::StatusCode;

/// In P01 (grid G1-ST02-P01, leader 杨帆) and in P04, from data/demo/enterprises.csv.
const IN_P01: &str = "91370871000000377N";
const IN_P04: &str = "91370871000000019M";
const DAY: &str = "as_of=2025-01-01";

#[tokio::test]
async fn a_park_user_sees_only_its_parks_enterprises() {
    let app = common::app().await;
    let park = app
        .login_as("park.only", "N08", Some("P01"), &["park"])
        .await;
    let (status, _, html) = app.get(&format!("/enterprises?{DAY}"), &park).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains(IN_P01), "{html}");
    assert!(!html.contains(IN_P04));
    let (status, _, _) = app
        .get(&format!("/enterprises/{IN_P04}?{DAY}"), &park)
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _, body) = app
        .get(&format!("/api/v1/enterprises?{DAY}&limit=1000"), &park)
        .await;
    assert_eq!(status, StatusCode::OK);
    let page: serde_json::Value = serde_json::from_str(&body).unwrap();
    let items = page["items"].as_array().unwrap();
    assert!(!items.is_empty());
    assert!(
        items
            .iter()
            .all(|i| i["attrs"]["park"] == "P01" || i["park"] == "P01"),
        "{body}"
    );
    let (status, _, _) = app
        .get(&format!("/api/v1/enterprises/{IN_P04}?{DAY}"), &park)
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    // The coverage page counts the scope's enterprises only.
    let (status, _, html) = app.get(&format!("/safety/coverage?{DAY}"), &park).await;
    assert_eq!(status, StatusCode::OK);
    let all = app.login_as("sun.qi", "GWH", None, &["leader"]).await;
    let (_, _, whole) = app.get(&format!("/safety/coverage?{DAY}"), &all).await;
    assert!(whole.contains("企业数：3000"), "{whole}");
    assert!(!html.contains("企业数：3000"), "{html}");
}

#[tokio::test]
async fn an_enterprises_page_shows_its_four_parties_and_the_public_one_masks_the_leader() {
    let app = common::app().await;
    let me = app.login_as("sun.qi", "GWH", None, &["leader"]).await;
    let (status, _, html) = app.get(&format!("/enterprises/{IN_P01}?{DAY}"), &me).await;
    assert_eq!(status, StatusCode::OK);
    for party in ["属地监管", "行业管理", "专业监管", "综合监管"] {
        assert!(html.contains(party), "{party}: {html}");
    }
    assert!(html.contains("G1-ST02-P01"), "{html}");
    assert!(html.contains("规则：园区 P01"), "{html}");
    assert!(
        html.contains("网格长：杨帆"),
        "staff see the full name: {html}"
    );
    assert!(html.contains("应急管理和生态环境局 N11"), "{html}");

    let (status, _, html) = app
        .get(&format!("/public/enterprises/{IN_P01}?{DAY}"), "")
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("网格长：杨*"), "{html}");
    assert!(
        !html.contains("杨帆"),
        "the public page shows the full name"
    );
    assert!(html.contains("综合监管"));
    let (status, _, _) = app
        .get(
            "/public/enterprises/91370871000000000X?as_of=2025-01-01",
            "",
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn coverage_page_export_and_dashboard_agree_on_the_demo() {
    let app = common::app().await;
    let me = app.login_as("sun.qi", "GWH", None, &["leader"]).await;
    let (status, _, html) = app.get(&format!("/safety/coverage?{DAY}"), &me).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("异常数：0"), "{html}");
    assert_eq!(html.matches("<td>100.00%</td>").count(), 4, "{html}");
    let (status, headers, body) = app
        .get(&format!("/safety/coverage/exceptions.xlsx?{DAY}"), &me)
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        headers[axum::http::header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .contains("spreadsheetml")
    );
    assert!(body.starts_with("PK"));
    let (_, _, html) = app.get(&format!("/?{DAY}"), &me).await;
    assert!(html.contains("id=\"fig-coverage\">100.00%<"), "{html}");
    assert!(html.contains("id=\"fig-coverage-exceptions\">0<"), "{html}");
}

/// The dashboard keeps its coverage figure per data revision: a write behind the
/// application's back (another process ending the manufacturing sector rule) is
/// seen on the next view, not served from the kept figure.
#[tokio::test]
async fn the_dashboard_coverage_follows_a_write_by_another_process() {
    let app = common::app().await;
    let me = app.login_as("sun.qi", "GWH", None, &["leader"]).await;
    let (_, _, html) = app.get(&format!("/?{DAY}"), &me).await;
    assert!(html.contains("id=\"fig-coverage-exceptions\">0<"), "{html}");
    app.raw(
        "UPDATE entity_version SET valid_to = '2024-12-01' \
         WHERE kind = 'safety_rule' AND code = 'SR-C' AND valid_to IS NULL",
    )
    .await;
    let (_, _, html) = app.get(&format!("/?{DAY}"), &me).await;
    assert!(
        !html.contains("id=\"fig-coverage-exceptions\">0<"),
        "manufacturers lost their sector party: {html}"
    );
    assert!(!html.contains("id=\"fig-coverage\">100.00%<"), "{html}");
}

/// The upload page: the file of errors is reported cell by cell and writes nothing;
/// only a user with the import permission reaches it.
#[tokio::test]
async fn the_upload_page_reports_every_bad_cell() {
    let app = common::app().await;
    let leader = app.login_as("sun.qi", "GWH", None, &["leader"]).await;
    let (status, _, _) = app.get("/enterprises/import", &leader).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (_, _, list) = app.get("/enterprises", &leader).await;
    assert!(!list.contains("id=\"import-link\""), "{list}");
    let admin = app.login_as("root.x", "GWH", None, &["admin"]).await;
    let (_, _, list) = app.get("/enterprises", &admin).await;
    assert!(
        list.contains("<a href=\"/enterprises/import\" id=\"import-link\">导入</a>"),
        "the list links its upload page: {list}"
    );
    let (status, _, html) = app.get("/enterprises/import", &admin).await;
    assert_eq!(status, StatusCode::OK, "{html}");
    assert!(html.contains("企业名录导入"), "{html}");

    let errors = std::fs::read(
        std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../zonegov-app/tests/fixtures/enterprise_import/errors.csv"),
    )
    .unwrap();
    const B: &str = "zgBoundaryEnterprise42";
    let mut body = Vec::new();
    for (k, v) in [
        ("_csrf", common::CSRF),
        ("effective", "2025-01-01"),
        ("doc_no", "示例〔2025〕1号"),
    ] {
        body.extend_from_slice(
            format!("--{B}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n")
                .as_bytes(),
        );
    }
    body.extend_from_slice(format!("--{B}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"errors.csv\"\r\nContent-Type: text/csv\r\n\r\n").as_bytes());
    body.extend_from_slice(&errors);
    body.extend_from_slice(format!("\r\n--{B}--\r\n").as_bytes());
    // Not a dry run: the import itself refuses the file.
    let req = axum::http::Request::post("/enterprises/import")
        .header(
            axum::http::header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={B}"),
        )
        .header(axum::http::header::CONTENT_LENGTH, body.len())
        .header(axum::http::header::COOKIE, &admin)
        .body(axum::body::Body::from(body))
        .unwrap();
    let (status, _, html) = app.send(req).await;
    assert_eq!(status, StatusCode::OK, "{html}");
    assert_eq!(html.matches("errors.csv 第").count(), 8, "{html}");
    assert!(html.contains("第6行 E列（所属街道） [street]"), "{html}");
    let (_, _, cov) = app.get(&format!("/safety/coverage?{DAY}"), &admin).await;
    assert!(cov.contains("企业数：3000"), "nothing was written: {cov}");
}

/// The public posting is open to everyone and so limited per client, as the
/// portal's searches are: a burst passes, a scraper walking codes gets 429.
#[tokio::test]
async fn the_public_posting_is_rate_limited_per_client() {
    let app = common::app().await;
    let burst = zonegov_web::auth::bucket::CLIENT_BURST as usize;
    for i in 0..burst {
        let (status, _, html) = app
            .get(&format!("/public/enterprises/{IN_P01}?{DAY}"), "")
            .await;
        assert_eq!(status, StatusCode::OK, "request {i}: {html}");
    }
    let (status, _, html) = app
        .get(&format!("/public/enterprises/{IN_P04}?{DAY}"), "")
        .await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{html}");
    assert!(html.contains("请求过于频繁"), "{html}");
}
