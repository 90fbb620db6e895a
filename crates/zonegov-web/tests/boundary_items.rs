#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test
//! The duty-boundary list through the generic record pages and API: the demo's
//! items are listed, an item's page shows each step's lead and cooperating parties
//! and the lint for that day, which names a party a reform abolished.

mod common;

use axum::http::StatusCode;
use zonegov_domain::Code;
use zonegov_domain::boundary::BoundaryItem;

#[tokio::test]
async fn the_list_its_items_and_the_api_show_the_demo_list() {
    let app = common::app().await;
    let me = app.login_as("sun.qi", "GWH", None, &["leader"]).await;

    let (status, _, html) = app.get("/boundary-items?as_of=2024-06-30", &me).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("建设项目用地预审与选址"), "{html}");
    assert!(html.contains("12345热线诉求办理"));

    let (status, _, html) = app.get("/boundary-items/B101?as_of=2024-06-30", &me).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("牵头：自然资源和规划建设局 N10"), "{html}");
    assert!(html.contains("配合：投资促进局 N07"));
    assert!(html.contains("清单检查"));

    let (status, _, body) = app
        .get("/api/v1/boundary-items?as_of=2024-06-30&limit=100", &me)
        .await;
    assert_eq!(status, StatusCode::OK);
    let page: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(page["items"].as_array().map(Vec::len), Some(47), "{body}");
}

/// An item whose step is led by a body the 2020 reform merged away: its page
/// names the successor from lineage.
#[tokio::test]
async fn an_items_page_names_the_successor_of_an_abolished_party() {
    let app = common::app_with(
        |parts| {
            let mut v = parts.versions::<BoundaryItem>()[0].clone();
            v.code = Code::parse("B999").unwrap();
            v.attrs.steps[0].lead.party.code =
                zonegov_domain::boundary::PartyCode::Named(Code::parse("O10").unwrap());
            parts.records.push(v);
        },
        Default::default(),
    )
    .await;
    let me = app.login_as("sun.qi", "GWH", None, &["leader"]).await;
    let (status, _, html) = app.get("/boundary-items/B999?as_of=2024-06-30", &me).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("已因改革撤并，建议改由发展改革局"), "{html}");
}
