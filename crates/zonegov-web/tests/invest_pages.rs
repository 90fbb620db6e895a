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

/// The sheets of an xlsx body: name → rows of cells as text (numbers as written).
fn sheets(bytes: Vec<u8>) -> Vec<(String, Vec<Vec<calamine::Data>>)> {
    use calamine::Reader;
    let mut book = calamine::Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    book.sheet_names()
        .into_iter()
        .map(|n| {
            let r = book.worksheet_range(&n).unwrap();
            (n, r.rows().map(<[calamine::Data]>::to_vec).collect())
        })
        .collect()
}

fn num(d: &calamine::Data) -> f64 {
    match d {
        calamine::Data::Float(f) => *f,
        calamine::Data::Int(i) => *i as f64,
        other => panic!("not a number: {other:?}"),
    }
}

#[tokio::test]
async fn dashboards_export_to_xlsx_with_the_figures_of_the_pages() {
    let app = common::app_with(|_| {}, Default::default()).await;
    let cookie = admin(&app).await;
    let day = "as_of=2024-12-31";

    // The pipeline: 83 landed projects of at least 1亿 since 2022, by year, as numbers.
    let (status, headers, body) = app
        .get_bytes(&format!("/invest/pipeline.xlsx?{day}"), &cookie)
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        headers[axum::http::header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .contains("spreadsheetml")
    );
    let book = sheets(body);
    let names: Vec<&str> = book.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "项目明细",
            "按阶段",
            "亿元以上按年度",
            "亿元以上按产业",
            "按园区投资"
        ]
    );
    let by_year = &book[2].1;
    assert_eq!(by_year[1][0].to_string(), "年度");
    let since_2022: f64 = by_year[2..]
        .iter()
        .filter(|r| r[0].to_string().as_str() >= "2022")
        .map(|r| num(&r[1]))
        .sum();
    assert_eq!(since_2022, 83.0);
    let projects = &book[0].1;
    assert!(
        projects
            .iter()
            .any(|r| r[1].to_string().contains("小松") && num(&r[4]) == 106.0),
        "{projects:?}"
    );
    // The page's filters apply: only projects of at least 100亿 (小松, 长城).
    let (_, _, body) = app
        .get_bytes(
            &format!("/invest/pipeline.xlsx?{day}&min_amount=100%E4%BA%BF"),
            &cookie,
        )
        .await;
    let amounts: Vec<f64> = sheets(body)[0].1[2..].iter().map(|r| num(&r[4])).collect();
    assert_eq!(amounts, [116.0, 106.0]);

    // Talent by tier: the seed's counts, as numbers.
    let (status, _, body) = app.get_bytes(&format!("/talent.xlsx?{day}"), &cookie).await;
    assert_eq!(status, StatusCode::OK);
    let book = sheets(body);
    let tiers: Vec<f64> = book[0].1[2..].iter().map(|r| num(&r[1])).collect();
    assert_eq!(tiers, [3.0, 19.0, 31.0, 45.0, 400.0, 45_000.0]);
    // Names leave masked.
    let people = &book[2].1;
    assert!(
        people.len() > 2 && people[2..].iter().all(|r| r[1].to_string().contains('*')),
        "{people:?}"
    );

    // The revolving pool: the page's balance is the last row's, = size − lent, and
    // the 11 loans made by the date are listed.
    let (_, _, html) = app.get(&format!("/talent/quota?{day}"), &cookie).await;
    let balance: f64 = html
        .split("id=\"balance\">")
        .nth(1)
        .and_then(|s| s.split('<').next())
        .unwrap()
        .parse()
        .unwrap();
    let (status, _, body) = app
        .get_bytes(&format!("/talent/quota.xlsx?{day}"), &cookie)
        .await;
    assert_eq!(status, StatusCode::OK);
    let book = sheets(body);
    let last = book[0].1.last().unwrap();
    assert_eq!(num(&last[3]), balance);
    assert_eq!(num(&last[3]), num(&last[1]) - num(&last[2]));
    assert_eq!(book[1].1.len() - 2, 11, "eleven loans");

    // The chain gap map: every gap node marked.
    let (status, _, html) = app.get(&format!("/invest/chains?{day}"), &cookie).await;
    assert_eq!(status, StatusCode::OK);
    let gaps_on_page: usize = html
        .split("id=\"gap-count\">")
        .nth(1)
        .and_then(|s| s.split('<').next())
        .unwrap()
        .parse()
        .unwrap();
    let (_, _, body) = app
        .get_bytes(&format!("/invest/chains.xlsx?{day}"), &cookie)
        .await;
    let book = sheets(body);
    let marked = book[0].1[2..].iter().filter(|r| r[8] == "是").count();
    assert_eq!(marked, gaps_on_page);

    // Each export is audited.
    let audit = app.store.audit().audit_chain().await.unwrap();
    for action in [
        "export.pipeline",
        "export.talent",
        "export.quota",
        "export.chains",
    ] {
        assert!(audit.iter().any(|e| e.draft.action == action), "{action}");
    }
}

#[tokio::test]
async fn exports_and_the_api_need_their_permissions_and_mask() {
    let app = common::app_with(|_| {}, Default::default()).await;
    // Without a role nothing exports; the button shows only with the permission.
    let nobody = app.login_as("nobody1", "N08", None, &[]).await;
    for path in [
        "/invest/pipeline.xlsx",
        "/invest/chains.xlsx",
        "/talent.xlsx",
        "/talent/quota.xlsx",
    ] {
        let (status, _, _) = app.get_bytes(path, &nobody).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{path}");
    }
    // A park's staff export their park's projects only, with code names only.
    let park = app.login_as("park3", "N08", Some("P04"), &["park"]).await;
    let (_, _, html) = app.get("/invest/pipeline?as_of=2024-12-31", &park).await;
    assert!(html.contains("pipeline-xlsx"), "the export button");
    let (status, _, body) = app
        .get_bytes("/invest/pipeline.xlsx?as_of=2024-12-31", &park)
        .await;
    assert_eq!(status, StatusCode::OK);
    let rows = sheets(body).swap_remove(0).1;
    assert!(rows.len() > 2);
    assert!(
        rows[2..].iter().all(|r| r[3] == "医药健康产业园"),
        "{rows:?}"
    );
    assert!(
        !rows
            .iter()
            .flatten()
            .any(|c| c.to_string().contains("示例真实名称"))
    );

    // The API: a park user sees its park's projects only; confidential names withheld.
    let (status, _, body) = app.get("/api/v1/projects?as_of=2024-12-31", &park).await;
    assert_eq!(status, StatusCode::OK);
    let page: serde_json::Value = serde_json::from_str(&body).unwrap();
    let items = page["items"].as_array().unwrap();
    assert!(!items.is_empty());
    assert!(items.iter().all(|p| p["park"] == "P04"), "{items:?}");
    assert!(
        !body.contains("示例真实名称"),
        "no real name through the API"
    );

    // Talents through the API: never a full name, even for an administrator.
    let cookie = admin(&app).await;
    let (_, _, body) = app
        .get("/api/v1/projects?as_of=2024-12-31&limit=500", &cookie)
        .await;
    assert!(
        !body.contains("示例真实名称") && body.contains(zonegov_domain::project::WITHHELD),
        "a confidential project's real name is withheld through the API"
    );
    let (status, _, body) = app.get("/api/v1/talents?as_of=2024-12-31", &cookie).await;
    assert_eq!(status, StatusCode::OK);
    assert!(!body.contains("示例人才01号"), "full names stay masked");
    assert!(
        body.contains("\"full_name\":\"示*"),
        "{}",
        &body[..body.len().min(600)]
    );
    let code = serde_json::from_str::<serde_json::Value>(&body).unwrap()["items"][0]["code"]
        .as_str()
        .unwrap()
        .to_owned();
    let (status, _, one) = app.get(&format!("/api/v1/talents/{code}"), &cookie).await;
    assert_eq!(status, StatusCode::OK);
    assert!(!one.contains("示例人才"), "{one}");
    for path in [
        "/api/v1/chain-nodes",
        "/api/v1/platforms",
        "/api/v1/quota-pools",
        "/api/v1/quota-loans",
    ] {
        let (status, _, body) = app.get(&format!("{path}?as_of=2024-12-31"), &cookie).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert!(
            !serde_json::from_str::<serde_json::Value>(&body).unwrap()["items"]
                .as_array()
                .unwrap()
                .is_empty(),
            "{path}"
        );
    }
}

#[tokio::test]
async fn bad_export_parameters_are_named_and_nothing_is_exported_or_audited() {
    let app = common::app_with(|_| {}, Default::default()).await;
    let cookie = admin(&app).await;
    let exports = |a: &App| {
        let store = a.store.clone();
        async move {
            store
                .audit()
                .audit_chain()
                .await
                .unwrap()
                .into_iter()
                .filter(|e| e.draft.action.starts_with("export."))
                .count()
        }
    };
    let before = exports(&app).await;
    for (uri, named) in [
        ("/invest/pipeline.xlsx?min_amount=1500", "1500"),
        ("/invest/pipeline.xlsx?stage=nowhere", "nowhere"),
        ("/invest/pipeline.xlsx?park=%3Cscript%3E", "park"),
        ("/invest/pipeline.xlsx?stall_days=-3", "stall_days"),
        ("/talent/quota.xlsx?within=soon", "within"),
        ("/talent.xlsx?as_of=2024-13-01", "2024-13-01"),
    ] {
        let (status, headers, body) = app.get(uri, &cookie).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{uri}");
        assert!(
            !headers[axum::http::header::CONTENT_TYPE]
                .to_str()
                .unwrap()
                .contains("spreadsheetml"),
            "{uri}"
        );
        assert!(body.contains(named), "{uri}: {body}");
        assert!(!body.contains("<script>"), "{uri}: the value is escaped");
    }
    assert_eq!(
        exports(&app).await,
        before,
        "a refused export is not audited as one"
    );
}
