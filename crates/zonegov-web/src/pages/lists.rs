//! The park and institution lists, read with the store's as-of query.

use super::{history, illustrative, render, zone_name};
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::PageError;
use crate::i18n::Ui;
use askama::Template;
use axum::extract::State;
use axum::response::Html;
use std::collections::HashMap;
use zonegov_domain::{Code, QuotaType};

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

#[derive(Template)]
#[template(path = "parks.html")]
struct ParksPage {
    ui: Ui,
    ctx: Ctx,
    menu: &'static str,
    zone_name: String,
    rows: Vec<ParkRow>,
}

pub async fn parks(ctx: Ctx, State(state): State<AppState>) -> Result<Html<String>, PageError> {
    let h = history(&state, &ctx).await?;
    let lang = ctx.ui.lang;
    let store = state.store.as_ref();
    let err = |e| PageError::internal(ctx.ui, e);
    let bodies: HashMap<Code, String> = store
        .institutions_as_of(ctx.as_of)
        .await
        .map_err(err)?
        .into_iter()
        .map(|v| (v.code, v.attrs.display_name(lang)))
        .collect();
    let rows = store
        .parks_as_of(ctx.as_of)
        .await
        .map_err(err)?
        .into_iter()
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
                .map(|c| bodies.get(c).cloned().unwrap_or_else(|| c.to_string()))
                .unwrap_or_default(),
            valid_from: v.period.from().to_string(),
            illustrative: illustrative(&v.attrs.provenance),
            basis: v.attrs.provenance.basis,
        })
        .collect();
    render(
        &ctx,
        &ParksPage {
            ui: ctx.ui,
            zone_name: zone_name(&h, &ctx),
            ctx: ctx.clone(),
            menu: "parks",
            rows,
        },
    )
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
#[template(path = "institutions.html")]
struct InstitutionsPage {
    ui: Ui,
    ctx: Ctx,
    menu: &'static str,
    zone_name: String,
    rows: Vec<InstitutionRow>,
    internal: usize,
}

pub async fn institutions(
    ctx: Ctx,
    State(state): State<AppState>,
) -> Result<Html<String>, PageError> {
    let h = history(&state, &ctx).await?;
    let lang = ctx.ui.lang;
    let versions = state
        .store
        .institutions_as_of(ctx.as_of)
        .await
        .map_err(|e| PageError::internal(ctx.ui, e))?;
    let names: HashMap<&Code, String> = versions
        .iter()
        .map(|v| (&v.code, v.attrs.display_name(lang)))
        .collect();
    let mut rows: Vec<(i32, InstitutionRow)> = versions
        .iter()
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
                    .and_then(|p| names.get(p).cloned())
                    .unwrap_or_default(),
                quotas: quota_text(&v.attrs.quotas, ctx.ui),
                valid_from: v.period.from().to_string(),
                illustrative: illustrative(&v.attrs.provenance),
                basis: v.attrs.provenance.basis.clone(),
            };
            (cat.map(|c| c.sort).unwrap_or(i32::MAX), row)
        })
        .collect();
    rows.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.code.cmp(&b.1.code)));
    let internal = rows.iter().filter(|(_, r)| r.internal).count();
    render(
        &ctx,
        &InstitutionsPage {
            ui: ctx.ui,
            zone_name: zone_name(&h, &ctx),
            ctx: ctx.clone(),
            menu: "institutions",
            rows: rows.into_iter().map(|(_, r)| r).collect(),
            internal,
        },
    )
}

pub fn quota_text(quotas: &std::collections::BTreeMap<QuotaType, u32>, ui: Ui) -> String {
    quotas
        .iter()
        .map(|(t, n)| format!("{} {n}", t.label(ui.lang)))
        .collect::<Vec<_>>()
        .join(" / ")
}
