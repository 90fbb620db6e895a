//! The OpenAPI document served at `/api/v1/openapi.json`: every response is described,
//! every operation needs the session cookie, and the standard validator
//! (`python3 -m openapi_spec_validator`, PyPI package `openapi-spec-validator`) accepts it.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use axum::http::StatusCode;
use serde_json::Value;
use std::process::Command;

const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// The document as the real router serves it to a signed-in user.
async fn document() -> Value {
    let app = common::app().await;
    let admin = app.login_as("api.reader", "GWH", None, &["admin"]).await;
    let (status, _, body) = app.get("/api/v1/openapi.json", &admin).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    serde_json::from_str(&body).unwrap()
}

/// Every operation in `doc`, as (method, path, operation).
fn operations(doc: &Value) -> Vec<(String, String, &Value)> {
    let paths = doc["paths"].as_object().expect("the document has paths");
    let mut ops = Vec::new();
    for (path, item) in paths {
        for method in METHODS {
            if let Some(op) = item.get(method) {
                ops.push((method.to_owned(), path.clone(), op));
            }
        }
    }
    ops
}

/// The problems the structural checks find (empty when there are none).
fn structural_problems(doc: &Value) -> Vec<String> {
    let mut problems = Vec::new();
    if doc["components"]["securitySchemes"]["session"].is_null() {
        problems.push("components.securitySchemes.session is missing".to_owned());
    }
    let names_session = |security: &Value| {
        security
            .as_array()
            .is_some_and(|reqs| reqs.iter().any(|r| r.get("session").is_some()))
    };
    let root_secured = names_session(&doc["security"]);
    let ops = operations(doc);
    if ops.is_empty() {
        problems.push("no operations".to_owned());
    }
    for (method, path, op) in ops {
        let at = format!("{method} {path}");
        if !root_secured && !names_session(&op["security"]) {
            problems.push(format!("{at}: no `session` security requirement"));
        }
        match op["responses"].as_object() {
            None => problems.push(format!("{at}: no responses")),
            Some(responses) if responses.is_empty() => problems.push(format!("{at}: no responses")),
            Some(responses) => {
                for (status, response) in responses {
                    // A `$ref` response takes its description from the component.
                    let response = match response["$ref"].as_str() {
                        Some(r) => {
                            let name = r.trim_start_matches("#/components/responses/");
                            &doc["components"]["responses"][name]
                        }
                        None => response,
                    };
                    let described = response["description"]
                        .as_str()
                        .is_some_and(|d| !d.trim().is_empty());
                    if !described {
                        problems.push(format!("{at} {status}: no description"));
                    }
                }
            }
        }
    }
    let mut refs = Vec::new();
    collect_refs(doc, &mut refs);
    for r in refs {
        let target = r.strip_prefix('#').and_then(|pointer| doc.pointer(pointer));
        if target.is_none() {
            problems.push(format!("$ref {r} does not resolve"));
        }
    }
    problems
}

/// Every `$ref` value in `v`.
fn collect_refs(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Object(map) => {
            for (k, x) in map {
                match (k.as_str(), x) {
                    ("$ref", Value::String(r)) => out.push(r.clone()),
                    _ => collect_refs(x, out),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|x| collect_refs(x, out)),
        _ => {}
    }
}

#[tokio::test]
async fn every_operation_is_described_and_needs_the_session() {
    let doc = document().await;
    let problems = structural_problems(&doc);
    assert!(problems.is_empty(), "{problems:#?}");
}

/// The checks above can fail: a document without descriptions or security is refused.
#[test]
fn the_structural_checks_catch_a_bad_document() {
    let bad = serde_json::json!({
        "openapi": "3.1.0",
        "paths": { "/x": { "get": { "responses": { "200": {
            "description": " ",
            "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Page" } } }
        } } } } }
    });
    let problems = structural_problems(&bad);
    assert!(
        problems.iter().any(|p| p.contains("securitySchemes")),
        "{problems:?}"
    );
    assert!(
        problems.iter().any(|p| p.contains("no `session`")),
        "{problems:?}"
    );
    assert!(
        problems.iter().any(|p| p.contains("200: no description")),
        "{problems:?}"
    );
    assert!(
        problems.iter().any(|p| p.contains("Page does not resolve")),
        "{problems:?}"
    );
}

#[tokio::test]
async fn the_standard_validator_accepts_the_document() {
    let probe = Command::new("python3")
        .args(["-c", "import openapi_spec_validator"])
        .output();
    let installed = probe.as_ref().is_ok_and(|o| o.status.success());
    if !installed {
        let why = "python3 -m openapi_spec_validator is not available; \
                   install it with `python3 -m pip install openapi-spec-validator`";
        if std::env::var_os("CI").is_some() {
            panic!("CI is set and {why}");
        }
        // Written to the process's stderr, past libtest's capture, so that it shows.
        use std::io::Write;
        let _ = writeln!(
            std::io::stderr(),
            "SKIPPED the_standard_validator_accepts_the_document: {why} (set CI to make this a failure)"
        );
        return;
    }
    let doc = document().await;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("openapi.json");
    std::fs::write(&file, serde_json::to_string_pretty(&doc).unwrap()).unwrap();
    let out = Command::new("python3")
        .arg("-m")
        .arg("openapi_spec_validator")
        .arg(&file)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    if let Some(keep) = std::env::var_os("ZONEGOV_KEEP_OPENAPI") {
        std::fs::copy(&file, keep).unwrap();
    }
    assert!(
        out.status.success(),
        "the validator refused the document:\n{stdout}\n{stderr}"
    );
    println!("validator: {stdout}");
}

/// Machine clients may use an API token wherever the session is accepted: the
/// `bearer` scheme is declared (HTTP bearer) and every operation that names the
/// session names the token too, with the token's 401 and 429 answers; the public
/// operations name neither.
#[tokio::test]
async fn every_signed_in_operation_accepts_an_api_token() {
    let doc = document().await;
    let scheme = &doc["components"]["securitySchemes"]["bearer"];
    assert_eq!(scheme["type"], "http", "{scheme}");
    assert_eq!(scheme["scheme"], "bearer", "{scheme}");
    let names = |security: &Value, name: &str| {
        security
            .as_array()
            .is_some_and(|reqs| reqs.iter().any(|r| r.get(name).is_some()))
    };
    let mut signed_in = 0;
    for (method, path, op) in operations(&doc) {
        let session = names(&op["security"], "session");
        let bearer = names(&op["security"], "bearer");
        assert_eq!(session, bearer, "{method} {path}: {}", op["security"]);
        if bearer {
            signed_in += 1;
            for status in ["401", "429"] {
                assert!(
                    op["responses"][status].is_object(),
                    "{method} {path}: no {status} answer"
                );
            }
        }
        if path.starts_with("/api/v1/public") {
            assert!(!bearer, "{method} {path} is public");
        }
    }
    assert!(signed_in >= 12, "{signed_in} signed-in operations");
}
