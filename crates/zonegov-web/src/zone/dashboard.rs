use crate::AppState;
use crate::ctx::Ctx;
use crate::error::PageError;
use crate::i18n::Ui;
use crate::pages::render;
use crate::records::{history, zone_name};
use askama::Template;
use axum::extract::State;
use axum::response::Html;
use serde::Serialize;
use zonegov_domain::{Source, ZoneReport};

#[derive(Template)]
#[template(path = "dashboard.html")]
struct Dashboard {
    ui: Ui,
    ctx: Ctx,
    menu: &'static str,
    zone_name: String,
    report: ZoneReport,
    /// Each figure's sentence and whether it rests on illustrative data.
    sentences: Vec<(String, bool)>,
    park_change: Option<zonegov_domain::NaiveDate>,
    charts: Charts,
    /// Work-safety coverage on the day (the lowest of the four parties' shares) and
    /// the exception count, for users who may see the coverage page.
    coverage: Option<(String, u64)>,
}

/// The data app.js hands to ECharts.
#[derive(Serialize)]
struct Charts {
    trend: Trend,
    parks: ParksChart,
}

#[derive(Serialize)]
struct Trend {
    dates: Vec<String>,
    internal: Vec<usize>,
    all: Vec<usize>,
    parks: Vec<usize>,
    names: [&'static str; 3],
}

#[derive(Serialize)]
struct ParksChart {
    kinds: Vec<String>,
    before: Vec<usize>,
    after: Vec<usize>,
    names: [String; 2],
}

pub async fn page(ctx: Ctx, State(state): State<AppState>) -> Result<Html<String>, PageError> {
    // A scoped user's figures count only what the scope shows (ARCHITECTURE.md).
    let h = history(&state, &ctx).await?.visible_to(&ctx.visible());
    let report = zonegov_app::report::zone_report(
        state.store.records(),
        &h,
        &ctx.visible(),
        ctx.as_of,
        None,
    )
    .await
    .map_err(|e| PageError::internal(ctx.ui, e))?;
    let lang = ctx.ui.lang;
    let mut points: Vec<_> = report
        .series
        .iter()
        .filter(|p| p.date <= ctx.as_of)
        .cloned()
        .collect();
    if let Some(last) = points.last().cloned()
        && last.date < ctx.as_of
    {
        points.push(zonegov_domain::report::SeriesPoint {
            date: ctx.as_of,
            ..last
        });
    }
    let park_change = h.latest_park_layout_change(ctx.as_of);
    let (before, after) = match park_change.and_then(|d| d.pred_opt()) {
        Some(prev) => (
            h.snapshot(prev).parks_by_kind(),
            h.snapshot(ctx.as_of).parks_by_kind(),
        ),
        None => (report.parks_by_kind.clone(), report.parks_by_kind.clone()),
    };
    let charts = Charts {
        trend: Trend {
            dates: points.iter().map(|p| p.date.to_string()).collect(),
            internal: points.iter().map(|p| p.internal_institutions).collect(),
            all: points.iter().map(|p| p.institutions).collect(),
            parks: points.iter().map(|p| p.parks).collect(),
            names: [
                ctx.ui.t("internal_institutions"),
                ctx.ui.t("all_institutions"),
                ctx.ui.t("park_count"),
            ],
        },
        parks: ParksChart {
            kinds: after
                .iter()
                .map(|g| lang.pick(&g.label_zh, &g.label_en).to_owned())
                .collect(),
            before: before.iter().map(|g| g.count).collect(),
            after: after.iter().map(|g| g.count).collect(),
            names: [
                format!(
                    "{} {}",
                    ctx.ui.t("before"),
                    park_change
                        .and_then(|d| d.pred_opt())
                        .map(|d| d.to_string())
                        .unwrap_or_default()
                ),
                format!("{} {}", ctx.ui.t("after"), ctx.as_of),
            ],
        },
    };
    let sentences = report
        .figures
        .iter()
        .map(|f| (f.sentence(lang), f.illustrative))
        .collect();
    let coverage = if ctx.has(zonegov_domain::auth::permission::SAFETY_COVERAGE_VIEW) {
        coverage_figure(&state, &h, &ctx).await?
    } else {
        None
    };
    render(
        &ctx,
        &Dashboard {
            coverage,
            ui: ctx.ui,
            zone_name: zone_name(&h, &ctx),
            ctx: ctx.clone(),
            menu: "dashboard",
            report,
            sentences,
            park_change,
            charts,
        },
    )
}

/// The lowest of the four parties' coverage shares on the day and the exception
/// count, kept per data revision (read before the audit, so a write landing during
/// it is seen by the next view).
async fn coverage_figure(
    state: &AppState,
    h: &zonegov_domain::ZoneHistory,
    ctx: &Ctx,
) -> Result<Option<(String, u64)>, PageError> {
    let store = state.store.as_ref();
    let data = crate::snapshot_cache::request_revision(store)
        .await
        .map_err(|e| PageError::internal(ctx.ui, e))?
        .data;
    let visible = ctx.visible();
    let key = (ctx.as_of, format!("{visible:?}"));
    if let Some(kept) = state.cache.coverage.get(data, &key) {
        return Ok(kept);
    }
    let r = zonegov_app::safety::audit::audit_store(store, h, ctx.as_of, &visible, 0)
        .await
        .map_err(|e| PageError::internal(ctx.ui, e))?;
    let lowest = r
        .parties
        .iter()
        .map(|p| p.percent(r.total))
        .fold(100.0_f64, f64::min);
    // No enterprise on the day (before the register): no figure, not "100 %".
    let figure = (r.total > 0).then(|| (format!("{lowest:.2}%"), r.exception_count()));
    state.cache.coverage.put(data, key, figure.clone());
    Ok(figure)
}
