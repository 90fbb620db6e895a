#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test
//! The staff views of the power list under a department's data scope: another
//! body's item reads as absent on the page and in the API, and is left out of the
//! list, the export and the staff search.

mod common;

use axum::http::StatusCode;
use zonegov_domain::{Code, PowerItem, Version};

fn item(code: &str, name: &str, body: &str) -> Version<PowerItem> {
    Version {
        code: Code::parse(code).unwrap(),
        period: zonegov_domain::Period::new("2021-01-01".parse().unwrap(), None).unwrap(),
        change: Code::parse("C2015").unwrap(),
        attrs: serde_json::from_value(serde_json::json!({
            "name": {"zh": name, "en": ""},
            "item_type": "CF",
            "body": body,
            "basis": [{"law": "中华人民共和国消防法", "article": "第六十条"}],
            "responsibilities": [{"step": "立案", "duty": "依法立案"}],
            "provenance": {"source": "illustrative"}
        }))
        .unwrap(),
    }
}

fn with_items(parts: &mut zonegov_domain::HistoryParts) {
    parts
        .records
        .push(item("CF00001000", "统计违法处罚", "N04"));
    parts
        .records
        .push(item("CF00002000", "消防违法处罚", "N11"));
}

#[tokio::test]
async fn another_bodys_item_reads_as_absent_everywhere() {
    let app = common::app_with(with_items, Default::default()).await;
    let id = app.user("s.n11", "N11", None, &["staff"]).await;
    let cookie = app.session(id, "s.n11").await;
    for uri in ["/power-items/CF00001000", "/api/v1/power-items/CF00001000"] {
        let (status, _, body) = app.get(uri, &cookie).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{uri}: {body}");
    }
    let (status, _, body) = app.get("/power-items/CF00002000", &cookie).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, _, body) = app.get("/api/v1/power-items", &cookie).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(
        body.contains("CF00002000") && !body.contains("CF00001000"),
        "{body}"
    );
    let (status, _, body) = app.get("/power-items?q=%E5%A4%84%E7%BD%9A", &cookie).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(
        body.contains("CF00002000") && !body.contains("CF00001000"),
        "{body}"
    );
    let (status, _, body) = app.get("/power-items/export.csv", &cookie).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(
        body.contains("CF00002000") && !body.contains("CF00001000"),
        "{body}"
    );
}
