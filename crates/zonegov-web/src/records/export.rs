//! CSV exports of any list: Excel-safe cells, a BOM for Chinese text, and an audit
//! entry for every export.

use crate::AppState;
use crate::auth::access::ClientIp;
use crate::ctx::Ctx;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use zonegov_app::exports::Export;

/// Bytes of a CSV file as a download named `file_name`.
pub fn csv_download(file_name: &str, bytes: Result<Vec<u8>, csv::Error>) -> Response {
    match bytes {
        Ok(bytes) => (
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
        Err(e) => {
            tracing::error!(error = %e, "CSV export failed");
            axum::http::StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
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
    let head: Vec<&str> = head.iter().map(|k| ctx.ui.t(k)).collect();
    let bytes = zonegov_app::exports::csv(
        state.store.as_ref(),
        ctx.me_name(),
        &ip.0,
        Export {
            action: &format!("export.{what}"),
            target: what,
            filter: serde_json::json!({ "as_of": ctx.as_of, "q": q }),
            header: &head,
            rows,
        },
    )
    .await;
    csv_download(&format!("{what}-{}.csv", ctx.as_of), bytes)
}

/// Records the export in the audit trail (`action`, with the page's date and
/// filters) and sends `tables` as one xlsx workbook named `file_name`, a sheet per
/// table. The file is written to a temporary path and streamed; a failure to write
/// is logged and answered 500 (nothing partial is sent).
pub async fn xlsx_book(
    state: &AppState,
    ctx: &Ctx,
    ip: &ClientIp,
    action: &str,
    filter: serde_json::Value,
    file_name: &str,
    tables: Vec<zonegov_io::xlsx::Table>,
) -> Response {
    use crate::power_items::export::{XLSX, download, stream_file};
    zonegov_app::audit::Recorder::new(state.store.as_ref(), ctx.me_name(), &ip.0)
        .ok(action, "xlsx", filter)
        .await;
    let failed = |e: String| {
        tracing::error!(error = %e, action, "xlsx export failed");
        axum::http::StatusCode::INTERNAL_SERVER_ERROR.into_response()
    };
    let tmp = match tempfile::NamedTempFile::new() {
        Ok(t) => t.into_temp_path(),
        Err(e) => return failed(e.to_string()),
    };
    // Small tables, but writing and syncing a file blocks: off the async workers.
    let path = tmp.to_path_buf();
    match tokio::task::spawn_blocking(move || zonegov_io::xlsx::write_book(&path, &tables)).await {
        Ok(Ok(())) => download(XLSX, file_name, stream_file(tmp)),
        Ok(Err(e)) => failed(e.to_string()),
        Err(e) => failed(e.to_string()),
    }
}
