#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test
//! The public portal of the power list, through the real router on the demo zone
//! plus a few items: no sign-in, ranked search with highlights, the item page
//! (pinned with insta), JSON, hostile queries, and nothing internal.

mod common;

use axum::http::StatusCode;
use zonegov_domain::power::{Accountability, BasisRole, Citation, PowerItem, Responsibility};
use zonegov_domain::{Code, Name, Period, Provenance, Source, Version};

fn item(code: &str, name: &str, body: &str, duty: &str) -> Version<PowerItem> {
    Version {
        code: Code::parse(code).unwrap(),
        period: Period::new("2024-01-01".parse().unwrap(), None).unwrap(),
        change: Code::parse("C2015").unwrap(),
        attrs: PowerItem {
            name: Name::new(name, ""),
            sub_item: None,
            item_type: "CF".into(),
            body: Code::parse(body).unwrap(),
            handling_unit: Some("执法科".into()),
            level: Some("区级".into()),
            basis: vec![Citation {
                law: "中华人民共和国消防法".into(),
                article: Some("第六十条".into()),
                clause: Some("第一款".into()),
                item: None,
                role: BasisRole::Setting,
            }],
            responsibilities: vec![
                Responsibility {
                    step: "立案".into(),
                    duty: duty.into(),
                    basis: vec![],
                },
                Responsibility {
                    step: "决定".into(),
                    duty: "依法作出处罚决定<script>".into(),
                    basis: vec![Citation {
                        law: "中华人民共和国行政处罚法".into(),
                        article: Some("第五十七条".into()),
                        clause: None,
                        item: None,
                        role: BasisRole::Implementing,
                    }],
                },
            ],
            accountability: vec![Accountability {
                situation: "对应当立案而不立案的".into(),
                basis: vec![],
            }],
            supervision_phone: Some("0537-2345678".into()),
            remarks: None,
            provenance: Provenance {
                source: Source::Illustrative,
                basis: "内部说明：审核人备注不应公开".into(),
                facts: vec![],
            },
        },
    }
}

async fn app() -> common::App {
    common::app_with(
        |p| {
            p.records.push(item(
                "CF0001",
                "对违反消防安全管理规定的处罚",
                "N04",
                "对消防检查中发现的违法行为立案",
            ));
            p.records.push(item("CF0002", "消防", "N08", "立案"));
            p.records.push(item(
                "CF0003",
                "对擅自改变建设用地用途的处罚",
                "N04",
                "立案",
            ));
        },
        Default::default(),
    )
    .await
}

#[tokio::test]
async fn the_portal_is_public_and_shows_only_the_published_item() {
    let app = app().await;
    let (status, _, html) = app
        .get("/public/power-items/CF0001?as_of=2024-06-01", "")
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("对消防检查中发现的违法行为立案"));
    assert!(html.contains("《中华人民共和国行政处罚法》第五十七条"));
    assert!(html.contains("0537-2345678"));
    assert!(!html.contains("处罚决定<script>"), "data is escaped");
    assert!(
        !html.contains("审核人备注"),
        "provenance notes are internal"
    );
    insta::assert_snapshot!("power_item_cf0001", html);
    let (status, _, _) = app.get("/public/power-items/NOPE", "").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    // A bad date: the JSON API answers in JSON naming the parameter, the page as a page.
    let (status, _, body) = app
        .get("/api/v1/public/power-items?as_of=2024-02-30", "")
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    let err: serde_json::Value = serde_json::from_str(&body).unwrap();
    let message = err["error"].as_str().unwrap();
    assert!(
        message.contains("as_of") && !message.contains("<html"),
        "{message}"
    );
    let (status, _, body) = app.get("/public/power-items?as_of=2024-02-30", "").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body.contains("<html"), "{body}");
}

#[tokio::test]
async fn search_ranks_the_exact_name_first_and_highlights() {
    let app = app().await;
    let (status, _, html) = app
        .get(
            "/public/power-items/search?q=%E6%B6%88%E9%98%B2&as_of=2024-06-01",
            "",
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let first = html.find("/public/power-items/CF0002").unwrap();
    let second = html.find("/public/power-items/CF0001").unwrap();
    assert!(first < second, "exact name first");
    assert!(html.contains("<mark>消防</mark>"));
    // CF0003 matches only in its legal basis (消防法): last.
    let third = html.find("/public/power-items/CF0003").unwrap();
    assert!(
        second < third,
        "a basis-only match ranks below a name match"
    );
    let (status, _, json) = app
        .get(
            "/api/v1/public/power-items/search?q=%E7%94%A8%E5%9C%B0&as_of=2024-06-01",
            "",
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["hits"][0]["code"], "CF0003");
    assert_eq!(v["hits"].as_array().unwrap().len(), 1);
    // Hostile queries are plain text: no error.
    for q in [
        "%22",
        "%2A",
        "NEAR(%E6%B6%88",
        "a%3Ab",
        "%28%28%28",
        "%27%3B--",
    ] {
        let (status, _, _) = app
            .get(&format!("/api/v1/public/power-items/search?q={q}"), "")
            .await;
        assert_eq!(status, StatusCode::OK, "{q}");
    }
}

#[tokio::test]
async fn counts_by_body_and_type_item_json_and_changes() {
    let app = app().await;
    let (status, _, json) = app
        .get("/api/v1/public/power-items?as_of=2024-06-01", "")
        .await;
    assert_eq!(status, StatusCode::OK);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["items"], 3);
    assert_eq!(v["responsibilities"], 6);
    assert_eq!(v["by_body"][0]["code"], "N04");
    assert_eq!(v["by_body"][0]["items"], 2);
    let (_, _, html) = app.get("/public/power-items?as_of=2024-06-01", "").await;
    assert!(html.contains("/public/power-items?body=N04"));
    let (_, _, html) = app
        .get("/public/power-items?body=N08&as_of=2024-06-01", "")
        .await;
    assert!(html.contains("CF0002") && !html.contains("CF0001"));
    let (status, _, json) = app
        .get("/api/v1/public/power-items/CF0001?as_of=2024-06-01", "")
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(!json.contains("审核人备注"));
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["item"]["responsibilities"][0]["step"], "立案");
    let (_, _, json) = app
        .get(
            "/api/v1/public/power-items/changes?since=2023-12-31&as_of=2024-06-01",
            "",
        )
        .await;
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 3);
    let (_, _, json) = app
        .get(
            "/api/v1/public/power-items/changes?since=2024-01-01&as_of=2024-06-01",
            "",
        )
        .await;
    assert_eq!(json, "[]");
    let (status, _, _) = app
        .get("/api/v1/public/power-items/changes?since=nonsense", "")
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn a_burst_of_searches_from_one_client_is_limited() {
    let app = app().await;
    let mut statuses = Vec::new();
    for _ in 0..60 {
        statuses.push(app.get("/api/v1/public/power-items/search?q=x", "").await.0);
    }
    assert!(statuses[..40].iter().all(|s| *s == StatusCode::OK));
    assert!(statuses.contains(&StatusCode::TOO_MANY_REQUESTS));
}

#[tokio::test]
async fn signed_in_staff_also_find_the_drafts_they_may_see() {
    use zonegov_domain::power::adjustment::{Kind, NewAdjustment, ProposedItem, Trigger};
    let app = app().await;
    let draft = item("CF0009", "对违规燃放烟花爆竹的处罚", "N04", "立案");
    app.store
        .adjustments()
        .create_adjustment(&NewAdjustment {
            kind: Kind::Add,
            trigger: Trigger::LawChange,
            trigger_date: "2024-03-01".parse().unwrap(),
            body: Code::parse("N04").unwrap(),
            title: "新增烟花爆竹处罚".into(),
            drafted_by: "s.n04".into(),
            by_system: false,
            draft: vec![ProposedItem {
                code: draft.code.clone(),
                item: Some(draft.attrs),
            }],
        })
        .await
        .unwrap();
    let search = "/public/power-items/search?q=%E7%83%9F%E8%8A%B1&as_of=2024-06-01";
    // The public never sees a draft.
    let (status, _, html) = app.get(search, "").await;
    assert_eq!(status, StatusCode::OK);
    assert!(!html.contains("CF0009"), "{html}");
    // Staff of the drafting body see it, marked and linked to its adjustment.
    let n04 = app.user("s.n04", "N04", None, &["staff"]).await;
    let cookie = app.session(n04, "s.n04").await;
    let (status, _, html) = app.get(search, &cookie).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("/power/adjustments/1"), "{html}");
    assert!(html.contains("<mark>烟花</mark>"), "{html}");
    // Staff of another body do not.
    let n08 = app.user("s.n08", "N08", None, &["staff"]).await;
    let cookie = app.session(n08, "s.n08").await;
    let (_, _, html) = app.get(search, &cookie).await;
    assert!(!html.contains("CF0009"), "{html}");
}
