//! The counterpart list, its CSV export and a counterpart's detail page.

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
use zonegov_domain::{Code, Counterpart, Park, Record, Version, ZoneHistory};

pub struct CounterpartRow {
    pub code: String,
    pub name: String,
    pub kind: &'static str,
    pub stat_code: String,
    pub parent: String,
    pub valid_from: String,
    pub illustrative: bool,
    pub source: &'static str,
    pub basis: String,
}

#[derive(Template)]
#[template(path = "counterparts.html")]
struct CounterpartsPage {
    ui: Ui,
    ctx: Ctx,
    menu: &'static str,
    zone_name: String,
    rows: Vec<CounterpartRow>,
    q: String,
    next: Option<String>,
    may_export: bool,
}

fn row(h: &ZoneHistory, ctx: &Ctx, v: Version<Counterpart>) -> CounterpartRow {
    let lang = ctx.ui.lang;
    CounterpartRow {
        code: v.code.to_string(),
        name: v.attrs.name.get(lang).to_owned(),
        kind: v.attrs.kind.label(lang),
        stat_code: v
            .attrs
            .stat_code
            .as_ref()
            .map(|c| c.to_string())
            .unwrap_or_default(),
        parent: v
            .attrs
            .parent
            .as_ref()
            .map(|p| name_of(h, Counterpart::KIND, p, ctx))
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
    let (versions, next) = list::page::<Counterpart>(&state, &ctx, &p, "/counterparts").await?;
    let rows = versions.into_iter().map(|v| row(&h, &ctx, v)).collect();
    render(
        &ctx,
        &CounterpartsPage {
            ui: ctx.ui,
            zone_name: zone_name(&h, &ctx),
            ctx: ctx.clone(),
            menu: Counterpart::PLURAL,
            rows,
            q: p.q,
            next,
            may_export: ctx.has(Counterpart::PERMS.export),
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
    let versions = list::all::<Counterpart>(&state, &ctx, &p).await?;
    let head = [
        "code",
        "name",
        "kind",
        "stat_code",
        "parent",
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
                r.stat_code,
                r.parent,
                r.valid_from,
                source,
            ]
        })
        .collect();
    Ok(send_csv(&state, &ctx, &ip, Counterpart::PLURAL, &p.q, &head, rows).await)
}

pub async fn detail(
    ctx: Ctx,
    ip: ClientIp,
    State(state): State<AppState>,
    Path(raw): Path<String>,
) -> Result<Html<String>, PageError> {
    let (ui, lang) = (ctx.ui, ctx.ui.lang);
    let fields = |h: &ZoneHistory, c: &Counterpart| {
        let parent = c
            .parent
            .as_ref()
            .map(|p| label(h, Counterpart::KIND, p, &ctx));
        vec![
            (ui.t("name").to_owned(), c.name.get(lang).to_owned()),
            (ui.t("kind").to_owned(), c.kind.label(lang).to_owned()),
            (
                ui.t("stat_code").to_owned(),
                c.stat_code
                    .as_ref()
                    .map(|s| s.to_string())
                    .unwrap_or_default(),
            ),
            (ui.t("belongs_to").to_owned(), parent.unwrap_or_default()),
        ]
    };
    // Below a county: its streets; for a street: the parks that lie in it (those
    // the user may see).
    let children = |h: &ZoneHistory, code: &Code| {
        let members = h
            .counterparts()
            .snapshot(ctx.as_of)
            .filter(|v| v.attrs.parent.as_ref() == Some(code))
            .map(|v| {
                (
                    href(Counterpart::KIND, &v.code),
                    label(h, Counterpart::KIND, &v.code, &ctx),
                )
            });
        let parks = h
            .parks()
            .snapshot(ctx.as_of)
            .filter(|v| v.attrs.streets.contains(code) && ctx.visible().park(&v.code))
            .map(|v| {
                (
                    href(Park::KIND, &v.code),
                    label(h, Park::KIND, &v.code, &ctx),
                )
            });
        members.chain(parks).collect()
    };
    detail::page::<Counterpart>(&state, &ctx, &ip, &raw, fields, children).await
}
