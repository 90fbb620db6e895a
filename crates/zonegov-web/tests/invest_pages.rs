#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test
//! The investment and talent pages on the demo: pinned with insta; a confidential
//! project's real name only for whom may see it; a park's staff see their park's
//! projects only; talents' names masked unless unmasked by permission, audited; bad
//! filters named; hostile text escaped.

mod common;

use axum::http::StatusCode;
use common::App;
use zonegov_domain::project::Project;

async fn admin(app: &App) -> String {
    app.login_as("tester", "GWH", None, &["admin"]).await
}

#[tokio::test]
async fn pages_on_a_fixed_date() {
    let app = common::app_with(|_| {}, Default::default()).await;
    let cookie = admin(&app).await;
    for (name, uri) in [
        ("invest_pipeline_2024", "/invest/pipeline?as_of=2024-12-31"),
        ("invest_chains_2024", "/invest/chains?as_of=2024-12-31"),
        ("talent_2024", "/talent?as_of=2024-12-31"),
        ("talent_quota_2024", "/talent/quota?as_of=2024-12-31"),
    ] {
        let (status, _, html) = app.get(uri, &cookie).await;
        assert_eq!(status, StatusCode::OK, "{uri}");
        insta::assert_snapshot!(name, html);
    }
}

#[tokio::test]
async fn confidential_names_and_scopes() {
    let app = common::app_with(|_| {}, Default::default()).await;
    let leader = app.login_as("leader1", "GWH", None, &["leader"]).await;
    let park = app.login_as("park1", "N08", Some("P04"), &["park"]).await;
    let uri = "/invest/pipeline?as_of=2024-12-31";
    let (_, _, seen) = app.get(uri, &leader).await;
    assert!(
        seen.contains("示例真实名称"),
        "the leader may see real names"
    );
    let (_, _, all) = app.get(&format!("{uri}&stage=talks"), &leader).await;
    let (status, _, html) = app.get(uri, &park).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        !html.contains("示例真实名称"),
        "park staff see code names only"
    );
    // Every project row on the park user's page is in P04 (医药健康产业园).
    let rows: Vec<&str> = html.lines().filter(|l| l.contains("<td>XM")).collect();
    assert!(!rows.is_empty());
    assert!(
        rows.iter().all(|r| r.contains("医药健康产业园")),
        "{rows:?}"
    );
    assert!(all.matches("<td>XM").count() > 0);
    // Filtering by amount takes the unit; a bare number is named, not guessed.
    let (status, _, html) = app.get(&format!("{uri}&min_amount=1500"), &leader).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(html.contains("1500"));
    let (_, _, big) = app
        .get(&format!("{uri}&min_amount=100%E4%BA%BF"), &leader)
        .await;
    assert!(big.contains("116亿元") && big.contains("106亿元") && !big.contains("8000万元"));
}

#[tokio::test]
async fn talents_are_masked_unless_unmasked_with_permission_and_audited() {
    let app = common::app_with(|_| {}, Default::default()).await;
    let park = app.login_as("park2", "N08", Some("P04"), &["park"]).await;
    let (_, _, html) = app.get("/talent?as_of=2024-12-31&unmask=1", &park).await;
    assert!(
        !html.contains("示例人才01号") && html.contains("示*****"),
        "masked for park staff"
    );
    let unmasked = |a: &App| {
        let store = a.store.clone();
        async move {
            store
                .audit()
                .audit_chain()
                .await
                .unwrap()
                .into_iter()
                .filter(|e| e.draft.action == "talent.unmasked")
                .count()
        }
    };
    assert_eq!(unmasked(&app).await, 0);
    let staffing = app.login_as("staffing1", "N02", None, &["staffing"]).await;
    let (_, _, html) = app.get("/talent?as_of=2024-12-31", &staffing).await;
    assert!(!html.contains("示例人才01号"), "masked until asked");
    let (_, _, html) = app
        .get("/talent?as_of=2024-12-31&unmask=1", &staffing)
        .await;
    assert!(html.contains("示例人才01号"));
    assert_eq!(unmasked(&app).await, 1);
}

#[tokio::test]
async fn hostile_project_names_are_escaped() {
    let hostile = "<script>alert('项')</script>";
    let app = common::app_with(
        |p| {
            p.records.of_mut::<Project>()[0].attrs.name.zh = hostile.into();
        },
        Default::default(),
    )
    .await;
    let cookie = admin(&app).await;
    for uri in [
        "/invest/pipeline?as_of=2024-12-31",
        "/projects?as_of=2024-12-31",
    ] {
        let (status, _, html) = app.get(uri, &cookie).await;
        assert_eq!(status, StatusCode::OK, "{uri}");
        assert!(!html.contains("<script>alert"), "{uri}");
        assert!(html.contains("&#60;script&#62;alert("), "{uri}");
    }
}

/// The upload page: for whom may import only; a sheet with an amount without unit
/// and an unknown industry names each cell and writes nothing.
#[tokio::test]
async fn the_upload_page_names_every_bad_cell_and_writes_nothing() {
    let app = common::app().await;
    let leader = app.login_as("sun.qi", "GWH", None, &["leader"]).await;
    let (status, _, _) = app.get("/invest/import", &leader).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let admin = admin(&app).await;
    let (status, _, html) = app.get("/invest/import", &admin).await;
    assert_eq!(status, StatusCode::OK, "{html}");
    let bad = std::fs::read(
        std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../zonegov-app/tests/fixtures/projects/bad.csv"),
    )
    .unwrap();
    const B: &str = "zgBoundaryProjects42";
    let mut body = Vec::new();
    for (k, v) in [
        ("_csrf", common::CSRF),
        ("effective", "2024-12-01"),
        ("doc_no", "示例〔2024〕20号"),
    ] {
        body.extend_from_slice(
            format!("--{B}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n")
                .as_bytes(),
        );
    }
    body.extend_from_slice(format!("--{B}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"bad.csv\"\r\nContent-Type: text/csv\r\n\r\n").as_bytes());
    body.extend_from_slice(&bad);
    body.extend_from_slice(format!("\r\n--{B}--\r\n").as_bytes());
    let req = axum::http::Request::post("/invest/import")
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
    assert_eq!(html.matches("bad.csv 第").count(), 4, "{html}");
    assert!(html.contains("第2行 D列（投资额） [amount]"), "{html}");
    let (_, _, list) = app.get("/invest/pipeline?as_of=2024-12-31", &admin).await;
    assert!(
        !list.contains("XN11") && !list.contains("XN14"),
        "nothing was written"
    );
}
