//! The chain gap map: each characteristic industry's nodes from upstream to
//! downstream on the page's date, with anchors, enterprises and projects; gaps (缺链)
//! and weak nodes (强链 targets) marked, with the pipeline projects addressing them.
//! Enterprises are read from the store (they are not held in memory), by class.

use crate::AppState;
use crate::auth::access::ClientIp;
use crate::ctx::Ctx;
use crate::error::PageError;
use crate::i18n::Ui;
use crate::pages::render;
use crate::records::{history, zone_name};
use askama::Template;
use axum::extract::State;
use axum::response::{Html, IntoResponse, Response};
use zonegov_domain::enterprise::Enterprise;
use zonegov_domain::project::chain::{ChainEnterprise, gap_view};
use zonegov_domain::project::{ChainNode, Project};
use zonegov_domain::{Code, Record};
use zonegov_io::xlsx::{Cell, Table};
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
    may_export: bool,
    charts: std::collections::BTreeMap<&'static str, super::Chart>,
}

/// Per industry (in the order the nodes come), the nodes that are gaps, weak, and
/// covered: the chart above the table.
fn status_chart(nodes: &[NodeRow], lang: zonegov_domain::Lang) -> super::Chart {
    let mut industries: Vec<&str> = Vec::new();
    for n in nodes {
        if !industries.contains(&n.industry.as_str()) {
            industries.push(&n.industry);
        }
    }
    let count = |i: &str, keep: &dyn Fn(&NodeRow) -> bool| {
        nodes.iter().filter(|n| n.industry == i && keep(n)).count() as f64
    };
    super::Chart {
        categories: industries.iter().map(|i| (*i).to_owned()).collect(),
        names: vec![
            lang.pick("缺链", "Gap").to_owned(),
            lang.pick("强链目标", "Weak node").to_owned(),
            lang.pick("已有企业或项目", "Covered").to_owned(),
        ],
        rows: vec![
            industries.iter().map(|i| count(i, &|n| n.gap)).collect(),
            industries
                .iter()
                .map(|i| count(i, &|n| !n.gap && n.weak))
                .collect(),
            industries
                .iter()
                .map(|i| count(i, &|n| !n.gap && !n.weak))
                .collect(),
        ],
        kind: "bar",
    }
}

/// The gap view's rows on the page's date, within the user's scope.
async fn node_rows(
    state: &AppState,
    ctx: &Ctx,
) -> Result<(std::sync::Arc<zonegov_domain::ZoneHistory>, Vec<NodeRow>), PageError> {
    let h = history(state, ctx).await?;
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
    let nodes = view
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
        .collect();
    drop(view);
    Ok((h, nodes))
}

pub async fn page(ctx: Ctx, State(state): State<AppState>) -> Result<Html<String>, PageError> {
    let (h, nodes) = node_rows(&state, &ctx).await?;
    let page = Page {
        ui: ctx.ui,
        menu: "chains",
        zone_name: zone_name(&h, &ctx),
        gaps: nodes.iter().filter(|n| n.gap).count(),
        weak: nodes.iter().filter(|n| n.weak).count(),
        charts: [("status", status_chart(&nodes, ctx.ui.lang))].into(),
        nodes,
        may_export: ctx.has(ChainNode::PERMS.export),
        ctx,
    };
    render(&page.ctx, &page)
}

/// The gap map as a workbook: every node with its anchors, enterprises, landed
/// projects and the projects addressing it, gaps and weak nodes marked. Audited as
/// `export.chains`.
pub async fn xlsx(ctx: Ctx, ip: ClientIp, State(state): State<AppState>) -> Response {
    let (_, nodes) = match node_rows(&state, &ctx).await {
        Ok(n) => n,
        Err(e) => return e.into_response(),
    };
    let ui = ctx.ui;
    let day = ctx.as_of;
    let yes = |b: bool| Cell::Text(if b { ui.lang.pick("是", "yes") } else { "" }.to_owned());
    let table = Table {
        sheet: ui.t("chain_gaps").to_owned(),
        title: format!("{}（{day}）", ui.t("chain_gaps")),
        header: [
            ui.lang.pick("产业", "Industry"),
            ui.t("segment"),
            ui.lang.pick("代码", "Code"),
            ui.lang.pick("节点", "Node"),
            ui.t("anchors"),
            ui.lang.pick("企业数", "Enterprises"),
            ui.t("landed_projects"),
            ui.t("addressing"),
            ui.t("gap"),
            ui.t("weak"),
        ]
        .iter()
        .map(|h| (*h).to_owned())
        .collect(),
        rows: nodes
            .into_iter()
            .map(|n| {
                vec![
                    Cell::Text(n.industry),
                    Cell::Text(n.segment),
                    Cell::Text(n.code),
                    Cell::Text(n.name),
                    Cell::from(n.anchors),
                    Cell::from(n.enterprises),
                    Cell::Text(n.landed),
                    Cell::Text(n.addressing),
                    yes(n.gap),
                    yes(n.weak),
                ]
            })
            .collect(),
    };
    crate::records::export::xlsx_book(
        &state,
        &ctx,
        &ip,
        "export.chains",
        serde_json::json!({ "as_of": day }),
        &format!("chain-gaps-{day}.xlsx"),
        vec![table],
    )
    .await
}
