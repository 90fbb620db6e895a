//! The park list, its CSV export and a park's detail page.

use crate::AppState;
use crate::auth::access::ClientIp;
use crate::ctx::Ctx;
use crate::error::PageError;
use crate::i18n::Ui;
use crate::pages::render;
use crate::records::export::export as send_csv;
use crate::records::list::{self, ListParams};
use crate::records::source_label;
use crate::records::{detail, history, illustrative, label, name_of, zone_name};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::Uri;
use axum::response::{Html, Response};
use zonegov_domain::{Institution, Park, Record, Version, ZoneHistory};

pub struct ParkRow {
    pub code: String,
    pub name: String,
    pub kind: &'static str,
    pub industries: String,
    pub streets: String,
    pub managing_body: String,
    pub valid_from: String,
    pub illustrative: bool,
    pub source: &'static str,
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
    q: String,
    next: Option<String>,
    may_export: bool,
}

/// Names of the streets a park lies in (counterpart codes shown by name).
fn street_names(h: &ZoneHistory, ctx: &Ctx, p: &Park) -> String {
    p.streets
        .iter()
        .map(|s| name_of(h, zonegov_domain::Counterpart::KIND, s, ctx))
        .collect::<Vec<_>>()
        .join("、")
}

fn row(h: &ZoneHistory, ctx: &Ctx, v: Version<Park>) -> ParkRow {
    let lang = ctx.ui.lang;
    ParkRow {
        code: v.code.to_string(),
        name: v.attrs.name.get(lang).to_owned(),
        kind: v.attrs.kind.label(lang),
        industries: v.attrs.industries.join("、"),
        streets: street_names(h, ctx, &v.attrs),
        managing_body: v
            .attrs
            .managing_body
            .as_ref()
            .map(|c| name_of(h, Institution::KIND, c, ctx))
            .unwrap_or_default(),
        valid_from: v.period.from().to_string(),
        illustrative: illustrative(&v.attrs.provenance),
        source: source_label(ctx.ui, &v.attrs.provenance),
        basis: v.attrs.provenance.basis,
    }
}

pub async fn list(
    ctx: Ctx,
    uri: Uri,
    State(state): State<AppState>,
) -> Result<Html<String>, PageError> {
    let h = history(&state, &ctx).await?;
    let p = ListParams::of(&uri);
    let (versions, next) = list::page::<Park>(&state, &ctx, &p, "/parks").await?;
    let rows = versions.into_iter().map(|v| row(&h, &ctx, v)).collect();
    render(
        &ctx,
        &ParksPage {
            ui: ctx.ui,
            zone_name: zone_name(&h, &ctx),
            ctx: ctx.clone(),
            menu: Park::PLURAL,
            rows,
            q: p.q,
            next,
            may_export: ctx.has(Park::PERMS.export),
        },
    )
}

pub async fn export(
    ctx: Ctx,
    uri: Uri,
    ip: ClientIp,
    State(state): State<AppState>,
) -> Result<Response, PageError> {
    let h = history(&state, &ctx).await?;
    let p = ListParams::of(&uri);
    let versions = list::all::<Park>(&state, &ctx, &p).await?;
    let head = [
        "code",
        "name",
        "kind",
        "industries",
        "streets",
        "managing_body",
        "valid_from",
        "source",
    ];
    let rows = versions
        .into_iter()
        .map(|v| {
            let r = row(&h, &ctx, v);
            let source = r.source.to_owned();
            vec![
                r.code,
                r.name,
                r.kind.to_owned(),
                r.industries,
                r.streets,
                r.managing_body,
                r.valid_from,
                source,
            ]
        })
        .collect();
    Ok(send_csv(&state, &ctx, &ip, Park::PLURAL, &p.q, &head, rows).await)
}

pub async fn detail(
    ctx: Ctx,
    ip: ClientIp,
    State(state): State<AppState>,
    Path(raw): Path<String>,
) -> Result<Html<String>, PageError> {
    let (ui, lang) = (ctx.ui, ctx.ui.lang);
    let fields = |h: &ZoneHistory, p: &Park| {
        let body = p
            .managing_body
            .as_ref()
            .map(|b| label(h, Institution::KIND, b, &ctx));
        let boundary = if p.boundary.is_some() {
            ui.t("has_boundary")
        } else {
            ui.t("none")
        };
        vec![
            (ui.t("name").to_owned(), p.name.get(lang).to_owned()),
            (ui.t("kind").to_owned(), p.kind.label(lang).to_owned()),
            (ui.t("industries").to_owned(), p.industries.join("、")),
            (ui.t("streets").to_owned(), street_names(h, &ctx, p)),
            (ui.t("managing_body").to_owned(), body.unwrap_or_default()),
            (ui.t("boundary").to_owned(), boundary.to_owned()),
        ]
    };
    detail::page::<Park>(&state, &ctx, &ip, &raw, fields, |_, _| Vec::new()).await
}
