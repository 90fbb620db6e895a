//! The chain gap map: each characteristic industry's nodes from upstream to
//! downstream on the page's date, with anchors, enterprises and projects; gaps (缺链)
//! and weak nodes (强链 targets) marked, with the pipeline projects addressing them.
//! Enterprises are read from the store (they are not held in memory), by class.

use crate::AppState;
use crate::ctx::Ctx;
use crate::error::PageError;
use crate::i18n::Ui;
use crate::pages::render;
use crate::records::{history, zone_name};
use askama::Template;
use axum::extract::State;
use axum::response::Html;
use zonegov_domain::enterprise::Enterprise;
use zonegov_domain::project::chain::{ChainEnterprise, gap_view};
use zonegov_domain::project::{ChainNode, Project};
use zonegov_domain::{Code, Record};
use zonegov_store::{VersionQuery, typed};

pub struct NodeRow {
    pub industry: String,
    pub segment: String,
    pub code: String,
    pub name: String,
    pub anchors: usize,
    pub enterprises: usize,
    pub landed: String,
    pub addressing: String,
    pub gap: bool,
    pub weak: bool,
}

#[derive(Template)]
#[template(path = "invest_chains.html")]
struct Page {
    ui: Ui,
    ctx: Ctx,
    menu: &'static str,
    zone_name: String,
    nodes: Vec<NodeRow>,
    gaps: usize,
    weak: usize,
}

pub async fn page(ctx: Ctx, State(state): State<AppState>) -> Result<Html<String>, PageError> {
    let h = history(&state, &ctx).await?;
    let visible = ctx.visible();
    let lang = ctx.ui.lang;
    let rows = state
        .store
        .records()
        .versions(&VersionQuery {
            as_of: Some(ctx.as_of),
            scope: visible.set_for(Enterprise::KIND),
            ..VersionQuery::all_of(Enterprise::KIND)
        })
        .await
        .map_err(|e| PageError::internal(ctx.ui, e))?;
    let enterprises = typed::<Enterprise>(rows).map_err(|e| PageError::internal(ctx.ui, e))?;
    let scope = visible.set_for(Project::KIND);
    let projects: Vec<(&Code, &Project)> = h
        .timeline::<Project>()
        .snapshot(ctx.as_of)
        .filter(|v| scope.is_none_or(|s| s.contains(&v.attrs.park)))
        .map(|v| (&v.code, &v.attrs))
        .collect();
    let view = gap_view(
        h.timeline::<ChainNode>()
            .snapshot(ctx.as_of)
            .map(|v| (&v.code, &v.attrs)),
        enterprises.iter().map(|v| ChainEnterprise {
            code: &v.code,
            industry: v.attrs.industry,
        }),
        projects,
        ctx.as_of,
    );
    let join = |c: &[Code]| c.iter().map(Code::as_str).collect::<Vec<_>>().join(" ");
    let page = Page {
        ui: ctx.ui,
        menu: "chains",
        zone_name: zone_name(&h, &ctx),
        gaps: view.iter().filter(|n| n.gap).count(),
        weak: view.iter().filter(|n| n.weak).count(),
        nodes: view
            .iter()
            .map(|n| NodeRow {
                industry: n.industry.label(lang).to_owned(),
                segment: n.segment.label(lang).to_owned(),
                code: n.code.to_string(),
                name: n.name.get(lang).to_owned(),
                anchors: n.anchors.len(),
                enterprises: n.enterprises.len(),
                landed: join(&n.landed),
                addressing: join(&n.addressing),
                gap: n.gap,
                weak: n.weak,
            })
            .collect(),
        ctx,
    };
    render(&page.ctx, &page)
}
