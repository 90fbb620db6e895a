#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test
//! Rendered pages of the demo zone on fixed dates, pinned with insta, and checks
//! that hostile text from the data reaches the page escaped.

mod common;

use axum::http::StatusCode;
use common::App;

/// An administrator's view of the demo zone (or of a mutated copy of it).
async fn demo(mutate: impl FnOnce(&mut zonegov_domain::HistoryParts)) -> (App, String) {
    let app = common::app_with(mutate, Default::default()).await;
    let cookie = app.login_as("tester", "GWH", None, &["admin"]).await;
    (app, cookie)
}

async fn get(app: &(App, String), uri: &str) -> (StatusCode, String) {
    let (status, _, body) = app.0.get(uri, &app.1).await;
    (status, body)
}

#[tokio::test]
async fn pages_on_fixed_dates() {
    let store = demo(|_| {}).await;
    for (name, uri) in [
        ("dashboard_2024", "/?as_of=2024-12-31"),
        ("dashboard_2021_en", "/?as_of=2021-06-30&lang=en"),
        ("institutions_2019", "/institutions?as_of=2019-12-31"),
        ("parks_2024", "/parks?as_of=2024-12-31"),
        ("institution_n04_2024", "/institutions/N04?as_of=2024-12-31"),
        ("park_p02_2024", "/parks/P02?as_of=2024-12-31"),
        ("staffing_ledger_2024", "/staffing?as_of=2024-12-31"),
        ("staffing_n08_2024", "/staffing/N08?as_of=2024-12-31"),
        ("reforms", "/reforms?as_of=2024-12-31"),
        (
            "reform_lineage_c2024",
            "/reforms/C2024/lineage?as_of=2024-12-31",
        ),
    ] {
        let (status, html) = get(&store, uri).await;
        assert_eq!(status, StatusCode::OK, "{uri}");
        insta::assert_snapshot!(name, html);
    }
}

/// A lineage link reads in its relation's direction on both entities' pages: a split
/// names the new body first ("B 分设自 A"), a merger the old one ("A 并入 B"). The demo
/// has no split (经济运行局 was added, not split off), so the test adds one.
#[tokio::test]
async fn lineage_reads_in_the_direction_of_each_relation() {
    let store = demo(|p| {
        let mut split = p.lineage[0].clone();
        split.predecessor = zonegov_domain::Code::parse("N04").unwrap();
        split.successor = zonegov_domain::Code::parse("N13").unwrap();
        split.relation = zonegov_domain::Relation::SplitFrom;
        split.date = "2023-04-01".parse().unwrap();
        split.change = zonegov_domain::Code::parse("C2023A").unwrap();
        p.lineage.push(split);
    })
    .await;
    let n13 = r#"<a href="/institutions/N13?as_of=2024-12-31">经济运行局 N13</a>"#;
    let n04 = r#"<a href="/institutions/N04?as_of=2024-12-31">发展改革局(统计局) N04</a>"#;
    let split = format!("2023-04-01 · {n13} 分设自 {n04}");
    for (code, side) in [("N04", "后继"), ("N13", "前身")] {
        let (status, html) = get(&store, &format!("/institutions/{code}?as_of=2024-12-31")).await;
        assert_eq!(status, StatusCode::OK);
        assert!(
            html.contains(&format!("<li>{side} · {split}")),
            "{code}: {}",
            html.lines()
                .filter(|l| l.contains("分设"))
                .collect::<Vec<_>>()
                .join("\n")
        );
        assert!(
            !html.contains(&format!("{n04} 分设自 {n13}")),
            "{code}: backwards"
        );
    }
    let (_, html) = get(&store, "/institutions/N04?as_of=2024-12-31&lang=en").await;
    assert!(
        html.contains("Economic Operation Bureau N13</a> split from <a"),
        "en"
    );
    let (_, html) = get(&store, "/institutions/N04?as_of=2024-12-31").await;
    assert!(html.contains(
        r#"<li>前身 · 2020-07-01 · <a href="/institutions/O10?as_of=2024-12-31">经济发展局 O10</a> 并入 "#
    ));
}

#[tokio::test]
async fn hostile_text_is_escaped_on_every_page() {
    let hostile = "<script>alert('园')</script>＜img src=x onerror=1＞\"'&";
    let store = demo(|p| {
        let parks = p.records.of_mut::<zonegov_domain::Park>();
        parks[0].attrs.name.zh = hostile.into();
        parks[0].attrs.industries = vec![hostile.into()];
        p.records.of_mut::<zonegov_domain::Institution>()[0]
            .attrs
            .name
            .zh = hostile.into();
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
        let (status, html) = get(&store, uri).await;
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
    let store = demo(|_| {}).await;
    let (status, html) = get(&store, "/parks?as_of=2024-02-30").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(html.contains("2024-02-30"));
    let (status, _) = get(&store, "/parks/%3Cx%3E").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, body) = get(&store, "/api/v1/diff?from=2024-01-01&to=bad").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body.contains("bad"));
}

/// The public portal's figure cards carry the same 示意 mark as the dashboard's: park
/// kinds are illustrative, the park count (12 before the 2024 integration) is stated.
#[tokio::test]
async fn public_figures_from_illustrative_data_are_marked() {
    let store = demo(|_| {}).await;
    let (status, html) = get(&store, "/public?as_of=2021-06-30").await;
    assert_eq!(status, StatusCode::OK);
    let cards: Vec<&str> = html
        .split("<div class=\"card\">")
        .skip(1)
        .map(|c| c.split("</div></div>").next().unwrap_or(c))
        .collect();
    let marked = |label: &str| {
        let card = cards
            .iter()
            .find(|c| c.contains(&format!(">{label}<")))
            .unwrap_or_else(|| panic!("no card {label}: {cards:?}"));
        card.contains(">示意</span>")
    };
    assert!(
        !marked("园区数量"),
        "12 parks before the integration is stated"
    );
    assert!(
        !marked("内设机构"),
        "12 internal institutions after 2020 is stated"
    );
    assert!(marked("专业园区") && marked("功能园区") && marked("属地园区"));
}
