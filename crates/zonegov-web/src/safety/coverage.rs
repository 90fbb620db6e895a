//! The coverage page and the exceptions' xlsx: both call
//! `zonegov_app::safety::audit::audit_store` for the page's date and the user's
//! scope, so they, the dashboard and `zonegov safety audit` agree.

use crate::AppState;
use crate::auth::access::ClientIp;
use crate::ctx::Ctx;
use crate::error::PageError;
use crate::i18n::Ui;
use crate::pages::render;
use crate::power_items::export::{XLSX, download, stream_file};
use crate::records::{history, zone_name};
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use zonegov_app::safety::audit::{EXAMPLES, EXPORT_EXAMPLES, audit_store};
use zonegov_domain::safety::CoverageReport;

#[derive(Template)]
#[template(path = "coverage.html")]
struct Page {
    ui: Ui,
    ctx: Ctx,
    menu: &'static str,
    zone_name: String,
    total: u64,
    /// Party, covered, percent, gaps, overlaps.
    parties: Vec<(String, u64, String, u64, u64)>,
    /// Kind, count, example lines.
    exceptions: Vec<(String, u64, Vec<String>)>,
    overlaps: Vec<String>,
    exception_count: u64,
    text: String,
}

async fn report(state: &AppState, ctx: &Ctx, examples: usize) -> Result<CoverageReport, PageError> {
    let h = history(state, ctx).await?;
    audit_store(
        state.store.as_ref(),
        &h,
        ctx.as_of,
        &ctx.visible(),
        examples,
    )
    .await
    .map_err(|e| PageError::internal(ctx.ui, e))
}

pub async fn page(ctx: Ctx, State(state): State<AppState>) -> Result<Html<String>, PageError> {
    let r = report(&state, &ctx, EXAMPLES).await?;
    let lang = ctx.ui.lang;
    let h = history(&state, &ctx).await?;
    let page = Page {
        ui: ctx.ui,
        menu: "coverage",
        zone_name: zone_name(&h, &ctx),
        total: r.total,
        parties: r
            .parties
            .iter()
            .map(|p| {
                (
                    p.party.label(lang).to_owned(),
                    p.covered,
                    format!("{:.2}%", p.percent(r.total)),
                    p.with_gap,
                    p.with_overlap,
                )
            })
            .collect(),
        exceptions: r
            .exceptions
            .iter()
            .filter(|k| k.count > 0)
            .map(|k| {
                (
                    k.kind.label(lang).to_owned(),
                    k.count,
                    k.examples.iter().map(|x| x.message(lang)).collect(),
                )
            })
            .collect(),
        overlaps: r
            .mapping_overlaps
            .iter()
            .map(|m| {
                format!(
                    "{} {}: {}",
                    m.party.label(lang),
                    m.key.label(lang),
                    m.claimants
                        .iter()
                        .map(|c| c.as_str())
                        .collect::<Vec<_>>()
                        .join(lang.pick("、", ", "))
                )
            })
            .collect(),
        exception_count: r.exception_count(),
        text: r.text(lang),
        ctx,
    };
    render(&page.ctx, &page)
}

pub async fn xlsx(ctx: Ctx, State(state): State<AppState>, ip: ClientIp) -> Response {
    let failed = |e: String| {
        tracing::error!(error = %e, "coverage export failed");
        StatusCode::INTERNAL_SERVER_ERROR.into_response()
    };
    zonegov_app::audit::Recorder::new(state.store.as_ref(), ctx.me_name(), &ip.0)
        .ok(
            "export.safety-exceptions",
            "safety",
            serde_json::json!({ "format": "xlsx", "as_of": ctx.as_of }),
        )
        .await;
    let r = match report(&state, &ctx, EXPORT_EXAMPLES).await {
        Ok(r) => r,
        Err(e) => return e.into_response(),
    };
    let tmp = match tempfile::NamedTempFile::new() {
        Ok(t) => t.into_temp_path(),
        Err(e) => return failed(e.to_string()),
    };
    let visible = ctx.visible();
    let names = match zonegov_app::safety::audit::exception_names(
        state.store.as_ref(),
        &r,
        ctx.as_of,
        &visible,
    )
    .await
    {
        Ok(n) => n,
        Err(e) => return failed(e.to_string()),
    };
    let name_of = |c: &str| names.get(c).cloned().unwrap_or_default();
    if let Err(e) = zonegov_io::safety_xlsx::write_exceptions(&tmp, &r, &name_of) {
        return failed(e.to_string());
    }
    download(
        XLSX,
        &format!("safety-exceptions-{}.xlsx", ctx.as_of),
        stream_file(tmp),
    )
}
