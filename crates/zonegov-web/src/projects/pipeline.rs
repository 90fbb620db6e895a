//! The pipeline page: every project in the pipeline on the page's date, filtered by
//! stage, industry, park, amount at least and stalled only; a confidential project
//! shows its code name unless the user may see its real name.

use super::{Chart, yi};
use crate::AppState;
use crate::auth::access::ClientIp;
use crate::ctx::Ctx;
use crate::error::PageError;
use crate::i18n::Ui;
use crate::pages::render;
use crate::records::{history, zone_name};
use askama::Template;
use axum::extract::{Query, State};
use axum::response::{Html, IntoResponse, Response};
use serde::Deserialize;
use std::collections::BTreeMap;
use zonegov_domain::project::pipeline::{DEFAULT_STALL_DAYS, PipelineFilter, pipeline, summary};
use zonegov_domain::project::{Amount, CharIndustry, PROJECT_CONFIDENTIAL, Project, Stage};
use zonegov_domain::{Code, Record};
use zonegov_io::xlsx::{Cell, Table};

/// Rows shown on one page (largest first); the count names them all.
const SHOWN: usize = 100;

#[derive(Debug, Default, Deserialize)]
pub struct Filters {
    #[serde(default)]
    stage: String,
    #[serde(default)]
    industry: String,
    #[serde(default)]
    park: String,
    /// With its unit: "1亿", "5000万".
    #[serde(default)]
    min_amount: String,
    #[serde(default)]
    stalled: String,
    #[serde(default)]
    stall_days: String,
}

pub struct Row {
    pub code: String,
    pub name: String,
    pub industry: String,
    pub park: String,
    pub amount: String,
    /// 亿元, for the xlsx (a number Excel can sum).
    pub amount_yi: f64,
    pub stage: String,
    pub since: String,
    pub stalled: String,
}

#[derive(Template)]
#[template(path = "invest_pipeline.html")]
struct Page {
    ui: Ui,
    ctx: Ctx,
    menu: &'static str,
    zone_name: String,
    f: Filters,
    stall_days: u32,
    stages: Vec<(&'static str, &'static str)>,
    industries: Vec<(&'static str, &'static str)>,
    parks: Vec<(String, String)>,
    rows: Vec<Row>,
    total: usize,
    stalled: usize,
    charts: BTreeMap<&'static str, Chart>,
    may_export: bool,
}

fn bad(ctx: &Ctx, field: &str, e: impl std::fmt::Display) -> PageError {
    PageError::bad_request(ctx.ui, format!("{field}: {e}"))
}

fn filter(ctx: &Ctx, f: &Filters) -> Result<(PipelineFilter, u32), PageError> {
    let opt = |s: &str| Some(s.trim()).filter(|s| !s.is_empty()).map(str::to_owned);
    let stall_days = match opt(&f.stall_days) {
        Some(v) => v
            .parse::<u32>()
            .map_err(|e| bad(ctx, "stall_days", format!("{v}: {e}")))?,
        None => DEFAULT_STALL_DAYS,
    };
    Ok((
        PipelineFilter {
            stage: opt(&f.stage)
                .map(|v| Stage::parse(&v))
                .transpose()
                .map_err(|e| bad(ctx, "stage", e))?,
            industry: opt(&f.industry)
                .map(|v| CharIndustry::parse(&v))
                .transpose()
                .map_err(|e| bad(ctx, "industry", e))?,
            park: opt(&f.park)
                .map(|v| Code::parse(&v))
                .transpose()
                .map_err(|e| bad(ctx, "park", e))?,
            min_amount: opt(&f.min_amount)
                .map(|v| Amount::parse(&v))
                .transpose()
                .map_err(|e| bad(ctx, "min_amount", e))?,
            stalled_only: !f.stalled.is_empty(),
        },
        stall_days,
    ))
}

/// What the page and its xlsx show: the first `limit` rows the filters keep
/// (largest first), how many they keep, the stalled count and the charts.
struct Built {
    h: std::sync::Arc<zonegov_domain::ZoneHistory>,
    stall_days: u32,
    rows: Vec<Row>,
    total: usize,
    stalled: usize,
    charts: BTreeMap<&'static str, Chart>,
}

async fn build(state: &AppState, ctx: &Ctx, f: &Filters, limit: usize) -> Result<Built, PageError> {
    let (pf, stall_days) = filter(ctx, f)?;
    let h = history(state, ctx).await?;
    let visible = ctx.visible();
    let scope = visible.set_for(Project::KIND);
    let lang = ctx.ui.lang;
    let projects: Vec<(&Code, &Project)> = h
        .timeline::<Project>()
        .snapshot(ctx.as_of)
        .filter(|v| scope.is_none_or(|s| s.contains(&v.attrs.park)))
        .map(|v| (&v.code, &v.attrs))
        .collect();
    let confidential_ok = ctx.has(PROJECT_CONFIDENTIAL);
    let found = pipeline(projects.iter().copied(), ctx.as_of, &pf, stall_days);
    let park_name = |c: &Code| {
        h.parks()
            .as_of(c, ctx.as_of)
            .map_or_else(|| c.to_string(), |v| v.attrs.name.get(lang).to_owned())
    };
    let rows: Vec<Row> = found
        .iter()
        .take(limit)
        .map(|r| Row {
            code: r.code.to_string(),
            name: r.project.shown_name(confidential_ok).to_owned(),
            industry: r.project.industry.label(lang).to_owned(),
            park: park_name(&r.project.park),
            amount: r.project.amount.to_string(),
            amount_yi: yi(r.project.amount),
            stage: r.stage.label(lang).to_owned(),
            since: r.since.to_string(),
            stalled: r.stalled_days.map(|d| d.to_string()).unwrap_or_default(),
        })
        .collect();
    let s = summary(
        found.iter().map(|r| (r.code, r.project)),
        ctx.as_of,
        stall_days,
    );
    let mut charts = BTreeMap::new();
    let count = lang.pick("项目数", "Projects").to_owned();
    let amount = lang
        .pick("投资额(亿元)", "Investment (100 million yuan)")
        .to_owned();
    charts.insert(
        "by_stage",
        Chart {
            categories: Stage::all().map(|st| st.label(lang).to_owned()).collect(),
            names: vec![count.clone()],
            rows: vec![
                Stage::all()
                    .map(|st| s.by_stage.get(st.code()).map_or(0.0, |x| x.count as f64))
                    .collect(),
            ],
            kind: "bar",
        },
    );
    charts.insert(
        "major_by_year",
        Chart {
            categories: s.major_by_year.keys().map(|y| y.to_string()).collect(),
            names: vec![count.clone(), amount.clone()],
            rows: vec![
                s.major_by_year.values().map(|x| x.count as f64).collect(),
                s.major_by_year.values().map(|x| yi(x.amount)).collect(),
            ],
            kind: "bar",
        },
    );
    charts.insert(
        "major_by_industry",
        Chart {
            categories: CharIndustry::all()
                .map(|i| i.label(lang).to_owned())
                .collect(),
            names: vec![count],
            rows: vec![
                CharIndustry::all()
                    .map(|i| {
                        s.major_by_industry
                            .get(i.code())
                            .map_or(0.0, |x| x.count as f64)
                    })
                    .collect(),
            ],
            kind: "bar",
        },
    );
    charts.insert(
        "by_park",
        Chart {
            categories: s.landed_by_park.keys().map(park_name).collect(),
            names: vec![amount],
            rows: vec![s.landed_by_park.values().map(|x| yi(x.amount)).collect()],
            kind: "bar",
        },
    );
    let stalled = s.stalled;
    let total = found.len();
    drop(found);
    drop(projects);
    Ok(Built {
        h,
        stall_days,
        rows,
        total,
        stalled,
        charts,
    })
}

pub async fn page(
    ctx: Ctx,
    State(state): State<AppState>,
    Query(f): Query<Filters>,
) -> Result<Html<String>, PageError> {
    let Built {
        h,
        stall_days,
        rows,
        total,
        stalled,
        charts,
    } = build(&state, &ctx, &f, SHOWN).await?;
    let lang = ctx.ui.lang;
    let page = Page {
        ui: ctx.ui,
        menu: "pipeline",
        zone_name: zone_name(&h, &ctx),
        stall_days,
        stages: Stage::all().map(|st| (st.code(), st.label(lang))).collect(),
        industries: CharIndustry::all()
            .map(|i| (i.code(), i.label(lang)))
            .collect(),
        parks: h
            .parks()
            .snapshot(ctx.as_of)
            .map(|v| (v.code.to_string(), v.attrs.name.get(lang).to_owned()))
            .collect(),
        total,
        stalled,
        rows,
        may_export: ctx.has(Project::PERMS.export),
        charts,
        f,
        ctx,
    };
    render(&page.ctx, &page)
}

/// The pipeline as a workbook, with the page's filters: every project they keep
/// (real names of confidential projects only with [`PROJECT_CONFIDENTIAL`]), then
/// the charts' figures, a sheet each. Audited as `export.pipeline`.
pub async fn xlsx(
    ctx: Ctx,
    ip: ClientIp,
    State(state): State<AppState>,
    Query(f): Query<Filters>,
) -> Response {
    let built = match build(&state, &ctx, &f, usize::MAX).await {
        Ok(b) => b,
        Err(e) => return e.into_response(),
    };
    let lang = ctx.ui.lang;
    let day = ctx.as_of;
    let mut tables = vec![Table {
        sheet: lang.pick("项目明细", "Projects").to_owned(),
        title: format!("{}（{day}）", ctx.ui.t("pipeline")),
        header: [
            ("代码", "Code"),
            ("项目", "Project"),
            ("产业", "Industry"),
            ("园区", "Park"),
            ("投资额(亿元)", "Investment (100 million yuan)"),
            ("阶段", "Stage"),
            ("进入阶段日", "In stage since"),
            ("停滞天数", "Days stalled"),
        ]
        .iter()
        .map(|(zh, en)| lang.pick(zh, en).to_owned())
        .collect(),
        rows: built
            .rows
            .into_iter()
            .map(|r| {
                vec![
                    Cell::Text(r.code),
                    Cell::Text(r.name),
                    Cell::Text(r.industry),
                    Cell::Text(r.park),
                    Cell::Number(r.amount_yi),
                    Cell::Text(r.stage),
                    Cell::Text(r.since),
                    r.stalled.parse::<u32>().map_or(Cell::Blank, Cell::from),
                ]
            })
            .collect(),
    }];
    // Chart, its title's UI key, the sheet's short name (Excel allows 31 characters).
    for (key, title_key, zh, en, category) in [
        (
            "by_stage",
            "by_stage",
            "按阶段",
            "By stage",
            ("阶段", "Stage"),
        ),
        (
            "major_by_year",
            "major_by_year",
            "亿元以上按年度",
            "Major by year",
            ("年度", "Year"),
        ),
        (
            "major_by_industry",
            "major_by_industry",
            "亿元以上按产业",
            "Major by industry",
            ("产业", "Industry"),
        ),
        (
            "by_park",
            "investment_by_park",
            "按园区投资",
            "Investment by park",
            ("园区", "Park"),
        ),
    ] {
        if let Some(chart) = built.charts.get(key) {
            tables.push(chart.table(
                lang.pick(zh, en),
                format!("{}（{day}）", ctx.ui.t(title_key)),
                lang.pick(category.0, category.1),
            ));
        }
    }
    let filter = serde_json::json!({
        "as_of": day,
        "stage": f.stage,
        "industry": f.industry,
        "park": f.park,
        "min_amount": f.min_amount,
        "stalled": f.stalled,
        "stall_days": built.stall_days,
    });
    crate::records::export::xlsx_book(
        &state,
        &ctx,
        &ip,
        "export.pipeline",
        filter,
        &format!("pipeline-{day}.xlsx"),
        tables,
    )
    .await
}
