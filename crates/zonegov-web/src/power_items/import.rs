//! The import page: download the template, upload a file (multipart, at most
//! `auth::csrf::MAX_UPLOAD_BYTES`, its `_csrf` field checked by the CSRF layer before
//! the handler runs) for a dry run, then confirm. The dry run's file is kept in
//! memory for the confirming user for [`PENDING_MINUTES`] (in this process only:
//! behind several processes the confirm must reach the same one, else the user
//! uploads again). The report is the app's, so the page shows exactly what
//! `zonegov import power-list` prints; `Accept: application/json` returns it as JSON.

use crate::AppState;
use crate::auth::access::ClientIp;
use crate::ctx::Ctx;
use crate::i18n::Ui;
use crate::pages::render;
use crate::stash::Stash;
use askama::Template;
use axum::Form;
use axum::body::Bytes;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Json, Response};
use serde::Deserialize;
use std::sync::OnceLock;
use std::time::Duration;
use zonegov_app::power_import::{ImportMode, ImportOptions, ImportReport, dry_run, import};
use zonegov_domain::NaiveDate;
use zonegov_io::power_list::ReadOptions;

/// How long a dry-run upload waits for its confirmation.
pub const PENDING_MINUTES: u64 = 30;
/// Uploads waiting at once (the oldest goes first).
const MAX_PENDING: usize = 16;

struct Pending {
    file_name: String,
    bytes: Bytes,
    mode: ImportMode,
    effective: NaiveDate,
    doc_no: String,
}

fn pending() -> &'static Stash<Pending> {
    static P: OnceLock<Stash<Pending>> = OnceLock::new();
    P.get_or_init(|| Stash::new(Duration::from_secs(PENDING_MINUTES * 60), MAX_PENDING))
}

#[derive(Template)]
#[template(path = "power_import.html")]
struct ImportPage {
    ui: Ui,
    ctx: Ctx,
    menu: &'static str,
    zone_name: String,
    error: String,
    effective: String,
    doc_no: String,
    report: Option<ImportReport>,
    /// Set after a clean dry run: what the confirm form sends back.
    upload_id: String,
    dry: bool,
}

fn page(ctx: &Ctx, status: StatusCode, fill: impl FnOnce(&mut ImportPage)) -> Response {
    let mut p = ImportPage {
        ui: ctx.ui,
        ctx: ctx.clone(),
        menu: "power-items",
        zone_name: String::new(),
        error: String::new(),
        effective: ctx.as_of.to_string(),
        doc_no: String::new(),
        report: None,
        upload_id: String::new(),
        dry: true,
    };
    fill(&mut p);
    match render(ctx, &p) {
        Ok(html) => (status, html).into_response(),
        Err(e) => e.into_response(),
    }
}

pub async fn form(ctx: Ctx) -> Response {
    page(&ctx, StatusCode::OK, |_| {})
}

fn wants_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("application/json"))
}

fn options(
    ctx: &Ctx,
    ip: &ClientIp,
    mode: ImportMode,
    effective: NaiveDate,
    doc_no: &str,
) -> ImportOptions {
    ImportOptions {
        read: ReadOptions::default(),
        mode,
        doc_no: doc_no.to_owned(),
        effective,
        actor: ctx.me_name().to_owned(),
        ip: ip.0.clone(),
    }
}

fn bad(ctx: &Ctx, json: bool, message: String) -> Response {
    if json {
        (
            StatusCode::BAD_REQUEST,
            Json(serde_json::json!({ "error": message })),
        )
            .into_response()
    } else {
        page(ctx, StatusCode::BAD_REQUEST, |p| p.error = message)
    }
}

/// The dry run of an uploaded file.
pub async fn upload(
    ctx: Ctx,
    State(state): State<AppState>,
    ip: ClientIp,
    req: Request,
) -> Response {
    let (parts, body) = req.into_parts();
    let json = wants_json(&parts.headers);
    // The CSRF layer has already bounded and buffered the body.
    let Ok(bytes) = axum::body::to_bytes(body, crate::auth::csrf::MAX_UPLOAD_BYTES).await else {
        return bad(&ctx, json, ctx.ui.t("upload_too_large").to_owned());
    };
    let form = match crate::upload::read(&parts.headers, bytes).await {
        Ok(f) => f,
        Err(e) => return bad(&ctx, json, format!("{}{e}", ctx.ui.t("upload_unreadable"))),
    };
    let Some((file_name, data)) = form.file.clone() else {
        return bad(&ctx, json, ctx.ui.t("upload_no_file").to_owned());
    };
    let mode = match form.field("mode") {
        Some("adjustment") => ImportMode::Adjustment,
        _ => ImportMode::Whole,
    };
    let effective_text = form
        .field("effective")
        .unwrap_or_default()
        .trim()
        .to_owned();
    let effective = if effective_text.is_empty() {
        ctx.as_of
    } else {
        match zonegov_domain::day::parse_param("effective", &effective_text) {
            Ok(d) => d,
            Err(e) => return bad(&ctx, json, e),
        }
    };
    let doc_no = form.field("doc_no").unwrap_or_default().trim().to_owned();
    let opt = options(&ctx, &ip, mode, effective, &doc_no);
    let report = match dry_run(state.store.as_ref(), &data, &file_name, &opt).await {
        Ok(r) => r,
        Err(e) => return crate::error::PageError::internal(ctx.ui, e).into_response(),
    };
    if json {
        return Json(report).into_response();
    }
    let upload_id = if report.is_ok() {
        pending()
            .keep(
                ctx.me_name(),
                Pending {
                    file_name,
                    bytes: data,
                    mode,
                    effective,
                    doc_no: doc_no.clone(),
                },
            )
            .unwrap_or_default()
    } else {
        String::new()
    };
    page(&ctx, StatusCode::OK, |p| {
        p.effective = effective.to_string();
        p.doc_no = doc_no;
        p.report = Some(report);
        p.upload_id = upload_id;
    })
}

#[derive(Deserialize)]
pub struct Confirm {
    upload_id: String,
    #[serde(default)]
    doc_no: String,
}

/// Writes a file whose dry run was clean (checking everything again).
pub async fn confirm(
    ctx: Ctx,
    State(state): State<AppState>,
    ip: ClientIp,
    Form(f): Form<Confirm>,
) -> Response {
    let Some(p) = pending().take(&f.upload_id, ctx.me_name()) else {
        return page(&ctx, StatusCode::BAD_REQUEST, |p| {
            p.error = ctx.ui.t("upload_expired").to_owned();
        });
    };
    let doc_no = if f.doc_no.trim().is_empty() {
        p.doc_no.clone()
    } else {
        f.doc_no.trim().to_owned()
    };
    let opt = options(&ctx, &ip, p.mode, p.effective, &doc_no);
    match import(state.store.as_ref(), &p.bytes, &p.file_name, &opt).await {
        Ok(report) => page(&ctx, StatusCode::OK, |pg| {
            pg.effective = p.effective.to_string();
            pg.doc_no = doc_no;
            pg.report = Some(report);
            pg.dry = false;
        }),
        Err(e) => crate::error::PageError::internal(ctx.ui, e).into_response(),
    }
}
