//! Errors as users see them: an HTML page for the UI, JSON for the API. Internal
//! details are logged, never shown.

use crate::i18n::Ui;
use askama::Template;
use axum::Json;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use serde::Serialize;
use zonegov_store::StoreError;

#[derive(Debug)]
pub struct PageError {
    pub ui: Ui,
    pub status: StatusCode,
    pub message: String,
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    ui: Ui,
    title: &'a str,
    message: &'a str,
}

impl PageError {
    pub fn bad_request(ui: Ui, message: impl Into<String>) -> Self {
        Self {
            ui,
            status: StatusCode::BAD_REQUEST,
            message: message.into(),
        }
    }

    pub fn not_found(ui: Ui, message: impl Into<String>) -> Self {
        Self {
            ui,
            status: StatusCode::NOT_FOUND,
            message: message.into(),
        }
    }

    /// A public read refused by its client's rate limit (429).
    pub fn too_many(ui: Ui) -> Self {
        Self {
            ui,
            status: StatusCode::TOO_MANY_REQUESTS,
            message: ui.t("too_many_requests").to_owned(),
        }
    }

    pub fn internal(ui: Ui, e: impl std::fmt::Display) -> Self {
        tracing::error!(error = %e, "request failed");
        Self {
            ui,
            status: StatusCode::INTERNAL_SERVER_ERROR,
            message: String::new(),
        }
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let title = self.ui.t(title_key(self.status));
        let page = ErrorPage {
            ui: self.ui,
            title,
            message: &self.message,
        };
        match page.render() {
            Ok(html) => (self.status, Html(html)).into_response(),
            Err(_) => (self.status, title.to_owned()).into_response(),
        }
    }
}

/// The UI string key for an error page's title: by status, so that a refusal is
/// never titled as a server fault.
pub fn title_key(status: StatusCode) -> &'static str {
    match status {
        StatusCode::NOT_FOUND => "not_found",
        StatusCode::UNAUTHORIZED => "unauthorized",
        StatusCode::FORBIDDEN => "forbidden_title",
        StatusCode::METHOD_NOT_ALLOWED => "method_not_allowed",
        StatusCode::PAYLOAD_TOO_LARGE => "payload_too_large",
        StatusCode::TOO_MANY_REQUESTS => "too_many_requests_title",
        s if s.is_server_error() => "server_error",
        _ => "bad_request",
    }
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ApiErrorBody {
    pub error: String,
}

#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub message: String,
}

impl ApiError {
    pub fn bad_request(message: impl Into<String>) -> Self {
        Self {
            status: StatusCode::BAD_REQUEST,
            message: message.into(),
        }
    }

    /// A fault of ours: logged, and answered without its detail.
    pub fn internal(detail: impl std::fmt::Display) -> Self {
        tracing::error!(error = %detail, "internal error answering an API request");
        Self {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            message: "internal error".into(),
        }
    }

    pub fn not_found(message: impl Into<String>) -> Self {
        Self {
            status: StatusCode::NOT_FOUND,
            message: message.into(),
        }
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        tracing::error!(error = %e, "api request failed");
        Self {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            message: "internal error".into(),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (
            self.status,
            Json(ApiErrorBody {
                error: self.message,
            }),
        )
            .into_response()
    }
}
