//! What every request carries: the language and the as-of date, read from the query
//! string (`?as_of=2024-12-31&lang=en`) with the language remembered in a cookie.

use crate::auth::CurrentUser;
use crate::auth::access::Auth;
use crate::error::PageError;
use crate::i18n::Ui;
use axum::extract::{FromRequestParts, Query};
use axum::http::request::Parts;
use chrono::NaiveDate;
use std::collections::HashMap;
use zonegov_domain::Lang;
use zonegov_domain::auth::{Perm, Visible};

#[derive(Debug, Clone)]
pub struct Ctx {
    pub ui: Ui,
    /// The signed-in user (pages behind `require` always have one).
    pub me: Option<CurrentUser>,
    pub as_of: NaiveDate,
    /// Whether the user chose the date (links then carry it along).
    pub as_of_chosen: bool,
    pub path: String,
}

impl Ctx {
    /// Whether the signed-in user holds `permission` (menus show only what works).
    pub fn has(&self, permission: Perm) -> bool {
        self.me.as_ref().is_some_and(|m| m.has(permission))
    }

    /// The record kinds the user may list, for the menu: (plural, label).
    /// The menu's groups for this user (`menu.rs`).
    pub fn menu(&self) -> Vec<crate::menu::Group> {
        crate::menu::groups(self, self.ui)
    }

    /// What the user may see; nothing when nobody is signed in.
    pub fn visible(&self) -> Visible {
        self.me
            .as_ref()
            .map(|m| m.visible.clone())
            .unwrap_or(Visible {
                institutions: Some(Default::default()),
                parks: Some(Default::default()),
            })
    }

    pub fn username(&self) -> &str {
        self.me
            .as_ref()
            .map(|m| m.user.display_name.as_str())
            .unwrap_or("")
    }

    /// The signed-in user's login name, for the audit trail.
    pub fn me_name(&self) -> &str {
        self.me
            .as_ref()
            .map(|m| m.user.username.as_str())
            .unwrap_or("")
    }

    pub fn csrf(&self) -> &str {
        self.me.as_ref().map(|m| m.csrf.as_str()).unwrap_or("")
    }

    /// `?as_of=…` to append to links, empty when the date is today's default.
    pub fn keep(&self) -> String {
        if self.as_of_chosen {
            format!("?as_of={}", self.as_of)
        } else {
            String::new()
        }
    }

    /// The link that switches language and stays on this page and date.
    pub fn lang_switch(&self) -> String {
        let other = if self.ui.is_en() { "zh" } else { "en" };
        let date = if self.as_of_chosen {
            format!("&as_of={}", self.as_of)
        } else {
            String::new()
        };
        format!("{}?lang={other}{date}", self.path)
    }
}

/// One query-string parameter, percent-decoded (a malformed query reads as empty).
pub fn query_param(uri: &axum::http::Uri, name: &str) -> Option<String> {
    let Query(map) = Query::<HashMap<String, String>>::try_from_uri(uri).ok()?;
    map.get(name).cloned()
}

pub fn lang_of(parts: &Parts) -> Lang {
    lang_of_headers(&parts.uri, &parts.headers)
}

/// `?lang=` first, then the `lang` cookie, then Chinese.
pub fn lang_of_headers(uri: &axum::http::Uri, headers: &axum::http::HeaderMap) -> Lang {
    if let Some(l) = query_param(uri, "lang").and_then(|l| Lang::parse(&l)) {
        return l;
    }
    headers
        .get_all(axum::http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|c| c.trim().strip_prefix("lang=").and_then(Lang::parse))
        .unwrap_or_default()
}

/// Why a request's context could not be read: a page under a page path, a JSON
/// error under `/api/` (a JSON client must not get an HTML page as its message).
pub enum CtxRejection {
    Page(PageError),
    Api(crate::error::ApiError),
}

impl axum::response::IntoResponse for CtxRejection {
    fn into_response(self) -> axum::response::Response {
        match self {
            CtxRejection::Page(e) => e.into_response(),
            CtxRejection::Api(e) => e.into_response(),
        }
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Ctx {
    type Rejection = CtxRejection;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let ui = Ui {
            lang: lang_of(parts),
        };
        let chosen = query_param(&parts.uri, "as_of").filter(|v| !v.trim().is_empty());
        let as_of = match &chosen {
            Some(v) => zonegov_domain::day::parse_param("as_of", v).map_err(|e| {
                if parts.uri.path().starts_with("/api/") {
                    CtxRejection::Api(crate::error::ApiError::bad_request(e))
                } else {
                    CtxRejection::Page(PageError::bad_request(ui, e))
                }
            })?,
            None => chrono::Local::now().date_naive(),
        };
        let me = parts.extensions.get::<Auth>().and_then(|a| a.0.clone());
        Ok(Ctx {
            ui,
            me,
            as_of,
            as_of_chosen: chosen.is_some(),
            path: parts.uri.path().to_owned(),
        })
    }
}

pub const DATE_HINT: &str = "expected a date such as 2024-12-31, 2024/12/31 or 2024年12月31日 (year 1949–2200) / 日期格式应为 2024-12-31、2024/12/31 或 2024年12月31日(年份 1949–2200)";

/// The program's one date parser ([`zonegov_domain::day::parse_day`]), for callers
/// that word their own error.
pub fn parse_day(s: &str) -> Option<NaiveDate> {
    zonegov_domain::day::parse_day(s).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_params_decode() {
        let uri: axum::http::Uri = "/x?a=1&as_of=2024-12-31&q=%E5%9B%AD%3C".parse().unwrap();
        assert_eq!(query_param(&uri, "as_of").as_deref(), Some("2024-12-31"));
        assert_eq!(query_param(&uri, "q").as_deref(), Some("园<"));
        assert_eq!(query_param(&uri, "z"), None);
    }
}
