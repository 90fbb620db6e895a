//! The park and institution lists and their CSV exports, read with the store's
//! as-of query under the user's data scope.

use super::paging::{Paging, next_link};
use super::{history, illustrative, render, zone_name};
use crate::AppState;
use crate::auth::access::{ClientIp, Recorder};
use crate::ctx::{Ctx, query_param};
use crate::error::PageError;
use crate::i18n::Ui;
use askama::Template;
use axum::extract::State;
use axum::http::{Uri, header};
use axum::response::{Html, IntoResponse, Response};
use zonegov_domain::auth::Visible;
use zonegov_domain::{Code, QuotaType, ZoneHistory};

pub struct ParkRow {
    pub code: String,
    pub name: String,
    pub kind: &'static str,
    pub industries: String,
    pub streets: String,
    pub managing_body: String,
    pub valid_from: String,
    pub illustrative: bool,
    pub basis: String,
}

pub struct InstitutionRow {
    pub code: String,
    pub name: String,
    pub category: String,
    pub internal: bool,
    pub parent: String,
    pub quotas: String,
    pub valid_from: String,
    pub illustrative: bool,
    pub basis: String,
}

#[derive(Template)]
#[template(path = "parks.html")]
struct ParksPage {
    ui: Ui,
    ctx: Ctx,
    menu: &'static str,
    zone_name: String,
    rows: Vec<ParkRow>,
    q: String,
    /// The next page, when there is one.
    next: Option<String>,
}

#[derive(Template)]
#[template(path = "institutions.html")]
struct InstitutionsPage {
    ui: Ui,
    ctx: Ctx,
    menu: &'static str,
    zone_name: String,
    rows: Vec<InstitutionRow>,
    internal: usize,
    q: String,
    /// The next page, when there is one.
    next: Option<String>,
}

/// The search text: rows whose name or code contains it are kept.
fn search(uri: &Uri) -> String {
    query_param(uri, "q")
        .map(|q| q.trim().to_owned())
        .unwrap_or_default()
}

fn matches(q: &str, code: &str, name: &str) -> bool {
    q.is_empty() || name.contains(q) || code.eq_ignore_ascii_case(q)
}

/// The name of a body on the list's day, from the cached history, if the user may
/// see it (one lookup per row, not a read of every body).
fn body_name(h: &ZoneHistory, ctx: &Ctx, visible: &Visible, code: &Code) -> Option<String> {
    visible
        .institution(code)
        .then(|| h.institutions.as_of(code, ctx.as_of))
        .flatten()
        .map(|v| v.attrs.display_name(ctx.ui.lang))
}

/// The rows of one page (`Some(paging)`) or of the whole list (exports); with the
/// code to continue after when a page is not the last.
async fn park_rows(
    state: &AppState,
    ctx: &Ctx,
    h: &ZoneHistory,
    q: &str,
    paging: Option<&Paging>,
) -> Result<(Vec<ParkRow>, Option<Code>), PageError> {
    let lang = ctx.ui.lang;
    let visible = ctx.visible();
    let err = |e| PageError::internal(ctx.ui, e);
    let (versions, next) = match paging {
        Some(p) => {
            let mut v = state
                .store
                .parks_page(p.query(ctx.as_of, &visible, q))
                .await
                .map_err(err)?;
            let next = p.split(&mut v);
            (v, next)
        }
        None => (
            state
                .store
                .parks_as_of(ctx.as_of, &visible)
                .await
                .map_err(err)?,
            None,
        ),
    };
    let rows = versions
        .into_iter()
        .filter(|v| matches(q, v.code.as_str(), v.attrs.name.get(lang)))
        .map(|v| ParkRow {
            code: v.code.to_string(),
            name: v.attrs.name.get(lang).to_owned(),
            kind: v.attrs.kind.label(lang),
            industries: v.attrs.industries.join("、"),
            streets: v.attrs.streets.join("、"),
            managing_body: v
                .attrs
                .managing_body
                .as_ref()
                .map(|c| body_name(h, ctx, &visible, c).unwrap_or_else(|| c.to_string()))
                .unwrap_or_default(),
            valid_from: v.period.from().to_string(),
            illustrative: illustrative(&v.attrs.provenance),
            basis: v.attrs.provenance.basis,
        })
        .collect();
    Ok((rows, next))
}

async fn institution_rows(
    state: &AppState,
    ctx: &Ctx,
    h: &ZoneHistory,
    q: &str,
    paging: Option<&Paging>,
) -> Result<(Vec<InstitutionRow>, Option<Code>), PageError> {
    let lang = ctx.ui.lang;
    let visible = ctx.visible();
    let err = |e| PageError::internal(ctx.ui, e);
    let (versions, next) = match paging {
        Some(p) => {
            let mut v = state
                .store
                .institutions_page(p.query(ctx.as_of, &visible, q))
                .await
                .map_err(err)?;
            let next = p.split(&mut v);
            (v, next)
        }
        None => (
            state
                .store
                .institutions_as_of(ctx.as_of, &visible)
                .await
                .map_err(err)?,
            None,
        ),
    };
    let mut rows: Vec<(i32, InstitutionRow)> = versions
        .iter()
        .filter(|v| matches(q, v.code.as_str(), &v.attrs.display_name(lang)))
        .map(|v| {
            let cat = h.category(&v.attrs.category);
            let row = InstitutionRow {
                code: v.code.to_string(),
                name: v.attrs.display_name(lang),
                category: cat.map(|c| c.name.get(lang).to_owned()).unwrap_or_default(),
                internal: cat.is_some_and(|c| c.internal),
                parent: v
                    .attrs
                    .parent
                    .as_ref()
                    .and_then(|p| body_name(h, ctx, &visible, p))
                    .unwrap_or_default(),
                quotas: quota_text(&v.attrs.quotas, ctx.ui),
                valid_from: v.period.from().to_string(),
                illustrative: illustrative(&v.attrs.provenance),
                basis: v.attrs.provenance.basis.clone(),
            };
            (cat.map(|c| c.sort).unwrap_or(i32::MAX), row)
        })
        .collect();
    // Within a page, grouped by category as before (pages themselves go by code).
    rows.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.code.cmp(&b.1.code)));
    Ok((rows.into_iter().map(|(_, r)| r).collect(), next))
}

pub async fn parks(
    ctx: Ctx,
    uri: Uri,
    State(state): State<AppState>,
) -> Result<Html<String>, PageError> {
    let h = history(&state, &ctx).await?;
    let q = search(&uri);
    let paging = Paging::from_uri(&uri);
    let (rows, next) = park_rows(&state, &ctx, &h, &q, Some(&paging)).await?;
    let next = next.map(|c| next_link(&ctx, &q, &paging, &c));
    render(
        &ctx,
        &ParksPage {
            ui: ctx.ui,
            zone_name: zone_name(&h, &ctx),
            ctx: ctx.clone(),
            menu: "parks",
            rows,
            q,
            next,
        },
    )
}

pub async fn institutions(
    ctx: Ctx,
    uri: Uri,
    State(state): State<AppState>,
) -> Result<Html<String>, PageError> {
    let h = history(&state, &ctx).await?;
    let q = search(&uri);
    let paging = Paging::from_uri(&uri);
    let (rows, next) = institution_rows(&state, &ctx, &h, &q, Some(&paging)).await?;
    let next = next.map(|c| next_link(&ctx, &q, &paging, &c));
    let internal = rows.iter().filter(|r| r.internal).count();
    render(
        &ctx,
        &InstitutionsPage {
            ui: ctx.ui,
            zone_name: zone_name(&h, &ctx),
            ctx: ctx.clone(),
            menu: "institutions",
            rows,
            internal,
            q,
            next,
        },
    )
}

/// A CSV download with a BOM so that Excel opens the Chinese text as UTF-8.
pub fn csv_response(
    file_name: &str,
    header_row: &[&str],
    rows: impl Iterator<Item = Vec<String>>,
) -> Response {
    let mut w = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    let mut ok = w.write_record(header_row).is_ok();
    for r in rows {
        ok &= w
            .write_record(r.iter().map(|c| neutralise_formula(c)))
            .is_ok();
    }
    match (ok, w.into_inner()) {
        (true, Ok(bytes)) => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"{file_name}\""),
                ),
            ],
            bytes,
        )
            .into_response(),
        _ => axum::http::StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

/// Cells that Excel would run as formulas (=, +, -, @) are prefixed with `'`.
fn neutralise_formula(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_owned()
    }
}

/// Records the export in the audit trail and sends the rows as CSV; `head` holds
/// UI string keys.
async fn export(
    state: &AppState,
    ctx: &Ctx,
    ip: &ClientIp,
    what: &str,
    q: &str,
    head: &[&str],
    rows: Vec<Vec<String>>,
) -> Response {
    let detail = serde_json::json!({ "as_of": ctx.as_of, "rows": rows.len(), "q": q });
    Recorder::new(state.store.as_ref(), ctx.me_name(), &ip.0)
        .ok(&format!("export.{what}"), what, detail)
        .await;
    let head: Vec<&str> = head.iter().map(|k| ctx.ui.t(k)).collect();
    csv_response(
        &format!("{what}-{}.csv", ctx.as_of),
        &head,
        rows.into_iter(),
    )
}

fn source_label(ui: Ui, illustrative: bool) -> String {
    ui.t(if illustrative { "illustrative" } else { "fact" })
        .to_owned()
}

pub async fn parks_csv(
    ctx: Ctx,
    uri: Uri,
    ip: ClientIp,
    State(state): State<AppState>,
) -> Result<Response, PageError> {
    let h = history(&state, &ctx).await?;
    let q = search(&uri);
    let (rows, _) = park_rows(&state, &ctx, &h, &q, None).await?;
    let head = [
        "code",
        "name",
        "kind",
        "industries",
        "streets",
        "managing_body",
        "valid_from",
        "source",
    ];
    let rows = rows
        .into_iter()
        .map(|r| {
            let source = source_label(ctx.ui, r.illustrative);
            vec![
                r.code,
                r.name,
                r.kind.to_owned(),
                r.industries,
                r.streets,
                r.managing_body,
                r.valid_from,
                source,
            ]
        })
        .collect();
    Ok(export(&state, &ctx, &ip, "parks", &q, &head, rows).await)
}

pub async fn institutions_csv(
    ctx: Ctx,
    uri: Uri,
    ip: ClientIp,
    State(state): State<AppState>,
) -> Result<Response, PageError> {
    let h = history(&state, &ctx).await?;
    let q = search(&uri);
    let (rows, _) = institution_rows(&state, &ctx, &h, &q, None).await?;
    let head = [
        "code",
        "name",
        "category",
        "parent",
        "quotas",
        "valid_from",
        "source",
    ];
    let rows = rows
        .into_iter()
        .map(|r| {
            let source = source_label(ctx.ui, r.illustrative);
            vec![
                r.code,
                r.name,
                r.category,
                r.parent,
                r.quotas,
                r.valid_from,
                source,
            ]
        })
        .collect();
    Ok(export(&state, &ctx, &ip, "institutions", &q, &head, rows).await)
}

pub fn quota_text(quotas: &std::collections::BTreeMap<QuotaType, u32>, ui: Ui) -> String {
    quotas
        .iter()
        .map(|(t, n)| format!("{} {n}", t.label(ui.lang)))
        .collect::<Vec<_>>()
        .join(" / ")
}
