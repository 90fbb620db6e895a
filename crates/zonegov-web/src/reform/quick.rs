//! Single-step forms for the small monthly changes — rename a body, add a plate
//! (加挂牌子), move quota between two bodies: each builds a one-operation reform
//! that goes to the same preview and apply as an uploaded plan.

use super::page::{bad, show_preview};
use super::wizard::head;
use crate::AppState;
use crate::ctx::Ctx;
use crate::i18n::Ui;
use crate::pages::render;
use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use zonegov_domain::reform::{Operation, Reform, Target};
use zonegov_domain::{Code, Lang, Name, Provenance, QuotaType};

#[derive(Template)]
#[template(path = "reform_quick.html")]
struct QuickPage {
    ui: Ui,
    ctx: Ctx,
    menu: &'static str,
    zone_name: String,
    quotas: Vec<(&'static str, &'static str)>,
}

pub async fn form(ctx: Ctx) -> Response {
    let page = QuickPage {
        ui: ctx.ui,
        ctx: ctx.clone(),
        menu: "reform-new",
        zone_name: String::new(),
        quotas: QuotaType::ALL
            .iter()
            // The Chinese label is the value: `QuotaType::parse` reads it back.
            .map(|q| (q.label(Lang::Zh), q.label(ctx.ui.lang)))
            .collect(),
    };
    match render(&ctx, &page) {
        Ok(html) => html.into_response(),
        Err(e) => e.into_response(),
    }
}

#[derive(Deserialize)]
pub struct QuickForm {
    op: String,
    id: String,
    doc_no: String,
    effective: String,
    reason: String,
    #[serde(default)]
    code: String,
    #[serde(default)]
    name_zh: String,
    #[serde(default)]
    name_en: String,
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
    #[serde(default)]
    quota: String,
    #[serde(default)]
    amount: String,
}

pub async fn submit(ctx: Ctx, State(state): State<AppState>, Form(f): Form<QuickForm>) -> Response {
    match reform_of(&f) {
        Ok(reform) => show_preview(&ctx, &state, reform).await,
        Err(message) => bad(&ctx, message),
    }
}

fn code(field: &str, value: &str) -> Result<Code, String> {
    Code::parse(value.trim()).map_err(|e| format!("{field} = {value:?}: {e}"))
}

fn name(f: &QuickForm) -> Result<Name, String> {
    let zh = f.name_zh.trim();
    if zh.is_empty() {
        return Err("name_zh (名称): 必填 / required".into());
    }
    Ok(Name::new(zh, f.name_en.trim()))
}

/// The one-operation reform the form describes; the first bad field is named.
fn reform_of(f: &QuickForm) -> Result<Reform, String> {
    let h = head(
        f.id.trim(),
        f.doc_no.trim(),
        f.effective.trim(),
        f.reason.trim(),
    )?;
    let op = match f.op.as_str() {
        "rename" => Operation::Rename {
            target: Target::Institution,
            code: code("code", &f.code)?,
            name: name(f)?,
        },
        "add_plate" => Operation::AddPlate {
            code: code("code", &f.code)?,
            plate: name(f)?,
        },
        "quota_move" => Operation::QuotaMove {
            from: code("from", &f.from)?,
            to: code("to", &f.to)?,
            quota: QuotaType::parse(f.quota.trim())
                .map_err(|e| format!("quota = {:?}: {e}", f.quota))?,
            amount: f
                .amount
                .trim()
                .parse::<u32>()
                .ok()
                .filter(|n| *n > 0)
                .ok_or_else(|| {
                    format!(
                        "amount = {:?}: 须为正整数 / must be a positive whole number",
                        f.amount
                    )
                })?,
        },
        other => return Err(format!("op = {other:?}: 未知操作 / unknown operation")),
    };
    Ok(Reform {
        id: h.id,
        effective: h.effective,
        doc_no: h.doc_no,
        reason: h.reason,
        provenance: Provenance::default(),
        lineage_provenance: Provenance::default(),
        operations: vec![op],
    })
}
