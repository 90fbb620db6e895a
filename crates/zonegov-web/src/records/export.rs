//! CSV exports of any list: Excel-safe cells, a BOM for Chinese text, and an audit
//! entry for every export.

use crate::AppState;
use crate::auth::access::{ClientIp, Recorder};
use crate::ctx::Ctx;
use axum::http::header;
use axum::response::{IntoResponse, Response};

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
pub async fn export(
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
