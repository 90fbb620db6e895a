#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test
//! The adjustment pages end to end: draft a change through the form, take every
//! step through its form (a rejection without a reason refused), publish, and read
//! the item's history with the field diff.

mod common;

use axum::http::StatusCode;
use common::CSRF;
use zonegov_domain::{Code, PowerItem, Version};

fn with_item(parts: &mut zonegov_domain::HistoryParts) {
    let item: PowerItem = serde_json::from_value(serde_json::json!({
        "name": {"zh": "统计违法行为处罚", "en": ""},
        "item_type": "CF",
        "body": "N04",
        "handling_unit": "统计科",
        "basis": [{"law": "中华人民共和国统计法", "article": "第三十七条"}],
        "responsibilities": [{"step": "受理", "duty": "依法受理"}],
        "provenance": {"source": "illustrative"}
    }))
    .unwrap();
    let change = parts.changes[0].clone();
    parts.records.push(Version {
        code: Code::parse("CF0001").unwrap(),
        period: zonegov_domain::Period::new("2021-01-01".parse().unwrap(), None).unwrap(),
        change: change.id,
        attrs: item,
    });
}

#[tokio::test]
async fn an_adjustment_goes_through_every_form_and_changes_the_item() {
    let app = common::app_with(with_item, Default::default()).await;
    let admin = app.user("w.admin", "GWH", None, &["admin"]).await;
    let cookie = app.session(admin, "w.admin").await;
    let (status, _, body) = app.get("/power/adjustments/new", &cookie).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    // Free text is bounded on the server: an over-long title is refused, nothing
    // is drafted.
    let long = "长".repeat(201);
    let (status, _, body) = app
        .post(
            "/power/adjustments",
            &cookie,
            &[
                ("_csrf", CSRF),
                ("title", long.as_str()),
                ("kind", "change"),
                ("trigger", "reform"),
                ("trigger_date", "2024-01-02"),
                ("body", "N04"),
                ("code", "CF0001"),
                ("handling_unit", "经济运行科"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert!(body.contains("201"), "{body}");
    let (status, headers, body) = app
        .post(
            "/power/adjustments",
            &cookie,
            &[
                ("_csrf", CSRF),
                ("title", "承办机构调整"),
                ("kind", "change"),
                ("trigger", "reform"),
                ("trigger_date", "2024-01-02"),
                ("body", "N04"),
                ("code", "CF0001"),
                ("handling_unit", "经济运行科"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    let at = headers["location"].to_str().unwrap().to_owned();
    assert_eq!(at, "/power/adjustments/1");
    let post = |path: &'static str, form: Vec<(&'static str, &'static str)>| {
        let mut f = vec![("_csrf", CSRF)];
        f.extend(form);
        let cookie = cookie.clone();
        let app = &app;
        async move {
            app.post(&format!("/power/adjustments/1/{path}"), &cookie, &f)
                .await
                .0
        }
    };
    assert_eq!(post("submit", vec![]).await, StatusCode::SEE_OTHER);
    assert_eq!(
        post("legal", vec![("decision", "reject")]).await,
        StatusCode::BAD_REQUEST,
        "a rejection needs a reason"
    );
    assert_eq!(
        post("staffing", vec![]).await,
        StatusCode::BAD_REQUEST,
        "not at this step"
    );
    assert_eq!(
        post("legal", vec![("decision", "pass")]).await,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        post("staffing", vec![("decision", "pass"), ("notes", "同意")]).await,
        StatusCode::SEE_OTHER
    );
    let (_, _, page) = app.get(&at, &cookie).await;
    assert!(page.contains("待公布") && page.contains("同意"), "{page}");
    assert!(
        page.contains("name=\"doc_no\""),
        "the publisher sees the publish form"
    );
    assert_eq!(
        post(
            "publish",
            vec![
                ("doc_no", "济高编发〔2024〕1号"),
                ("effective", "2024-03-01")
            ]
        )
        .await,
        StatusCode::SEE_OTHER
    );
    let (_, _, page) = app.get(&at, &cookie).await;
    assert!(
        page.contains("已公布") && page.contains("济高编发〔2024〕1号"),
        "{page}"
    );
    let (status, _, page) = app
        .get(
            "/power/history/CF0001?from=2024-02-29&to=2024-03-01",
            &cookie,
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert!(
        page.contains("<code>handling_unit</code>") && page.contains("经济运行科"),
        "{page}"
    );
    assert!(
        !page.contains("<code>name.zh</code>"),
        "only the changed field"
    );
    // The queue: nothing waits on the administrator now; a second, old draft is overdue.
    let (_, _, q) = app.get("/power/adjustments", &cookie).await;
    assert!(!q.contains("class=\"overdue\""), "{q}");
    app.post(
        "/power/adjustments",
        &cookie,
        &[
            ("_csrf", CSRF),
            ("title", "旧草稿"),
            ("kind", "cancel"),
            ("trigger", "other"),
            ("trigger_date", "2024-01-02"),
            ("body", "N04"),
            ("code", "CF0001"),
        ],
    )
    .await;
    let (_, _, q) = app.get("/power/adjustments", &cookie).await;
    assert!(
        q.contains("class=\"overdue\"") && q.contains("已超期"),
        "{q}"
    );
    // Unknown adjustments and codes are 404s.
    assert_eq!(
        app.get("/power/adjustments/99", &cookie).await.0,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get("/power/history/NOPE", &cookie).await.0,
        StatusCode::NOT_FOUND
    );
}
