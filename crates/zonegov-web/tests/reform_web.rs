#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test
//! The reform screens: a merge plan uploaded through the wizard is previewed (the
//! power items it moves, the 三定 it flags), refused without the CSRF token, applied
//! with it (the body ends), and its flags reach the work queue; a second apply from
//! an older preview is refused as stale and writes nothing; the quick forms go to
//! the same preview; a user without the permission is refused.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use common::{App, CSRF};
use std::path::PathBuf;
use zonegov_domain::{Code, EntityKind, Institution, NaiveDate, PowerItem, Record};
use zonegov_store::VersionQuery;

const BOUNDARY: &str = "zgBoundaryReform0123456789";

const MERGE: &str = r#"id = "C2025M"
effective = "2025-01-01"
doc_no = "示例〔2025〕3号"
reason = { zh = "财政金融局、科技创新局并入发展改革局" }

[[operations]]
op = "merge"
target = "institution"
from = ["N05", "N06"]
into = "N04"
"#;

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn code(s: &str) -> Code {
    Code::parse(s).unwrap()
}

/// The demo zone with its power list (the shared fixture leaves the list out).
async fn with_power_list() -> App {
    common::app_with(
        |parts| {
            let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data/demo");
            *parts = zonegov_io::read_dataset(&dir).unwrap().parts;
        },
        Default::default(),
    )
    .await
}

fn upload(cookie: &str, csrf: &str, file_name: &str, bytes: &[u8]) -> Request<Body> {
    let mut body = Vec::new();
    body.extend_from_slice(
        format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n{csrf}\r\n")
            .as_bytes(),
    );
    body.extend_from_slice(
        format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\nContent-Type: application/octet-stream\r\n\r\n").as_bytes(),
    );
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{BOUNDARY}--\r\n").as_bytes());
    Request::post("/reforms/new")
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .header(header::CONTENT_LENGTH, body.len())
        .header(header::COOKIE, cookie)
        .body(Body::from(body))
        .unwrap()
}

/// The apply form's preview id, as the page carries it.
fn pending_id(html: &str) -> String {
    let needle = "name=\"pending_id\" value=\"";
    let at = html
        .find(needle)
        .expect("the preview carries an apply form");
    html[at + needle.len()..]
        .split('"')
        .next()
        .unwrap()
        .to_owned()
}

async fn count_on(app: &App, kind: EntityKind, on: NaiveDate, owner: Option<&str>) -> usize {
    let owner = owner.map(code);
    app.store
        .records()
        .versions(&VersionQuery {
            as_of: Some(on),
            owner: owner.as_ref(),
            ..VersionQuery::all_of(kind)
        })
        .await
        .unwrap()
        .len()
}

async fn versions_of(app: &App, kind: EntityKind) -> usize {
    app.store
        .records()
        .versions(&VersionQuery::all_of(kind))
        .await
        .unwrap()
        .len()
}

#[tokio::test]
async fn a_merge_is_previewed_applied_and_queued_and_a_stale_apply_writes_nothing() {
    let app = with_power_list().await;
    let cookie = app.login_as("reformer", "N04", None, &["staffing"]).await;
    let on = day("2025-01-01");
    let power = count_on(&app, PowerItem::KIND, on, Some("N05")).await
        + count_on(&app, PowerItem::KIND, on, Some("N06")).await;
    assert!(power > 0, "the demo gives N05/N06 power items");

    let (status, _, html) = app.get("/reforms/new", &cookie).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("id=\"reform-upload\""));

    let (status, _, html) = app
        .send(upload(&cookie, CSRF, "merge.toml", MERGE.as_bytes()))
        .await;
    assert_eq!(status, StatusCode::OK, "{html}");
    let power_label = zonegov_domain::kinds::spec(PowerItem::KIND)
        .unwrap()
        .label_zh;
    assert!(
        html.contains(&format!("<summary>{power_label}: {power}</summary>")),
        "the preview counts the {power} moved power items"
    );
    let flagged = html.split("id=\"reform-flagged\"").nth(1).unwrap();
    let flagged = flagged.split("</table>").next().unwrap();
    let staffing_label = zonegov_domain::kinds::spec(zonegov_domain::staffing::Staffing::KIND)
        .unwrap()
        .label_zh;
    for body in ["N05", "N06"] {
        assert!(
            flagged.contains(&format!("<td>{staffing_label}</td><td>{body}</td>")),
            "{body}'s 三定 is flagged: {flagged}"
        );
    }
    let first = pending_id(&html);
    // A second editor previews the same plan: its token is the same versions.
    let (_, _, html2) = app
        .send(upload(&cookie, CSRF, "merge.toml", MERGE.as_bytes()))
        .await;
    let second = pending_id(&html2);

    let before = versions_of(&app, Institution::KIND).await;
    let (status, _, _) = app
        .post("/reforms/apply", &cookie, &[("pending_id", &first)])
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "no CSRF token, no apply");
    assert_eq!(versions_of(&app, Institution::KIND).await, before);
    let n05_on = |app: &App| {
        let app = app.store.clone();
        async move {
            app.records()
                .versions(&VersionQuery {
                    code: Some(&code("N05")),
                    as_of: Some(day("2025-01-01")),
                    ..VersionQuery::all_of(Institution::KIND)
                })
                .await
                .unwrap()
                .len()
        }
    };
    assert_eq!(n05_on(&app).await, 1, "N05 stands before the apply");

    let (status, _, html) = app
        .post(
            "/reforms/apply",
            &cookie,
            &[("_csrf", CSRF), ("pending_id", &first)],
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{html}");
    assert!(html.contains("id=\"reform-applied\""), "{html}");
    assert_eq!(n05_on(&app).await, 0, "N05 ends on the reform's day");
    assert_eq!(
        count_on(&app, PowerItem::KIND, on, Some("N05")).await,
        0,
        "N05's power items moved"
    );

    let (status, _, queue) = app.get("/reforms/queue", &cookie).await;
    assert_eq!(status, StatusCode::OK);
    let row = queue
        .split("<tr")
        .find(|r| r.contains("<td>N05</td>") && r.contains(staffing_label))
        .unwrap_or_else(|| panic!("N05 三定 not in the queue: {queue}"));
    assert!(row.contains("C2025M") && row.contains("N04"), "{row}");

    let written = versions_of(&app, Institution::KIND).await;
    let power_written = versions_of(&app, PowerItem::KIND).await;
    let (status, _, html) = app
        .post(
            "/reforms/apply",
            &cookie,
            &[("_csrf", CSRF), ("pending_id", &second)],
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT, "{html}");
    assert!(
        html.contains("请重新预览") && html.contains("changed by C2025M"),
        "the refusal names the change that landed: {html}"
    );
    assert_eq!(versions_of(&app, Institution::KIND).await, written);
    assert_eq!(versions_of(&app, PowerItem::KIND).await, power_written);

    // A preview is applied once: the same id again is expired, not applied twice.
    let (status, _, _) = app
        .post(
            "/reforms/apply",
            &cookie,
            &[("_csrf", CSRF), ("pending_id", &first)],
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn the_preview_page_is_pinned() {
    let app = common::app().await;
    let cookie = app.login_as("reformer", "N04", None, &["staffing"]).await;
    app.user("fin.staff", "N05", None, &["staff"]).await;
    let (status, _, html) = app
        .send(upload(&cookie, CSRF, "merge.toml", MERGE.as_bytes()))
        .await;
    assert_eq!(status, StatusCode::OK, "{html}");
    let id = pending_id(&html);
    let section = html
        .split("<section class=\"panel\" id=\"reform-preview\">")
        .nth(1)
        .unwrap()
        .split("</section>")
        .next()
        .unwrap()
        .replace(&id, "[pending id]");
    assert!(
        section.contains("fin.staff"),
        "the user who moves is listed: {section}"
    );
    insta::assert_snapshot!("reform_preview_merge", section);
}

#[tokio::test]
async fn a_refused_reform_names_every_item_and_writes_nothing() {
    let app = with_power_list().await;
    let cookie = app.login_as("reformer", "N04", None, &["staffing"]).await;
    let plan = r#"id = "C2025X"
effective = "2025-01-01"
doc_no = "示例〔2025〕9号"
reason = { zh = "撤销财政金融局" }

[[operations]]
op = "abolish"
target = "institution"
code = "N05"
"#;
    let before = versions_of(&app, Institution::KIND).await;
    let (status, _, html) = app
        .send(upload(&cookie, CSRF, "abolish.toml", plan.as_bytes()))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{html}");
    let refusals = html.split("id=\"reform-refusals\"").nth(1).unwrap();
    let some_item = app
        .store
        .records()
        .versions(&VersionQuery {
            as_of: Some(day("2025-01-01")),
            owner: Some(&code("N05")),
            ..VersionQuery::all_of(PowerItem::KIND)
        })
        .await
        .unwrap()
        .remove(0)
        .code;
    assert!(
        refusals.contains(some_item.as_str()),
        "the refusal names {some_item}"
    );
    assert!(!html.contains("name=\"pending_id\""), "nothing to apply");
    assert_eq!(versions_of(&app, Institution::KIND).await, before);
}

#[tokio::test]
async fn a_quick_rename_goes_to_the_same_preview_and_apply() {
    let app = common::app().await;
    let cookie = app.login_as("reformer", "N04", None, &["staffing"]).await;
    let (status, _, html) = app.get("/reforms/quick", &cookie).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("id=\"quick-add_plate\""));
    let form = [
        ("_csrf", CSRF),
        ("op", "rename"),
        ("id", "C2025R"),
        ("doc_no", "示例〔2025〕5号"),
        ("effective", "2025-02-01"),
        ("reason", "更名"),
        ("code", "N04"),
        ("name_zh", "发展和改革局"),
    ];
    let (status, _, html) = app.post("/reforms/quick", &cookie, &form).await;
    assert_eq!(status, StatusCode::OK, "{html}");
    let id = pending_id(&html);
    let (status, _, html) = app
        .post(
            "/reforms/apply",
            &cookie,
            &[("_csrf", CSRF), ("pending_id", &id)],
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{html}");
    let now = app
        .store
        .records()
        .versions(&VersionQuery {
            code: Some(&code("N04")),
            as_of: Some(day("2025-02-01")),
            ..VersionQuery::all_of(Institution::KIND)
        })
        .await
        .unwrap();
    assert_eq!(now[0].name_zh, "发展和改革局");

    let (status, _, html) = app
        .post(
            "/reforms/quick",
            &cookie,
            &[
                ("_csrf", CSRF),
                ("op", "quota_move"),
                ("id", "C2025Q"),
                ("doc_no", "示例〔2025〕6号"),
                ("effective", "2025-02-01"),
                ("reason", "划转"),
                ("from", "N04"),
                ("to", "N05"),
                ("quota", "行政编制"),
                ("amount", "-3"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(html.contains("amount") && html.contains("-3"), "{html}");
}

#[tokio::test]
async fn without_the_permission_every_reform_screen_is_refused() {
    let app = common::app().await;
    let cookie = app.login_as("clerk", "N05", None, &["staff"]).await;
    for uri in ["/reforms/new", "/reforms/quick", "/reforms/queue"] {
        let (status, _, _) = app.get(uri, &cookie).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{uri}");
    }
    let (status, _, _) = app
        .send(upload(&cookie, CSRF, "merge.toml", MERGE.as_bytes()))
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}
