#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test
//! 谁来管 through the real router: the page and the API give the use case's answer,
//! name a bad parameter, and are closed to callers without the permission.

mod common;

use axum::http::StatusCode;

#[tokio::test]
async fn the_page_and_the_api_answer_at_a_merged_park_and_name_bad_questions() {
    let app = common::app().await;
    let me = app
        .login_as("park.user", "N08", Some("P01"), &["park"])
        .await;

    let (status, _, html) = app
        .get("/who?item=B101&place=park:P02&as_of=2024-12-31", &me)
        .await;
    assert_eq!(status, StatusCode::OK, "{html}");
    assert!(
        html.contains(r#"<span id="who-verdict" class="ok">明确</span>"#),
        "{html}"
    );
    assert!(html.contains("按沿革承继园区 P01 作答"), "{html}");
    assert!(html.contains("柳行街道 ST02"));

    let (status, _, body) = app
        .get("/api/v1/who?item=B101&place=park:P02&as_of=2024-06-30", &me)
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let a: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(a["verdict"], "settled");
    let steps = a["matters"][0]["steps"].as_array().unwrap();
    assert_eq!(steps[2]["lead"]["party"]["code"], "属地");
    assert_eq!(steps[2]["lead"]["bodies"][0]["code"], "ST02");
    // Before the integration the local park is P02 itself.
    assert_eq!(
        steps[0]["cooperating"][1]["bodies"][0]["code"], "P02",
        "{body}"
    );
    assert_eq!(
        steps[0]["lead"]["bodies"][0]["contact"]["phone"],
        "0537-6980012"
    );

    for (uri, status, says) in [
        (
            "/api/v1/who?item=B101&place=park",
            StatusCode::BAD_REQUEST,
            "park",
        ),
        (
            "/api/v1/who?item=B101&power=X1",
            StatusCode::BAD_REQUEST,
            "exactly one",
        ),
        (
            "/api/v1/who?as_of=2024-13-01&item=B101",
            StatusCode::BAD_REQUEST,
            "as_of",
        ),
        (
            "/api/v1/who?item=B101&place=park:P99",
            StatusCode::NOT_FOUND,
            "park:P99",
        ),
    ] {
        let (got, _, body) = app.get(uri, &me).await;
        assert_eq!(got, status, "{uri}: {body}");
        assert!(body.contains(says), "{uri}: {body}");
    }

    // A matter no list has on the day.
    let (_, _, body) = app.get("/api/v1/who?item=B101&as_of=2020-01-01", &me).await;
    assert!(body.contains(r#""verdict":"not_found""#), "{body}");
}

#[tokio::test]
async fn the_duty_check_names_the_row_or_the_lead_instead() {
    let app = common::app().await;
    let me = app.login_as("sun.qi", "GWH", None, &["leader"]).await;
    let (status, _, body) = app
        .get("/api/v1/who/duty?item=B101&body=N10&as_of=2024-12-31", &me)
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let d: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(d["check"]["allowed"], true);
    assert_eq!(d["check"]["grounds"][0]["step"], "申请受理");
    assert_eq!(d["check"]["grounds"][0]["role"], "lead");

    let (_, _, body) = app
        .get("/api/v1/who/duty?item=B101&body=N12&as_of=2024-12-31", &me)
        .await;
    let d: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(d["check"]["allowed"], false);
    assert!(
        d["check"]["leads_instead"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c == "N10")
    );

    let (status, _, _) = app
        .get("/api/v1/who/duty?item=B101&as_of=2024-12-31", &me)
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);

    let (_, _, html) = app
        .get("/who?item=B101&body=N12&as_of=2024-12-31", &me)
        .await;
    assert!(html.contains("的清单中没有该事项"), "{html}");
}

#[tokio::test]
async fn who_is_closed_without_the_permission_and_escapes_what_it_echoes() {
    let app = common::app().await;
    let (status, _, _) = app.get("/api/v1/who?item=B101", "").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let auditor = app.login_as("audit.or", "GWH", None, &["auditor"]).await;
    let (status, _, _) = app.get("/api/v1/who?item=B101", &auditor).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _, _) = app.get("/who?item=B101", &auditor).await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    let me = app.login_as("sun.qi", "GWH", None, &["leader"]).await;
    let (status, _, html) = app
        .get("/who?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E", &me)
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(!html.contains("<script>alert(1)"), "{html}");
    assert!(
        html.contains("&#60;script&#62;alert(1)") || html.contains("&lt;script&gt;alert(1)"),
        "{html}"
    );
}
