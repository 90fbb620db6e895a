//! The generic list, CSV export and detail pages of the six kinds (projects, chain
//! nodes, platforms, talents, quota pools and loans): their columns and fields. A
//! confidential project's real name is shown only with `PROJECT_CONFIDENTIAL`; a
//! talent's full name never here (the talent page unmasks it, audited).

use crate::AppState;
use crate::auth::access::ClientIp;
use crate::ctx::Ctx;
use crate::error::PageError;
use crate::records::detail;
use crate::records::list::{Listed, export_csv, list_page};
use crate::routes::{RouteDef, export, get};
use axum::extract::{Path, State};
use axum::response::Html;
use zonegov_domain::project::{ChainNode, PROJECT_CONFIDENTIAL, Project};
use zonegov_domain::quota::{QuotaLoan, QuotaPool};
use zonegov_domain::talent::{Platform, Talent};
use zonegov_domain::{Code, Record, ZoneHistory};

macro_rules! kind_routes {
    ($t:ty, $detail:ident, $list:literal, $csv:literal, $one:literal) => {
        vec![
            get($list, <$t>::PERMS.list, list_page::<$t>),
            export($csv, <$t>::PERMS.export, export_csv::<$t>),
            get($one, <$t>::PERMS.view, $detail),
        ]
    };
    ($t:ty, $detail:ident, $list:literal, $csv:literal, $one:literal, $api:ident) => {{
        let mut r = kind_routes!($t, $detail, $list, $csv, $one);
        r.extend([
            get(
                concat!("/api/v1", $list),
                <$t>::PERMS.list,
                super::api::$api::list,
            ),
            get(
                concat!("/api/v1", $one),
                <$t>::PERMS.view,
                super::api::$api::detail,
            ),
        ]);
        r
    }};
}

pub fn routes() -> Vec<RouteDef> {
    let mut r = Vec::new();
    r.extend(kind_routes!(
        Project,
        project,
        "/projects",
        "/projects/export.csv",
        "/projects/{code}",
        projects
    ));
    r.extend(kind_routes!(
        ChainNode,
        chain_node,
        "/chain-nodes",
        "/chain-nodes/export.csv",
        "/chain-nodes/{code}",
        chain_nodes
    ));
    r.extend(kind_routes!(
        Platform,
        platform,
        "/platforms",
        "/platforms/export.csv",
        "/platforms/{code}",
        platforms
    ));
    r.extend(kind_routes!(
        Talent,
        talent,
        "/talents",
        "/talents/export.csv",
        "/talents/{code}",
        talents
    ));
    r.extend(kind_routes!(
        QuotaPool,
        quota_pool,
        "/quota-pools",
        "/quota-pools/export.csv",
        "/quota-pools/{code}",
        quota_pools
    ));
    r.extend(kind_routes!(
        QuotaLoan,
        quota_loan,
        "/quota-loans",
        "/quota-loans/export.csv",
        "/quota-loans/{code}",
        quota_loans
    ));
    r
}

fn park_name(h: &ZoneHistory, code: &Code, ctx: &Ctx) -> String {
    crate::records::name_of(h, zonegov_domain::Park::KIND, code, ctx)
}

impl Listed for Project {
    const COLUMNS: &'static [&'static str] = &["industry", "park", "amount", "stage"];

    fn cells(&self, h: &ZoneHistory, ctx: &Ctx) -> Vec<String> {
        vec![
            self.industry.label(ctx.ui.lang).to_owned(),
            park_name(h, &self.park, ctx),
            self.amount.to_string(),
            self.stage_on(ctx.as_of)
                .map(|(s, _)| s.label(ctx.ui.lang).to_owned())
                .unwrap_or_default(),
        ]
    }
}

impl Listed for ChainNode {
    const COLUMNS: &'static [&'static str] = &["industry", "segment", "weak"];

    fn cells(&self, _h: &ZoneHistory, ctx: &Ctx) -> Vec<String> {
        vec![
            self.industry.label(ctx.ui.lang).to_owned(),
            self.segment.label(ctx.ui.lang).to_owned(),
            if self.weak {
                ctx.ui.t("weak").to_owned()
            } else {
                String::new()
            },
        ]
    }
}

impl Listed for Platform {
    const COLUMNS: &'static [&'static str] = &["status", "park"];

    fn cells(&self, h: &ZoneHistory, ctx: &Ctx) -> Vec<String> {
        vec![
            self.kind.label(ctx.ui.lang).to_owned(),
            self.park
                .as_ref()
                .map(|p| park_name(h, p, ctx))
                .unwrap_or_default(),
        ]
    }
}

impl Listed for Talent {
    const COLUMNS: &'static [&'static str] = &["talent_by_tier", "matching"];

    fn cells(&self, _h: &ZoneHistory, ctx: &Ctx) -> Vec<String> {
        vec![
            self.tier.label(ctx.ui.lang).to_owned(),
            self.headcount.count().to_string(),
        ]
    }
}

impl Listed for QuotaPool {
    const COLUMNS: &'static [&'static str] = &["pool_size"];

    fn cells(&self, _h: &ZoneHistory, _ctx: &Ctx) -> Vec<String> {
        vec![self.size.to_string()]
    }
}

impl Listed for QuotaLoan {
    const COLUMNS: &'static [&'static str] = &["body", "talent", "term_end"];

    fn cells(&self, h: &ZoneHistory, ctx: &Ctx) -> Vec<String> {
        vec![
            crate::records::name_of(h, zonegov_domain::Institution::KIND, &self.body, ctx),
            self.talent.to_string(),
            self.term_end.to_string(),
        ]
    }
}

fn none(_: &ZoneHistory, _: &Code) -> Vec<(String, String)> {
    Vec::new()
}

async fn project(
    ctx: Ctx,
    ip: ClientIp,
    State(state): State<AppState>,
    Path(raw): Path<String>,
) -> Result<Html<String>, PageError> {
    let (ui, lang) = (ctx.ui, ctx.ui.lang);
    let may = ctx.has(PROJECT_CONFIDENTIAL);
    let fields = |h: &ZoneHistory, p: &Project| {
        let mut f = vec![
            (ui.t("name").to_owned(), p.shown_name(may).to_owned()),
            (
                ui.t("industry").to_owned(),
                p.industry.label(lang).to_owned(),
            ),
            (ui.t("park").to_owned(), park_name(h, &p.park, &ctx)),
            (ui.t("amount").to_owned(), p.amount.to_string()),
        ];
        for (stage, day) in &p.stages {
            f.push((stage.label(lang).to_owned(), day.to_string()));
        }
        for pr in &p.problems {
            f.push((
                format!("{} {}", pr.stage.label(lang), pr.raised),
                format!("{} {}", pr.text, pr.resolution.clone().unwrap_or_default()),
            ));
        }
        f
    };
    detail::page::<Project>(&state, &ctx, &ip, &raw, fields, none).await
}

async fn chain_node(
    ctx: Ctx,
    ip: ClientIp,
    State(state): State<AppState>,
    Path(raw): Path<String>,
) -> Result<Html<String>, PageError> {
    let (ui, lang) = (ctx.ui, ctx.ui.lang);
    let fields = |_: &ZoneHistory, n: &ChainNode| {
        vec![
            (
                ui.t("industry").to_owned(),
                n.industry.label(lang).to_owned(),
            ),
            (ui.t("segment").to_owned(), n.segment.label(lang).to_owned()),
            (
                ui.t("anchors").to_owned(),
                n.anchors
                    .iter()
                    .map(Code::as_str)
                    .collect::<Vec<_>>()
                    .join(" "),
            ),
        ]
    };
    detail::page::<ChainNode>(&state, &ctx, &ip, &raw, fields, none).await
}

async fn platform(
    ctx: Ctx,
    ip: ClientIp,
    State(state): State<AppState>,
    Path(raw): Path<String>,
) -> Result<Html<String>, PageError> {
    let lang = ctx.ui.lang;
    let fields = |_: &ZoneHistory, p: &Platform| {
        vec![(ctx.ui.t("status").to_owned(), p.kind.label(lang).to_owned())]
    };
    detail::page::<Platform>(&state, &ctx, &ip, &raw, fields, none).await
}

async fn talent(
    ctx: Ctx,
    ip: ClientIp,
    State(state): State<AppState>,
    Path(raw): Path<String>,
) -> Result<Html<String>, PageError> {
    let lang = ctx.ui.lang;
    let fields = |_: &ZoneHistory, t: &Talent| {
        vec![
            (
                ctx.ui.t("talent_by_tier").to_owned(),
                t.tier.label(lang).to_owned(),
            ),
            (
                ctx.ui.t("name").to_owned(),
                t.person_name(false)
                    .unwrap_or_else(|| t.headcount.count().to_string()),
            ),
        ]
    };
    detail::page::<Talent>(&state, &ctx, &ip, &raw, fields, none).await
}

async fn quota_pool(
    ctx: Ctx,
    ip: ClientIp,
    State(state): State<AppState>,
    Path(raw): Path<String>,
) -> Result<Html<String>, PageError> {
    let fields = |_: &ZoneHistory, p: &QuotaPool| {
        vec![(ctx.ui.t("pool_size").to_owned(), p.size.to_string())]
    };
    detail::page::<QuotaPool>(&state, &ctx, &ip, &raw, fields, none).await
}

async fn quota_loan(
    ctx: Ctx,
    ip: ClientIp,
    State(state): State<AppState>,
    Path(raw): Path<String>,
) -> Result<Html<String>, PageError> {
    let fields = |h: &ZoneHistory, l: &QuotaLoan| {
        vec![
            (
                ctx.ui.t("body").to_owned(),
                crate::records::name_of(h, zonegov_domain::Institution::KIND, &l.body, &ctx),
            ),
            (ctx.ui.t("talent").to_owned(), l.talent.to_string()),
            (ctx.ui.t("term_end").to_owned(), l.term_end.to_string()),
        ]
    };
    detail::page::<QuotaLoan>(&state, &ctx, &ip, &raw, fields, none).await
}
