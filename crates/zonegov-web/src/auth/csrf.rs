//! CSRF protection for every state-changing request: the token of the session (or,
//! before login, of the `zg_pre` double-submit cookie) must come back in the
//! `_csrf` form field or the `X-CSRF-Token` header, and a cross-site `Origin` is
//! refused outright.

use super::session::{PRE_CSRF_COOKIE, cookie};
use axum::body::{Body, Bytes};
use axum::extract::Request;
use axum::http::{HeaderMap, Method, header};
use std::collections::HashMap;

pub const FIELD: &str = "_csrf";
pub const HEADER: &str = "x-csrf-token";
/// Forms are small; anything larger is refused before it is buffered.
const MAX_FORM_BYTES: usize = 1 << 20;

pub fn is_state_changing(method: &Method) -> bool {
    !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

fn same_origin(headers: &HeaderMap) -> bool {
    let Some(origin) = headers.get(header::ORIGIN).and_then(|o| o.to_str().ok()) else {
        return true;
    };
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("");
    origin
        .split_once("://")
        .is_some_and(|(_, rest)| rest == host)
}

fn equal(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// Checks the token and hands back the request with its body restored, or `None`.
pub async fn check(req: Request, session_token: Option<&str>) -> Option<Request> {
    let (parts, body) = req.into_parts();
    if !same_origin(&parts.headers) {
        return None;
    }
    let expected = match session_token {
        Some(t) => t.to_owned(),
        None => cookie(&parts.headers, PRE_CSRF_COOKIE)?.to_owned(),
    };
    let bytes: Bytes = axum::body::to_bytes(body, MAX_FORM_BYTES).await.ok()?;
    let from_header = parts
        .headers
        .get(HEADER)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let provided = from_header.or_else(|| {
        serde_urlencoded::from_bytes::<HashMap<String, String>>(&bytes)
            .ok()
            .and_then(|m| m.get(FIELD).cloned())
    })?;
    (!expected.is_empty() && equal(&provided, &expected))
        .then(|| Request::from_parts(parts, Body::from(bytes)))
}
