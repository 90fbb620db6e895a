//! A list page's rows: one page of records as of the page's date, under the user's
//! data scope and search text, paged by code (no count over the table).

use crate::AppState;
use crate::ctx::{Ctx, query_param};
use crate::error::PageError;
use axum::http::Uri;
use zonegov_domain::{Code, Record, Version};

/// Rows on one list page.
pub const PAGE_SIZE: u32 = 50;
/// Rows in one export (exports are not paged).
pub const EXPORT_MAX: u32 = 200_000;

/// What the list was asked for: search text and the code to continue after.
pub struct ListParams {
    pub q: String,
    pub after: Option<Code>,
}

impl ListParams {
    pub fn of(uri: &Uri) -> Self {
        let q = query_param(uri, "q")
            .map(|q| q.trim().chars().take(100).collect())
            .unwrap_or_default();
        let after = query_param(uri, "after").and_then(|a| Code::parse(&a).ok());
        Self { q, after }
    }

    fn search(&self) -> Option<&str> {
        (!self.q.is_empty()).then_some(self.q.as_str())
    }

    /// The link to the page after one ending at `last`.
    pub fn next_link(&self, path: &str, ctx: &Ctx, last: &Code) -> String {
        let query = serde_urlencoded::to_string([
            ("as_of", ctx.as_of.to_string()),
            ("q", self.q.clone()),
            ("after", last.to_string()),
        ])
        .unwrap_or_default();
        format!("{path}?{query}")
    }
}

/// One page of kind `T` and the link to the next page, if there is one.
pub async fn page<T: Record>(
    state: &AppState,
    ctx: &Ctx,
    p: &ListParams,
    path: &str,
) -> Result<(Vec<Version<T>>, Option<String>), PageError> {
    let mut rows = read::<T>(state, ctx, p, PAGE_SIZE + 1).await?;
    let next = if rows.len() > PAGE_SIZE as usize {
        rows.truncate(PAGE_SIZE as usize);
        rows.last().map(|v| p.next_link(path, ctx, &v.code))
    } else {
        None
    };
    Ok((rows, next))
}

/// Every matching record for an export, up to [`EXPORT_MAX`].
pub async fn all<T: Record>(
    state: &AppState,
    ctx: &Ctx,
    p: &ListParams,
) -> Result<Vec<Version<T>>, PageError> {
    read::<T>(state, ctx, p, EXPORT_MAX).await
}

async fn read<T: Record>(
    state: &AppState,
    ctx: &Ctx,
    p: &ListParams,
    limit: u32,
) -> Result<Vec<Version<T>>, PageError> {
    zonegov_store::page_as_of::<T>(
        state.store.records(),
        ctx.as_of,
        &ctx.visible(),
        p.after.as_ref(),
        limit,
        p.search(),
    )
    .await
    .map_err(|e| PageError::internal(ctx.ui, e))
}
