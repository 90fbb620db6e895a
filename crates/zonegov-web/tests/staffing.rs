#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test
//! 三定 through the real router: a role without `org:staffing:personal` never
//! receives a staff member's name (page or API), a role with it does and each such
//! view is audited, data scopes hold, and the ledger is the domain's.

mod common;

use axum::http::StatusCode;
use std::path::PathBuf;

/// Every full name on the demo 三定 of `code`, read from the CSV file.
fn names_of(code: &str) -> Vec<String> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data/demo/staffing.csv");
    let mut r = csv::Reader::from_path(path).unwrap();
    let head = r.headers().unwrap().clone();
    let at = |n: &str| head.iter().position(|h| h == n).unwrap();
    let (c, occ) = (at("code"), at("occupancy"));
    let mut out: Vec<String> = r
        .records()
        .map(Result::unwrap)
        .filter(|rec| &rec[c] == code)
        .flat_map(|rec| {
            rec[occ]
                .split('|')
                .map(|e| e.split(';').next().unwrap().to_owned())
                .collect::<Vec<_>>()
        })
        .collect();
    out.sort();
    out.dedup();
    assert!(out.len() > 5, "{code} has staff in the demo");
    out
}

async fn personal_views(app: &common::App) -> Vec<(String, String)> {
    app.store
        .audit()
        .audit_chain()
        .await
        .unwrap()
        .into_iter()
        .filter(|e| e.draft.action == "staffing.personal_view")
        .map(|e| (e.draft.actor, e.draft.target))
        .collect()
}

const PAGES: [&str; 3] = [
    "/staffing/N04?as_of=2024-12-31",
    "/staffing/N04?as_of=2021-06-30&lang=en",
    "/api/v1/staffing/N04?as_of=2024-12-31",
];

#[tokio::test]
async fn names_reach_only_roles_that_need_them_and_every_unmasked_view_is_audited() {
    let app = common::app().await;
    let names = names_of("N04");
    let leader = app.login_as("lead.er", "GWH", None, &["leader"]).await;
    for uri in PAGES {
        let (status, _, body) = app.get(uri, &leader).await;
        assert_eq!(status, StatusCode::OK, "{uri}");
        for n in &names {
            assert!(!body.contains(n.as_str()), "{uri} shows {n}");
        }
        let surname: String = names[0].chars().take(1).collect();
        assert!(
            body.contains(&format!("{surname}*")),
            "{uri} shows masked names"
        );
    }
    assert_eq!(personal_views(&app).await, vec![]);

    let office = app.login_as("bian.ban", "GWH", None, &["staffing"]).await;
    for uri in PAGES {
        let (status, _, body) = app.get(uri, &office).await;
        assert_eq!(status, StatusCode::OK, "{uri}");
        for n in &names {
            assert!(body.contains(n.as_str()), "{uri} lacks {n}");
        }
    }
    let seen = personal_views(&app).await;
    assert_eq!(seen.len(), PAGES.len());
    assert!(
        seen.iter()
            .all(|(a, t)| a == "bian.ban" && t == "staffing/N04"),
        "{seen:?}"
    );
}

#[tokio::test]
async fn a_scoped_user_sees_its_own_body_only_and_the_ledger_is_the_domains() {
    let app = common::app().await;
    let staff = app.login_as("n04.staff", "N04", None, &["staff"]).await;
    let (status, _, _) = app.get("/staffing/N04", &staff).await;
    assert_eq!(status, StatusCode::OK);
    for uri in ["/staffing/N05", "/api/v1/staffing/N05"] {
        let (status, _, body) = app.get(uri, &staff).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{uri}");
        assert!(!body.contains("财政金融局"), "{uri}");
    }
    let (_, _, body) = app
        .get("/api/v1/staffing/ledger?as_of=2024-12-31", &staff)
        .await;
    let l: serde_json::Value = serde_json::from_str(&body).unwrap();
    let codes: Vec<&str> = l["bodies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["N04"]);

    let admin = app.login_as("ad.min", "GWH", None, &["admin"]).await;
    let (_, _, body) = app
        .get("/api/v1/staffing/ledger?as_of=2024-12-31", &admin)
        .await;
    let got: serde_json::Value = serde_json::from_str(&body).unwrap();
    let h = zonegov_store::history(app.store.as_ref())
        .await
        .unwrap()
        .unwrap();
    let want = zonegov_domain::staffing::ledger(&h, "2024-12-31".parse().unwrap());
    assert_eq!(got, serde_json::to_value(&want).unwrap());
    let (status, headers, csv) = app
        .get("/staffing/ledger.csv?as_of=2024-12-31", &admin)
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        headers[axum::http::header::CONTENT_DISPOSITION]
            .to_str()
            .unwrap()
            .contains("staffing-ledger-2024-12-31.csv")
    );
    assert!(csv.contains("N08") && csv.contains("合计"), "{csv}");
    let (status, _, _) = app
        .get("/staffing/ledger.xlsx?as_of=2024-12-31", &admin)
        .await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn the_reform_timeline_and_its_lineage_api() {
    let app = common::app().await;
    let leader = app.login_as("lead.er", "GWH", None, &["leader"]).await;
    let (status, _, html) = app.get("/reforms", &leader).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("/reforms/C2020/lineage") && html.contains("/reforms/C2024/lineage"));
    let (status, _, body) = app.get("/api/v1/reforms/C2020/lineage", &leader).await;
    assert_eq!(status, StatusCode::OK);
    let flows: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(
        (flows[0]["before"].as_u64(), flows[0]["after"].as_u64()),
        (Some(37), Some(12))
    );
    let (status, _, html) = app.get("/reforms/C2024/lineage", &leader).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("12 → 10") && !html.contains("<script>"),
        "{html}"
    );
    let (status, _, _) = app.get("/api/v1/reforms/NOPE/lineage", &leader).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}
