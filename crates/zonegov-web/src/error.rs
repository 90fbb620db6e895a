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
        let title = match self.status {
            StatusCode::NOT_FOUND => self.ui.t("not_found"),
            StatusCode::BAD_REQUEST => self.ui.t("bad_request"),
            _ => self.ui.t("server_error"),
        };
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
