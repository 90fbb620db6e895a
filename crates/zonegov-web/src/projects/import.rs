//! The project sheet upload page (staff with `invest:project:import`): a
//! dry run by default, which reports every problem with its row, column and value;
//! unticked, the same checks then one change set (the 文号 is required). Both go
//! through `zonegov_app::project_import`, as `zonegov import projects` does.

use crate::AppState;
use crate::auth::access::ClientIp;
use crate::ctx::Ctx;
use crate::i18n::Ui;
use crate::pages::render;
use askama::Template;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use zonegov_app::project_import::{ImportOptions, ImportReport, dry_run, import};
use zonegov_domain::{Provenance, Source};

#[derive(Template)]
#[template(path = "project_import.html")]
struct Page {
    ui: Ui,
    ctx: Ctx,
    menu: &'static str,
    zone_name: String,
    error: String,
    effective: String,
    doc_no: String,
    report: Option<ImportReport>,
    dry: bool,
}

fn page(ctx: &Ctx, status: StatusCode, fill: impl FnOnce(&mut Page)) -> Response {
    let mut p = Page {
        ui: ctx.ui,
        ctx: ctx.clone(),
        menu: "pipeline",
        zone_name: String::new(),
        error: String::new(),
        effective: ctx.as_of.to_string(),
        doc_no: String::new(),
        report: None,
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

pub async fn upload(
    ctx: Ctx,
    State(state): State<AppState>,
    ip: ClientIp,
    req: Request,
) -> Response {
    let bad = |ctx: &Ctx, m: String| page(ctx, StatusCode::BAD_REQUEST, |p| p.error = m);
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
    let effective_text = form.field("effective").unwrap_or_default().trim();
    let effective = if effective_text.is_empty() {
        ctx.as_of
    } else {
        match zonegov_domain::day::parse_param("effective", effective_text) {
            Ok(d) => d,
            Err(e) => return bad(&ctx, e),
        }
    };
    let doc_no = form.field("doc_no").unwrap_or_default().trim().to_owned();
    let dry = form.field("dry_run").is_some();
    let opt = ImportOptions {
        doc_no: doc_no.clone(),
        effective,
        provenance: Provenance {
            source: Source::Reference,
            basis: format!("招商项目台账导入 / project sheet import: {file_name}"),
            ..Default::default()
        },
        actor: ctx.me_name().to_owned(),
        ip: ip.0.clone(),
    };
    let store = state.store.as_ref();
    let result = if dry {
        dry_run(store, &data, &file_name, &opt).await
    } else {
        import(store, &data, &file_name, &opt).await
    };
    let report = match result {
        Ok(r) => r,
        Err(e) => return crate::error::PageError::internal(ctx.ui, e).into_response(),
    };
    page(&ctx, StatusCode::OK, |p| {
        p.effective = effective.to_string();
        p.doc_no = doc_no;
        p.report = Some(report);
        p.dry = dry;
    })
}
