//! The timeline page and the page that holds one reform's chart.

use crate::AppState;
use crate::ctx::Ctx;
use crate::error::PageError;
use crate::i18n::Ui;
use crate::pages::render;
use crate::records::{history, href, label, parse_code, zone_name};
use askama::Template;
use axum::extract::{Path, State};
use axum::response::Html;
use zonegov_domain::reform_history::{KindCounts, flows, timeline as entries_of};

/// A linked entity: its page and its label.
type Linked = (String, String);

pub struct EntryRow {
    pub id: String,
    pub date: String,
    pub doc_no: String,
    pub reason: String,
    pub bodies: String,
    pub parks: String,
    /// Subject (href, label), relation, object (href, label).
    pub links: Vec<(Linked, &'static str, Linked)>,
    pub charted: bool,
}

#[derive(Template)]
#[template(path = "reforms.html")]
struct TimelinePage {
    ui: Ui,
    ctx: Ctx,
    menu: &'static str,
    zone_name: String,
    entries: Vec<EntryRow>,
}

fn counts_text(ui: Ui, c: &KindCounts) -> String {
    [
        ("reform_created", c.created),
        ("reform_ended", c.ended),
        ("reform_renamed", c.renamed),
        ("reform_changed", c.changed),
    ]
    .iter()
    .filter(|(_, n)| *n > 0)
    .map(|(k, n)| format!("{} {n}", ui.t(k)))
    .collect::<Vec<_>>()
    .join(ui.lang.pick("，", ", "))
}

pub async fn timeline(ctx: Ctx, State(state): State<AppState>) -> Result<Html<String>, PageError> {
    let full = history(&state, &ctx).await?;
    let h = full.visible_to(&ctx.visible());
    let ui = ctx.ui;
    let keep = ctx.keep();
    let entries = entries_of(&h)
        .into_iter()
        .map(|e| EntryRow {
            id: e.change.id.to_string(),
            date: e.change.effective.to_string(),
            doc_no: e.change.doc_no.clone(),
            reason: e.change.reason.get(ui.lang).to_owned(),
            bodies: counts_text(ui, &e.institutions),
            parks: counts_text(ui, &e.parks),
            links: e
                .links
                .iter()
                .map(|l| {
                    l.sentence(ui.lang, |c| {
                        (href(l.kind, c) + &keep, label(&h, l.kind, c, &ctx))
                    })
                })
                .collect(),
            charted: !(e.institutions.is_empty() && e.parks.is_empty()),
        })
        .collect();
    let page = TimelinePage {
        ui,
        menu: "reforms",
        zone_name: zone_name(&h, &ctx),
        entries,
        ctx,
    };
    render(&page.ctx, &page)
}

#[derive(Template)]
#[template(path = "reform_lineage.html")]
struct LineagePage {
    ui: Ui,
    ctx: Ctx,
    menu: &'static str,
    zone_name: String,
    id: String,
    doc_no: String,
    reason: String,
    /// Kind label, before, after, per chart.
    charts: Vec<(String, usize, usize)>,
}

pub async fn lineage(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(raw): Path<String>,
) -> Result<Html<String>, PageError> {
    let id = parse_code(&ctx, &raw)?;
    let full = history(&state, &ctx).await?;
    let h = full.visible_to(&ctx.visible());
    let not_found = || PageError::not_found(ctx.ui, format!("{} {id}", ctx.ui.t("reforms")));
    let change = h.change(&id).ok_or_else(not_found)?.clone();
    let fl = flows(&h, &id).ok_or_else(not_found)?;
    let lang = ctx.ui.lang;
    let page = LineagePage {
        ui: ctx.ui,
        menu: "reforms",
        zone_name: zone_name(&h, &ctx),
        id: id.to_string(),
        doc_no: change.doc_no.clone(),
        reason: change.reason.get(lang).to_owned(),
        charts: fl
            .iter()
            .map(|f| {
                let label = zonegov_domain::kinds::spec(f.kind).map_or("", |s| s.label(lang));
                (label.to_owned(), f.before, f.after)
            })
            .collect(),
        ctx,
    };
    render(&page.ctx, &page)
}
