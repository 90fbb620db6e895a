//! The list page and CSV export of any record kind: one page of records as of the
//! page's date, under the user's data scope and search text, paged by code (no count
//! over the table). A kind says only which columns it shows ([`Listed`]).

use super::export::export as send_csv;
use super::{history, illustrative, source_label, zone_name};
use crate::AppState;
use crate::auth::access::ClientIp;
use crate::ctx::{Ctx, query_param};
use crate::error::PageError;
use crate::i18n::Ui;
use crate::pages::render;
use askama::Template;
use axum::extract::State;
use axum::http::Uri;
use axum::response::{Html, Response};
use zonegov_domain::{Code, Record, Version, ZoneHistory};

/// A record kind as a list: the columns after its code, and one row's cells.
pub trait Listed: Record {
    /// UI string keys of the columns between the name and the start date.
    const COLUMNS: &'static [&'static str];

    /// The cells of one record, in [`Listed::COLUMNS`] order.
    fn cells(&self, h: &ZoneHistory, ctx: &Ctx) -> Vec<String>;

    /// A CSS class for the row (institutions mark the internal ones).
    fn row_class(&self, _h: &ZoneHistory) -> &'static str {
        ""
    }

    /// The kind's upload page and the permission it needs, linked from the list
    /// for users who hold it (kinds without one are loaded with the dataset only).
    const IMPORT: Option<(&'static str, zonegov_domain::auth::Perm)> = None;
}

pub struct ListRow {
    pub code: String,
    pub cells: Vec<String>,
    pub class: &'static str,
    pub illustrative: bool,
    pub source: &'static str,
    pub basis: String,
}

#[derive(Template)]
#[template(path = "records.html")]
struct ListPage {
    ui: Ui,
    ctx: Ctx,
    menu: &'static str,
    zone_name: String,
    title: &'static str,
    plural: &'static str,
    columns: Vec<&'static str>,
    rows: Vec<ListRow>,
    q: String,
    next: Option<String>,
    may_export: bool,
    /// The upload page, when the kind has one and the user may use it.
    import: Option<&'static str>,
}

fn row<T: Listed>(h: &ZoneHistory, ctx: &Ctx, v: &Version<T>) -> ListRow {
    let p = v.attrs.provenance();
    let mut cells = vec![v.attrs.display_name(ctx.ui.lang)];
    cells.extend(v.attrs.cells(h, ctx));
    cells.push(v.period.from().to_string());
    ListRow {
        code: v.code.to_string(),
        cells,
        class: v.attrs.row_class(h),
        illustrative: illustrative(p),
        source: source_label(ctx.ui, p),
        basis: p.basis.clone(),
    }
}

/// Every column's UI key: code and name, the kind's own, start, source.
fn column_keys<T: Listed>() -> Vec<&'static str> {
    let mut keys = vec!["code", "name"];
    keys.extend(T::COLUMNS);
    keys.extend(["valid_from", "source"]);
    keys
}

/// `GET /{plural}`: one page of the list.
pub async fn list_page<T: Listed>(
    ctx: Ctx,
    uri: Uri,
    State(state): State<AppState>,
) -> Result<Html<String>, PageError> {
    let h = history(&state, &ctx).await?;
    let p = ListParams::of(&uri, &ctx)?;
    let path = format!("/{}", T::PLURAL);
    let (versions, next) = page::<T>(&state, &ctx, &p, &path).await?;
    let rows = versions.iter().map(|v| row(&h, &ctx, v)).collect();
    render(
        &ctx,
        &ListPage {
            ui: ctx.ui,
            zone_name: zone_name(&h, &ctx),
            menu: T::PLURAL,
            title: ctx.ui.lang.pick(T::LABEL_ZH, T::LABEL_EN),
            plural: T::PLURAL,
            columns: column_keys::<T>()
                .into_iter()
                .map(|k| ctx.ui.t(k))
                .collect(),
            rows,
            q: p.q,
            next,
            may_export: ctx.has(T::PERMS.export),
            import: T::IMPORT.and_then(|(href, perm)| ctx.has(perm).then_some(href)),
            ctx: ctx.clone(),
        },
    )
}

/// `GET /{plural}/export.csv`: every matching record, audited.
pub async fn export_csv<T: Listed>(
    ctx: Ctx,
    uri: Uri,
    ip: ClientIp,
    State(state): State<AppState>,
) -> Result<Response, PageError> {
    let h = history(&state, &ctx).await?;
    let p = ListParams::of(&uri, &ctx)?;
    let versions = all::<T>(&state, &ctx, &p).await?;
    let rows = versions
        .iter()
        .map(|v| {
            let r = row(&h, &ctx, v);
            let mut cells = vec![r.code];
            cells.extend(r.cells);
            cells.push(r.source.to_owned());
            cells
        })
        .collect();
    Ok(send_csv(
        &state,
        &ctx,
        &ip,
        T::PLURAL,
        &p.q,
        &column_keys::<T>(),
        rows,
    )
    .await)
}

/// Rows on one list page unless `?limit=` says otherwise, and the most it may say.
pub const PAGE_SIZE: u32 = 50;
pub const MAX_PAGE_SIZE: u32 = 500;
/// Rows in one export (exports are not paged).
pub const EXPORT_MAX: u32 = 200_000;

/// What the list was asked for: search text and the code to continue after.
pub struct ListParams {
    pub q: String,
    pub after: Option<Code>,
    pub limit: u32,
}

impl ListParams {
    /// Reads `q`, `after` and `limit`; a malformed `after` or `limit` is a 400 that
    /// names the parameter and the value (a page silently ignoring it would show
    /// the first page as if it were the asked one).
    pub fn of(uri: &Uri, ctx: &Ctx) -> Result<Self, PageError> {
        let bad = |name: &str, value: &str, why: &str| {
            PageError::bad_request(ctx.ui, format!("{name} = {value:?}: {why}"))
        };
        let q = query_param(uri, "q")
            .map(|q| q.trim().chars().take(100).collect())
            .unwrap_or_default();
        let after = match query_param(uri, "after").filter(|a| !a.trim().is_empty()) {
            Some(a) => Some(Code::parse(&a).map_err(|e| bad("after", &a, &e.to_string()))?),
            None => None,
        };
        let limit = match query_param(uri, "limit").filter(|l| !l.trim().is_empty()) {
            Some(l) => l
                .trim()
                .parse::<u32>()
                .map_err(|_| {
                    bad(
                        "limit",
                        &l,
                        "expected a whole number from 1 to 500 / 应为 1 至 500 的整数",
                    )
                })?
                .clamp(1, MAX_PAGE_SIZE),
            None => PAGE_SIZE,
        };
        Ok(Self { q, after, limit })
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
            ("limit", self.limit.to_string()),
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
    let mut rows = read::<T>(state, ctx, p, p.limit + 1).await?;
    let next = if rows.len() > p.limit as usize {
        rows.truncate(p.limit as usize);
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
