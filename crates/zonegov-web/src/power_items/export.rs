//! Streaming downloads of the list. CSV is encoded page by page as the response is
//! sent; xlsx is written by the constant-memory writer to a temporary file, which
//! is then streamed and removed. Both are audited before the first byte.

use crate::AppState;
use crate::auth::access::ClientIp;
use crate::ctx::Ctx;
use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use std::sync::Arc;
use tokio::io::AsyncReadExt;
use zonegov_app::power_export::{self, Exporter};
use zonegov_domain::Code;

pub(crate) const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

pub(crate) fn download(content_type: &str, file_name: &str, body: Body) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type.to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{file_name}\""),
            ),
        ],
        body,
    )
        .into_response()
}

/// A temporary file streamed in chunks, removed when the stream is dropped.
pub(crate) fn stream_file(tmp: tempfile::TempPath) -> Body {
    let state = (tmp, None::<tokio::fs::File>);
    let stream = futures_util::stream::unfold(state, |(tmp, file)| async move {
        let mut file = match file {
            Some(f) => f,
            None => match tokio::fs::File::open(&tmp).await {
                Ok(f) => f,
                Err(e) => return Some((Err(e), (tmp, None))),
            },
        };
        let mut buf = vec![0u8; 64 * 1024];
        match file.read(&mut buf).await {
            Ok(0) => None,
            Ok(n) => {
                buf.truncate(n);
                Some((Ok(Bytes::from(buf)), (tmp, Some(file))))
            }
            Err(e) => Some((Err(e), (tmp, Some(file)))),
        }
    });
    Body::from_stream(stream)
}

fn failed(e: impl std::fmt::Display) -> Response {
    tracing::error!(error = %e, "power list export failed");
    StatusCode::INTERNAL_SERVER_ERROR.into_response()
}

pub async fn xlsx(ctx: Ctx, State(state): State<AppState>, ip: ClientIp) -> Response {
    let tmp = match tempfile::NamedTempFile::new() {
        Ok(t) => t.into_temp_path(),
        Err(e) => return failed(e),
    };
    let who = Exporter {
        actor: ctx.me_name(),
        ip: &ip.0,
    };
    if let Err(e) =
        power_export::to_xlsx(state.store.as_ref(), &who, ctx.as_of, &ctx.visible(), &tmp).await
    {
        return failed(e);
    }
    download(
        XLSX,
        &format!("power-items-{}.xlsx", ctx.as_of),
        stream_file(tmp),
    )
}

pub async fn csv(ctx: Ctx, State(state): State<AppState>, ip: ClientIp) -> Response {
    let who = Exporter {
        actor: ctx.me_name(),
        ip: &ip.0,
    };
    power_export::audit(state.store.as_ref(), &who, "csv", ctx.as_of).await;
    let store = Arc::clone(&state.store);
    let (day, visible) = (ctx.as_of, ctx.visible());
    // State: the cursor of the next page; `None` once the last page is sent.
    let start: Option<Option<Code>> = Some(None);
    let stream = futures_util::stream::unfold(start, move |cursor| {
        let store = Arc::clone(&store);
        let visible = visible.clone();
        async move {
            let after = cursor?;
            match power_export::csv_page(store.as_ref(), day, &visible, after.as_ref()).await {
                Ok((bytes, next)) => Some((
                    Ok::<Bytes, std::io::Error>(Bytes::from(bytes)),
                    next.map(Some),
                )),
                Err(e) => {
                    tracing::error!(error = %e, "power list CSV page failed");
                    Some((Err(std::io::Error::other(e.to_string())), None))
                }
            }
        }
    });
    download(
        "text/csv; charset=utf-8",
        &format!("power-items-{day}.csv"),
        Body::from_stream(stream),
    )
}

pub async fn template(_ctx: Ctx) -> Response {
    let tmp = match tempfile::NamedTempFile::new() {
        Ok(t) => t.into_temp_path(),
        Err(e) => return failed(e),
    };
    if let Err(e) = power_export::template(&tmp) {
        return failed(e);
    }
    download(XLSX, "power-items-template.xlsx", stream_file(tmp))
}
