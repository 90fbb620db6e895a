//! The reform wizard: upload a plan (`.toml` carrying its own head, or an
//! `.xlsx`/`.csv` table with the head in the form's fields), see the preview, apply.
//! The upload's `_csrf` field is checked by the CSRF layer before the handler runs.

use super::page::{ProblemRow, bad, page, pending, refused, show_preview};
use crate::AppState;
use crate::auth::access::ClientIp;
use crate::ctx::Ctx;
use axum::Form;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;
use std::path::PathBuf;
use zonegov_app::reform::apply as apply_reform;
use zonegov_domain::reform::Reform;
use zonegov_domain::{Code, Name};
use zonegov_io::power_list::ImportProblem;
use zonegov_io::reform::{ReformHead, read_reform_table, reform_from_toml};

pub async fn form(ctx: Ctx) -> Response {
    page(&ctx, StatusCode::OK, |_| {})
}

/// The preview of an uploaded plan.
pub async fn upload(ctx: Ctx, State(state): State<AppState>, req: Request) -> Response {
    let (parts, body) = req.into_parts();
    // The CSRF layer has already bounded and buffered the body.
    let Ok(bytes) = axum::body::to_bytes(body, crate::auth::csrf::MAX_UPLOAD_BYTES).await else {
        return bad(&ctx, ctx.ui.t("upload_too_large").to_owned());
    };
    let form = match crate::upload::read(&parts.headers, bytes).await {
        Ok(f) => f,
        Err(e) => return bad(&ctx, format!("{}{e}", ctx.ui.t("upload_unreadable"))),
    };
    let Some((file_name, data)) = form.file.clone() else {
        return bad(&ctx, ctx.ui.t("upload_no_file").to_owned());
    };
    let field = |k: &str| form.field(k).unwrap_or_default().trim().to_owned();
    let read = if file_name.to_ascii_lowercase().ends_with(".toml") {
        match String::from_utf8(data.to_vec()) {
            Ok(text) => reform_from_toml(&text, &file_name, &no_files_dir()),
            Err(_) => return bad(&ctx, ctx.ui.t("reform_not_utf8").to_owned()),
        }
    } else {
        match head(
            &field("id"),
            &field("doc_no"),
            &field("effective"),
            &field("reason"),
        ) {
            Ok(h) => read_reform_table(&data, &file_name, &h),
            Err(message) => return bad(&ctx, message),
        }
    };
    match read {
        Ok(reform) => show_preview(&ctx, &state, reform).await,
        Err(problems) => page(&ctx, StatusCode::BAD_REQUEST, |p| {
            p.error = ctx.ui.t("reform_file_problems").to_owned();
            p.problems = problems.iter().map(problem_row).collect();
        }),
    }
}

/// Outline files named in an uploaded plan are looked up here: a directory that
/// does not exist, so an upload reads no file of the server's (its outlines must
/// be written inline).
fn no_files_dir() -> PathBuf {
    let mut raw = [0u8; 16];
    let _ = getrandom::fill(&mut raw);
    std::env::temp_dir().join(format!("zonegov-no-files-{}", hex::encode(raw)))
}

/// The head of a table plan from the form, each bad field named with its value.
pub fn head(id: &str, doc_no: &str, effective: &str, reason: &str) -> Result<ReformHead, String> {
    let id = Code::parse(id).map_err(|e| format!("id = {id:?}: {e}"))?;
    let effective = zonegov_domain::day::parse_param("effective", effective)?;
    if doc_no.is_empty() {
        return Err("doc_no (文号): 必填 / required".into());
    }
    if reason.is_empty() {
        return Err("reason (原因): 必填 / required".into());
    }
    Ok(ReformHead {
        id,
        effective,
        doc_no: doc_no.to_owned(),
        reason: Name::new(reason, ""),
    })
}

fn problem_row(p: &ImportProblem) -> ProblemRow {
    let mut place = p.sheet.clone();
    if p.row > 0 {
        place.push_str(&format!(" {}", p.row));
    }
    if let Some(c) = &p.column {
        place.push_str(&format!(" {c}"));
    }
    if let Some(h) = &p.header {
        place.push_str(&format!("（{h}）"));
    }
    ProblemRow {
        place,
        field: p.field.clone(),
        value: p.value.clone(),
        message: p.message.clone(),
    }
}

#[derive(Deserialize)]
pub struct ApplyForm {
    pending_id: String,
}

/// Applies a previewed reform, refused if any record it ends changed since.
pub async fn apply(
    ctx: Ctx,
    State(state): State<AppState>,
    ip: ClientIp,
    Form(f): Form<ApplyForm>,
) -> Response {
    let Some(p) = pending().take(&f.pending_id, ctx.me_name()) else {
        return bad(&ctx, ctx.ui.t("reform_expired").to_owned());
    };
    let reform: Reform = p.reform;
    let granted = |perm| ctx.has(perm);
    match apply_reform(
        state.store.as_ref(),
        &reform,
        ctx.me_name(),
        &ip.0,
        &granted,
        Some(&p.seen),
    )
    .await
    {
        Ok(applied) => page(&ctx, StatusCode::OK, |pg| pg.applied = Some(applied)),
        Err(e) => refused(&ctx, e),
    }
}
