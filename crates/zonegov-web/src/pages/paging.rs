//! Key paging for the lists (issue 6, point 4): `?after=CODE&limit=N`, rows ordered
//! by code, and a "next" link carrying the last code shown. A page costs the same
//! whatever the page number and however long the history: the store walks its
//! `(kind, code)` index from the key, and nothing counts the whole table.

use crate::ctx::{Ctx, query_param};
use axum::http::Uri;
use zonegov_domain::auth::Visible;
use zonegov_domain::{Code, Version};
use zonegov_store::PageQuery;

/// Rows per page unless `limit` says otherwise.
pub const DEFAULT_LIMIT: u32 = 50;
/// The most rows one page may ask for.
pub const MAX_LIMIT: u32 = 1000;

#[derive(Debug, Clone)]
pub struct Paging {
    pub after: Option<Code>,
    pub limit: u32,
}

impl Paging {
    /// From `after` and `limit`; a malformed value reads as absent, a limit is
    /// clamped to 1..=MAX_LIMIT.
    pub fn new(after: Option<&str>, limit: Option<&str>, default_limit: u32) -> Self {
        Self {
            after: after
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .and_then(|s| Code::parse(s).ok()),
            limit: limit
                .and_then(|l| l.trim().parse::<u32>().ok())
                .unwrap_or(default_limit)
                .clamp(1, MAX_LIMIT),
        }
    }

    pub fn from_uri(uri: &Uri) -> Self {
        Self::new(
            query_param(uri, "after").as_deref(),
            query_param(uri, "limit").as_deref(),
            DEFAULT_LIMIT,
        )
    }

    /// The store query for this page; asks for one row more than shown, to know
    /// whether a next page exists.
    pub fn query<'a>(
        &'a self,
        day: chrono::NaiveDate,
        visible: &'a Visible,
        search: &'a str,
    ) -> PageQuery<'a> {
        PageQuery {
            day,
            visible,
            after: self.after.as_ref(),
            search: Some(search).filter(|s| !s.trim().is_empty()),
            limit: self.limit.saturating_add(1),
        }
    }

    /// Cuts the extra row off; returns the code to continue after, if any.
    pub fn split<T>(&self, rows: &mut Vec<Version<T>>) -> Option<Code> {
        let limit = usize::try_from(self.limit).unwrap_or(usize::MAX);
        if rows.len() > limit {
            rows.truncate(limit);
            rows.last().map(|v| v.code.clone())
        } else {
            None
        }
    }
}

/// The link to the page after `next`, keeping the date, the search and the limit.
pub fn next_link(ctx: &Ctx, q: &str, paging: &Paging, next: &Code) -> String {
    let mut params: Vec<(&str, String)> = vec![("after", next.to_string())];
    if paging.limit != DEFAULT_LIMIT {
        params.push(("limit", paging.limit.to_string()));
    }
    if ctx.as_of_chosen {
        params.push(("as_of", ctx.as_of.to_string()));
    }
    if !q.is_empty() {
        params.push(("q", q.to_owned()));
    }
    let query = serde_urlencoded::to_string(&params).unwrap_or_default();
    format!("{}?{query}", ctx.path)
}

/// Every query-string pair, percent-decoded, in order (a malformed query reads as empty).
pub fn query_pairs(uri: &Uri) -> Vec<(String, String)> {
    uri.query()
        .and_then(|q| serde_urlencoded::from_str(q).ok())
        .unwrap_or_default()
}
