//! The institution list, its CSV export and an institution's detail page.

use crate::AppState;
use crate::auth::access::ClientIp;
use crate::ctx::Ctx;
use crate::error::PageError;
use crate::i18n::Ui;
use crate::pages::render;
use crate::records::export::export as send_csv;
use crate::records::list::{self, ListParams};
use crate::records::source_label;
use crate::records::{detail, history, href, illustrative, label, name_of, zone_name};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::Uri;
use axum::response::{Html, Response};
use std::collections::BTreeMap;
use zonegov_domain::{Code, Institution, QuotaType, Record, Version, ZoneHistory};

pub struct InstitutionRow {
    pub code: String,
    pub name: String,
    pub category: String,
    pub internal: bool,
    pub parent: String,
    pub quotas: String,
    pub valid_from: String,
    pub illustrative: bool,
    pub source: &'static str,
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
    q: String,
    next: Option<String>,
    may_export: bool,
}

pub fn quota_text(quotas: &BTreeMap<QuotaType, u32>, ui: Ui) -> String {
    quotas
        .iter()
        .map(|(t, n)| format!("{} {n}", t.label(ui.lang)))
        .collect::<Vec<_>>()
        .join(" / ")
}

fn row(h: &ZoneHistory, ctx: &Ctx, v: Version<Institution>) -> InstitutionRow {
    let lang = ctx.ui.lang;
    let cat = h.category(&v.attrs.category);
    InstitutionRow {
        code: v.code.to_string(),
        name: v.attrs.display_name(lang),
        category: cat.map(|c| c.name.get(lang).to_owned()).unwrap_or_default(),
        internal: cat.is_some_and(|c| c.internal),
        // A parent outside the user's scope is named, not linked: the name of a
        // body's parent is part of the body's own record.
        parent: v
            .attrs
            .parent
            .as_ref()
            .map(|p| name_of(h, Institution::KIND, p, ctx))
            .unwrap_or_default(),
        quotas: quota_text(&v.attrs.quotas, ctx.ui),
        valid_from: v.period.from().to_string(),
        illustrative: illustrative(&v.attrs.provenance),
        source: source_label(ctx.ui, &v.attrs.provenance),
        basis: v.attrs.provenance.basis.clone(),
    }
}

pub async fn list(
    ctx: Ctx,
    uri: Uri,
    State(state): State<AppState>,
) -> Result<Html<String>, PageError> {
    let h = history(&state, &ctx).await?;
    let p = ListParams::of(&uri);
    let (versions, next) = list::page::<Institution>(&state, &ctx, &p, "/institutions").await?;
    let rows = versions.into_iter().map(|v| row(&h, &ctx, v)).collect();
    render(
        &ctx,
        &InstitutionsPage {
            ui: ctx.ui,
            zone_name: zone_name(&h, &ctx),
            ctx: ctx.clone(),
            menu: Institution::PLURAL,
            rows,
            q: p.q,
            next,
            may_export: ctx.has(Institution::PERMS.export),
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
    let versions = list::all::<Institution>(&state, &ctx, &p).await?;
    let head = [
        "code",
        "name",
        "category",
        "parent",
        "quotas",
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
                r.category,
                r.parent,
                r.quotas,
                r.valid_from,
                source,
            ]
        })
        .collect();
    Ok(send_csv(&state, &ctx, &ip, Institution::PLURAL, &p.q, &head, rows).await)
}

pub async fn detail(
    ctx: Ctx,
    ip: ClientIp,
    State(state): State<AppState>,
    Path(raw): Path<String>,
) -> Result<Html<String>, PageError> {
    let (ui, lang) = (ctx.ui, ctx.ui.lang);
    let fields = |h: &ZoneHistory, i: &Institution| {
        let plates: Vec<&str> = i.plates.iter().map(|p| p.get(lang)).collect();
        let plates = if plates.is_empty() {
            ui.t("none").to_owned()
        } else {
            plates.join("、")
        };
        let category = h.category(&i.category).map(|c| c.name.get(lang).to_owned());
        let parent = i
            .parent
            .as_ref()
            .map(|p| label(h, Institution::KIND, p, &ctx));
        vec![
            (ui.t("name").to_owned(), i.name.get(lang).to_owned()),
            (ui.t("plates").to_owned(), plates),
            (ui.t("category").to_owned(), category.unwrap_or_default()),
            (ui.t("parent").to_owned(), parent.unwrap_or_default()),
            (ui.t("quotas").to_owned(), quota_text(&i.quotas, ui)),
        ]
    };
    let children = |h: &ZoneHistory, code: &Code| {
        h.institutions()
            .snapshot(ctx.as_of)
            .filter(|v| v.attrs.parent.as_ref() == Some(code) && ctx.visible().institution(&v.code))
            .map(|v| {
                (
                    href(Institution::KIND, &v.code),
                    format!("{} {}", v.attrs.display_name(lang), v.code),
                )
            })
            .collect()
    };
    detail::page::<Institution>(&state, &ctx, &ip, &raw, fields, children).await
}
