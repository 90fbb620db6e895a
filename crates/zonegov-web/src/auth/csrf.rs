//! CSRF protection for every state-changing request: the token of the session (or,
//! before login, of the `zg_pre` double-submit cookie) must come back in the
//! `_csrf` form field or the `X-CSRF-Token` header, and a cross-site `Origin` is
//! refused outright.

use super::session::{PRE_CSRF_COOKIE, cookie};
use axum::body::{Body, Bytes};
use axum::extract::Request;
use axum::http::{HeaderMap, Method, header};

pub const FIELD: &str = "_csrf";
pub const HEADER: &str = "x-csrf-token";
/// Forms are small; anything larger is refused before it is buffered.
const MAX_FORM_BYTES: usize = 64 * 1024;
/// File uploads (multipart) may be this large; the limit is checked against
/// `Content-Length` before reading and enforced while reading.
pub const MAX_UPLOAD_BYTES: usize = 20 * 1024 * 1024;
/// The longest form field name accepted.
const MAX_FIELD_NAME: usize = 64;

/// Why a state-changing request is refused before its handler.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// A cross-site origin, or a missing or wrong token.
    Csrf,
    /// The body, or this field of the form, exceeds its bound.
    TooLarge(String),
    /// A file upload exceeds [`MAX_UPLOAD_BYTES`].
    UploadTooLarge,
}

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

/// The first form field whose name or value exceeds its bound
/// ([`super::field_limit`]), if any.
fn oversized_field(form: &[(String, String)]) -> Option<String> {
    form.iter().find_map(|(k, v)| {
        if k.chars().count() > MAX_FIELD_NAME {
            Some(k.chars().take(MAX_FIELD_NAME).collect::<String>() + "…")
        } else if v.chars().count() > super::field_limit(k) {
            Some(k.clone())
        } else {
            None
        }
    })
}

/// Checks the token and the size of every form field, and hands back the request
/// with its body restored.
pub async fn check(req: Request, session_token: Option<&str>) -> Result<Request, Refusal> {
    if !same_origin(req.headers()) {
        return Err(Refusal::Csrf);
    }
    let (parts, bytes, form) = bounded_form(req).await?;
    let expected = match session_token {
        Some(t) => t.to_owned(),
        None => cookie(&parts.headers, PRE_CSRF_COOKIE)
            .ok_or(Refusal::Csrf)?
            .to_owned(),
    };
    let from_header = parts
        .headers
        .get(HEADER)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let provided = from_header
        .or_else(|| {
            form.iter()
                .find(|(k, _)| k == FIELD)
                .map(|(_, v)| v.clone())
        })
        .ok_or(Refusal::Csrf)?;
    if !expected.is_empty() && equal(&provided, &expected) {
        Ok(Request::from_parts(parts, Body::from(bytes)))
    } else {
        Err(Refusal::Csrf)
    }
}

/// Only the size bounds of [`check`], for requests that carry no cookie to forge
/// (API token requests, see `bearer`): the same limits on body and fields.
pub async fn check_bounds(req: Request) -> Result<Request, Refusal> {
    let (parts, bytes, _) = bounded_form(req).await?;
    Ok(Request::from_parts(parts, Body::from(bytes)))
}

/// Reads the body within its bound and parses the form fields, each within its own.
async fn bounded_form(
    req: Request,
) -> Result<(axum::http::request::Parts, Bytes, Vec<(String, String)>), Refusal> {
    let (parts, body) = req.into_parts();
    let multipart = parts
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.trim_start().starts_with("multipart/form-data"));
    let limit = if multipart {
        MAX_UPLOAD_BYTES
    } else {
        MAX_FORM_BYTES
    };
    let declared = parts
        .headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    let too_large = || {
        if multipart {
            Refusal::UploadTooLarge
        } else {
            Refusal::TooLarge(String::new())
        }
    };
    if declared.is_some_and(|n| n > limit) {
        return Err(too_large());
    }
    let bytes: Bytes = axum::body::to_bytes(body, limit)
        .await
        .map_err(|_| too_large())?;
    let form = if multipart {
        // An upload form carries its token as a field before the file; only the
        // fields up to `_csrf` are parsed.
        multipart_token(&parts.headers, bytes.clone())
            .await
            .map(|t| vec![(FIELD.to_owned(), t)])
            .unwrap_or_default()
    } else {
        serde_urlencoded::from_bytes::<Vec<(String, String)>>(&bytes).unwrap_or_default()
    };
    if let Some(field) = oversized_field(&form) {
        return Err(Refusal::TooLarge(field));
    }
    Ok((parts, bytes, form))
}

/// The `_csrf` field of a buffered multipart body, if it has one.
async fn multipart_token(headers: &HeaderMap, bytes: Bytes) -> Option<String> {
    let mut form = crate::upload::parse(headers, bytes)?;
    while let Ok(Some(field)) = form.next_field().await {
        if field.name() == Some(FIELD) {
            return field.text().await.ok();
        }
    }
    None
}
