//! The ledger page and its exports, and a body's 三定 page.

use crate::AppState;
use crate::auth::access::ClientIp;
use crate::ctx::Ctx;
use crate::error::PageError;
use crate::i18n::Ui;
use crate::pages::render;
use crate::power_items::export::{XLSX, download, stream_file};
use crate::records::export::csv_download;
use crate::records::{history, parse_code, zone_name};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use zonegov_app::exports::Export;
use zonegov_app::staffing::Reader;
use zonegov_domain::Record;
use zonegov_domain::staffing::{Ledger, STAFFING_PERSONAL, Staffing, StaffingView};
use zonegov_io::staffing_out::{HEADER, ledger_rows};

#[derive(Template)]
#[template(path = "staffing_ledger.html")]
struct LedgerPage {
    ui: Ui,
    ctx: Ctx,
    menu: &'static str,
    zone_name: String,
    /// Type, quota, in post, vacant, without 三定.
    totals: Vec<(String, u64, u64, u64, u64)>,
    /// Code, name, recorded, cells "quota / in post / vacant" per type.
    bodies: Vec<(String, String, bool, Vec<String>)>,
    types: Vec<String>,
    may_export: bool,
}

async fn ledger_of(state: &AppState, ctx: &Ctx) -> Result<Ledger, PageError> {
    let h = history(state, ctx).await?;
    Ok(zonegov_app::staffing::ledger(&h, &ctx.visible(), ctx.as_of))
}

pub async fn ledger(ctx: Ctx, State(state): State<AppState>) -> Result<Html<String>, PageError> {
    let h = history(&state, &ctx).await?;
    let l = ledger_of(&state, &ctx).await?;
    let lang = ctx.ui.lang;
    let dash = || "—".to_owned();
    let page = LedgerPage {
        ui: ctx.ui,
        menu: "staffing",
        zone_name: zone_name(&h, &ctx),
        totals: l
            .types
            .iter()
            .map(|t| {
                (
                    t.quota_type.label(lang).to_owned(),
                    t.quota,
                    t.occupied,
                    t.vacant,
                    t.unrecorded,
                )
            })
            .collect(),
        bodies: l
            .bodies
            .iter()
            .map(|b| {
                (
                    b.code.to_string(),
                    b.name.get(lang).to_owned(),
                    b.recorded,
                    b.cells
                        .iter()
                        .map(|c| {
                            if c.quota == 0 && c.occupied.unwrap_or(0) == 0 {
                                return dash();
                            }
                            let o = c.occupied.map_or_else(dash, |n| n.to_string());
                            let v = c.vacant.map_or_else(dash, |n| n.to_string());
                            format!("{} / {o} / {v}", c.quota)
                        })
                        .collect(),
                )
            })
            .collect(),
        types: l
            .types
            .iter()
            .map(|t| t.quota_type.label(lang).to_owned())
            .collect(),
        may_export: ctx.has(Staffing::PERMS.export),
        ctx,
    };
    render(&page.ctx, &page)
}

fn audit_filter(ctx: &Ctx, format: &str) -> serde_json::Value {
    serde_json::json!({ "as_of": ctx.as_of, "format": format })
}

pub async fn ledger_csv(ctx: Ctx, ip: ClientIp, State(state): State<AppState>) -> Response {
    let l = match ledger_of(&state, &ctx).await {
        Ok(l) => l,
        Err(e) => return e.into_response(),
    };
    let bytes = zonegov_app::exports::csv(
        state.store.as_ref(),
        ctx.me_name(),
        &ip.0,
        Export {
            action: "export.staffing-ledger",
            target: "staffing",
            filter: audit_filter(&ctx, "csv"),
            header: HEADER,
            rows: ledger_rows(&l, ctx.ui.lang),
        },
    )
    .await;
    csv_download(&format!("staffing-ledger-{}.csv", ctx.as_of), bytes)
}

pub async fn ledger_xlsx(ctx: Ctx, ip: ClientIp, State(state): State<AppState>) -> Response {
    let failed = |e: String| {
        tracing::error!(error = %e, "ledger export failed");
        StatusCode::INTERNAL_SERVER_ERROR.into_response()
    };
    let l = match ledger_of(&state, &ctx).await {
        Ok(l) => l,
        Err(e) => return e.into_response(),
    };
    zonegov_app::audit::Recorder::new(state.store.as_ref(), ctx.me_name(), &ip.0)
        .ok(
            "export.staffing-ledger",
            "staffing",
            audit_filter(&ctx, "xlsx"),
        )
        .await;
    let tmp = match tempfile::NamedTempFile::new() {
        Ok(t) => t.into_temp_path(),
        Err(e) => return failed(e.to_string()),
    };
    if let Err(e) = zonegov_io::staffing_out::write_ledger(&tmp, &l, ctx.ui.lang) {
        return failed(e.to_string());
    }
    download(
        XLSX,
        &format!("staffing-ledger-{}.xlsx", ctx.as_of),
        stream_file(tmp),
    )
}

#[derive(Template)]
#[template(path = "staffing.html")]
struct DetailPage {
    ui: Ui,
    ctx: Ctx,
    menu: &'static str,
    zone_name: String,
    v: StaffingView,
    /// Function text and its items (code, link).
    functions: Vec<(String, Vec<(String, String)>)>,
    /// Rank label, allowed, held.
    posts: Vec<(String, u32, u32)>,
    /// Person, post, unit, quota type.
    occupancy: Vec<(String, String, String, String)>,
    /// Type, quota, in post, vacant.
    vacancies: Vec<(String, u32, u32, u32)>,
    doc_no: String,
    illustrative: bool,
    title: String,
    body: String,
}

/// The reader of a page or API call, for [`zonegov_app::staffing::view`].
pub(super) fn reader<'a>(
    actor: &'a str,
    ip: &'a ClientIp,
    visible: &'a zonegov_domain::auth::Visible,
    personal: bool,
) -> Reader<'a> {
    Reader {
        actor,
        ip: &ip.0,
        visible,
        personal,
    }
}

pub async fn detail(
    ctx: Ctx,
    ip: ClientIp,
    State(state): State<AppState>,
    Path(raw): Path<String>,
) -> Result<Html<String>, PageError> {
    let code = parse_code(&ctx, &raw)?;
    let h = history(&state, &ctx).await?;
    let visible = ctx.visible();
    let r = reader(ctx.me_name(), &ip, &visible, ctx.has(STAFFING_PERSONAL));
    let not_found = || PageError::not_found(ctx.ui, format!("{} {code}", ctx.ui.t("staffing")));
    if !visible.allows(Staffing::KIND, &code) {
        crate::records::api::audit_out_of_scope(&state, ctx.me_name(), &ip, Staffing::KIND, &code)
            .await;
        return Err(not_found());
    }
    let v = zonegov_app::staffing::view(state.store.as_ref(), &h, &code, ctx.as_of, &r)
        .await
        .ok_or_else(not_found)?;
    let lang = ctx.ui.lang;
    let keep = ctx.keep();
    let page = DetailPage {
        ui: ctx.ui,
        menu: "staffing",
        zone_name: zone_name(&h, &ctx),
        functions: v
            .functions
            .iter()
            .map(|f| {
                (
                    f.text.clone(),
                    f.items
                        .iter()
                        .map(|i| (i.to_string(), format!("/power-items/{i}{keep}")))
                        .collect(),
                )
            })
            .collect(),
        posts: v
            .posts
            .iter()
            .map(|p| (p.rank.label(lang).to_owned(), p.allowed, p.held))
            .collect(),
        occupancy: v
            .occupancy
            .iter()
            .map(|o| {
                (
                    o.person.clone(),
                    o.post.map(|p| p.label(lang).to_owned()).unwrap_or_default(),
                    o.unit.clone().unwrap_or_default(),
                    o.quota.label(lang).to_owned(),
                )
            })
            .collect(),
        vacancies: v
            .vacancies
            .iter()
            .map(|l| {
                (
                    l.quota_type.label(lang).to_owned(),
                    l.quota,
                    l.occupied,
                    l.vacant,
                )
            })
            .collect(),
        doc_no: h
            .change(&v.change)
            .map(|c| c.doc_no.clone())
            .unwrap_or_default(),
        illustrative: crate::records::illustrative(&v.provenance),
        title: v.title.get(lang).to_owned(),
        body: v.body.get(lang).to_owned(),
        v,
        ctx,
    };
    render(&page.ctx, &page)
}
