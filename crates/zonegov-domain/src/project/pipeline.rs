//! The pipeline on a day: each project's stage, whether it stalled, and the filters
//! investment staff use (stage, industry, park, amount at least, stalled only). Pure,
//! so the page, the export and the benchmark filter the same way.

use super::{Amount, CharIndustry, Project, Stage};
use crate::code::Code;
use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use std::collections::BTreeMap;

/// Days in one stage after which a project is flagged as stalled, unless configured.
pub const DEFAULT_STALL_DAYS: u32 = 90;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PipelineFilter {
    pub stage: Option<Stage>,
    pub industry: Option<CharIndustry>,
    pub park: Option<Code>,
    pub min_amount: Option<Amount>,
    pub stalled_only: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PipelineRow<'a> {
    pub code: &'a Code,
    pub project: &'a Project,
    pub stage: Stage,
    pub since: NaiveDate,
    /// Days in the current stage, when beyond the threshold.
    pub stalled_days: Option<i64>,
}

impl PipelineFilter {
    fn accepts(&self, p: &Project, stage: Stage, stalled: bool) -> bool {
        self.stage.is_none_or(|s| s == stage)
            && self.industry.is_none_or(|i| i == p.industry)
            && self.park.as_ref().is_none_or(|k| k == &p.park)
            && self.min_amount.is_none_or(|m| p.amount >= m)
            && (!self.stalled_only || stalled)
    }
}

/// The projects in the pipeline on `day` that `filter` accepts, largest first.
pub fn pipeline<'a>(
    projects: impl IntoIterator<Item = (&'a Code, &'a Project)>,
    day: NaiveDate,
    filter: &PipelineFilter,
    stall_days: u32,
) -> Vec<PipelineRow<'a>> {
    let mut rows: Vec<PipelineRow<'a>> = projects
        .into_iter()
        .filter_map(|(code, project)| {
            let (stage, since) = project.stage_on(day)?;
            let stalled_days = project.stalled(day, stall_days);
            filter
                .accepts(project, stage, stalled_days.is_some())
                .then_some(PipelineRow {
                    code,
                    project,
                    stage,
                    since,
                    stalled_days,
                })
        })
        .collect();
    rows.sort_by(|a, b| {
        b.project
            .amount
            .cmp(&a.project.amount)
            .then(a.code.cmp(b.code))
    });
    rows
}

/// Count and total amount of a group.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Sum {
    pub count: usize,
    pub amount: Amount,
}

impl Sum {
    fn add(&mut self, a: Amount) {
        self.count += 1;
        self.amount = self
            .amount
            .checked_add(a)
            .unwrap_or(Amount::from_yuan(u64::MAX));
    }
}

/// The dashboard's breakdowns of the pipeline on a day.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct PipelineSummary {
    /// Every project in the pipeline, by its stage on the day (code → sum).
    pub by_stage: BTreeMap<&'static str, Sum>,
    /// 十强 projects ≥ 1亿 that landed ([`Project::is_major`]), by year of landing.
    pub major_by_year: BTreeMap<i32, Sum>,
    /// 十强 projects ≥ 1亿 that landed, by characteristic industry code.
    pub major_by_industry: BTreeMap<&'static str, Sum>,
    /// Landed projects, by park.
    pub landed_by_park: BTreeMap<Code, Sum>,
    pub stalled: usize,
}

pub fn summary<'a>(
    projects: impl IntoIterator<Item = (&'a Code, &'a Project)>,
    day: NaiveDate,
    stall_days: u32,
) -> PipelineSummary {
    let mut s = PipelineSummary::default();
    for (_, p) in projects {
        let Some((stage, _)) = p.stage_on(day) else {
            continue;
        };
        s.by_stage.entry(stage.code()).or_default().add(p.amount);
        if p.stalled(day, stall_days).is_some() {
            s.stalled += 1;
        }
        let Some(landed) = p.landed().filter(|d| *d <= day) else {
            continue;
        };
        s.landed_by_park
            .entry(p.park.clone())
            .or_default()
            .add(p.amount);
        if p.is_major() {
            s.major_by_year
                .entry(landed.year())
                .or_default()
                .add(p.amount);
            s.major_by_industry
                .entry(p.industry.code())
                .or_default()
                .add(p.amount);
        }
    }
    s
}
