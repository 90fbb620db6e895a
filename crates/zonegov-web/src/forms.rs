//! Typed forms and query strings. A handler takes `TypedForm<T>` (an urlencoded body)
//! or `TypedQuery<T>` (the query string) where `T: FromFields` builds itself from the
//! name–value pairs, checking every field and naming the first bad one with its value.
//!
//! The pairs are read in order with repeated names kept, so several `roles=` checkboxes
//! arrive as one list (serde_urlencoded cannot put repeated keys into a `Vec`). The CSRF
//! layer has already read the body, checked it and put it back (`auth::csrf::check`),
//! so the body is read here a second time, from memory.

use crate::ctx::lang_of_headers;
use crate::error::PageError;
use crate::i18n::Ui;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use zonegov_domain::Code;

/// Bodies larger than this were already refused by the CSRF layer; this bounds the
/// second read whatever the route.
const MAX_FORM_BYTES: usize = 64 * 1024;

/// The name–value pairs of a form or query string, in order, repeated names kept.
#[derive(Debug, Clone, Default)]
pub struct Fields(Vec<(String, String)>);

impl Fields {
    pub fn parse(bytes: &[u8]) -> Result<Self, String> {
        serde_urlencoded::from_bytes::<Vec<(String, String)>>(bytes)
            .map(Fields)
            .map_err(|e| format!("表单无法解析 / the form cannot be read: {e}"))
    }

    /// The first value of `name`, or empty when it is absent.
    pub fn text(&self, name: &str) -> String {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    }

    /// The first value of `name`, trimmed.
    pub fn trimmed(&self, name: &str) -> String {
        self.text(name).trim().to_owned()
    }

    /// The first value of `name`, trimmed, refused when longer than `max`
    /// characters: what a free-text field may hold is bounded on the server, not
    /// only by the page's `maxlength`.
    pub fn bounded(&self, name: &str, max: usize) -> Result<String, String> {
        let v = self.trimmed(name);
        let n = v.chars().count();
        if n > max {
            return Err(format!(
                "{name}: {n} 个字符，超过上限 {max} / {name} has {n} characters, more than {max}"
            ));
        }
        Ok(v)
    }

    /// Every value of `name`, in order.
    pub fn all(&self, name: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .collect()
    }

    /// Every non-blank value of `name` as a code; the error names the field.
    pub fn codes(&self, name: &str) -> Result<Vec<Code>, String> {
        codes(name, self.all(name).iter().map(String::as_str))
    }

    /// The first value of `name` as a code; the error names the field.
    pub fn code(&self, name: &str) -> Result<Code, String> {
        Code::parse(&self.text(name)).map_err(|e| format!("{name}: {e}"))
    }

    /// The first value of `name` as a code, or `None` when it is blank.
    pub fn optional_code(&self, name: &str) -> Result<Option<Code>, String> {
        match self.trimmed(name).as_str() {
            "" => Ok(None),
            v => Code::parse(v).map(Some).map_err(|e| format!("{name}: {e}")),
        }
    }
}

/// Every non-blank value as a code; the error names field `name`.
pub fn codes<'a>(name: &str, values: impl Iterator<Item = &'a str>) -> Result<Vec<Code>, String> {
    values
        .filter(|v| !v.trim().is_empty())
        .map(|v| Code::parse(v).map_err(|e| format!("{name}: {e}")))
        .collect()
}

/// A form or query built from its fields; the error names the first bad field and value.
pub trait FromFields: Sized {
    fn from_fields(fields: &Fields, ui: Ui) -> Result<Self, String>;
}

/// Why a form or query could not be read: the message names the field, and the raw
/// fields stay available to a handler that records the attempt.
#[derive(Debug)]
pub struct FormRejection {
    pub ui: Ui,
    pub status: StatusCode,
    pub message: String,
    pub fields: Fields,
}

impl FormRejection {
    fn bad(ui: Ui, message: String, fields: Fields) -> Self {
        Self {
            ui,
            status: StatusCode::BAD_REQUEST,
            message,
            fields,
        }
    }
}

/// Unless a handler renders its own page, a bad form is a 400 page naming the field.
impl IntoResponse for FormRejection {
    fn into_response(self) -> Response {
        PageError {
            ui: self.ui,
            status: self.status,
            message: self.message,
        }
        .into_response()
    }
}

/// An urlencoded body, read into `T`.
#[derive(Debug)]
pub struct TypedForm<T>(pub T);

fn is_urlencoded(req: &Request) -> bool {
    req.headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|v| {
            v.trim()
                .eq_ignore_ascii_case("application/x-www-form-urlencoded")
        })
}

impl<S: Send + Sync, T: FromFields> FromRequest<S> for TypedForm<T> {
    type Rejection = FormRejection;

    async fn from_request(req: Request, _state: &S) -> Result<Self, Self::Rejection> {
        let ui = Ui {
            lang: lang_of_headers(req.uri(), req.headers()),
        };
        if !is_urlencoded(&req) {
            return Err(FormRejection {
                ui,
                status: StatusCode::UNSUPPORTED_MEDIA_TYPE,
                message: ui.t("form_content_type").to_owned(),
                fields: Fields::default(),
            });
        }
        let bytes = axum::body::to_bytes(req.into_body(), MAX_FORM_BYTES)
            .await
            .map_err(|_| FormRejection {
                ui,
                status: StatusCode::PAYLOAD_TOO_LARGE,
                message: ui.t("payload_too_large").to_owned(),
                fields: Fields::default(),
            })?;
        let fields =
            Fields::parse(&bytes).map_err(|m| FormRejection::bad(ui, m, Fields::default()))?;
        match T::from_fields(&fields, ui) {
            Ok(t) => Ok(TypedForm(t)),
            Err(m) => Err(FormRejection::bad(ui, m, fields)),
        }
    }
}

/// The query string, read into `T`.
#[derive(Debug)]
pub struct TypedQuery<T>(pub T);

impl<S: Send + Sync, T: FromFields> FromRequestParts<S> for TypedQuery<T> {
    type Rejection = FormRejection;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let ui = Ui {
            lang: lang_of_headers(&parts.uri, &parts.headers),
        };
        let raw = parts.uri.query().unwrap_or("");
        let fields = Fields::parse(raw.as_bytes())
            .map_err(|m| FormRejection::bad(ui, m, Fields::default()))?;
        match T::from_fields(&fields, ui) {
            Ok(t) => Ok(TypedQuery(t)),
            Err(m) => Err(FormRejection::bad(ui, m, fields)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_names_are_kept_in_order() {
        let f = Fields::parse(b"roles=a&x=1&roles=b&roles=&roles=c").unwrap();
        let codes: Vec<String> = f
            .codes("roles")
            .unwrap()
            .into_iter()
            .map(String::from)
            .collect();
        assert_eq!(codes, ["a", "b", "c"]);
        assert_eq!(f.text("x"), "1");
        assert_eq!(f.text("missing"), "");
    }

    #[test]
    fn a_bad_code_names_the_field_and_the_value() {
        let f = Fields::parse(b"roles=ok&roles=b%20ad").unwrap();
        let e = f.codes("roles").unwrap_err();
        assert!(e.starts_with("roles: ") && e.contains("b ad"), "{e}");
        assert_eq!(f.optional_code("park").unwrap(), None);
        assert!(
            f.code("institution")
                .unwrap_err()
                .starts_with("institution: ")
        );
    }
}
