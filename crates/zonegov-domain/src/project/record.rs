//! The investment project (招商项目): one record of the generic path, its owner the
//! park it lands in (a park's staff see their park's projects). Every stage reached
//! keeps its date, so one version answers "which stage on day D" for any D; a change
//! of amount, park or officer is a new version.

use super::{Amount, CharIndustry, Stage, TenStrong};
use crate::auth::{Perm, RecordPerms};
use crate::code::Code;
use crate::lang::Name;
use crate::provenance::Provenance;
use crate::record::{CheckContext, FieldProblem, Record, Reference, ScopeAxis};
use crate::version::EntityKind;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Who invests: an enterprise of the register (by credit code) or one not yet in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", content = "value", rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Investor {
    Enterprise(Code),
    New(String),
}

/// 补链 (fills a gap), 强链 (strengthens a weak node), 延链 (extends the chain).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum ChainRole {
    Fill,
    Strengthen,
    Extend,
}

impl ChainRole {
    pub fn parse(s: &str) -> Result<Self, String> {
        match s.trim() {
            "补链" | "fill" => Ok(Self::Fill),
            "强链" | "strengthen" => Ok(Self::Strengthen),
            "延链" | "extend" => Ok(Self::Extend),
            other => Err(format!(
                "未知链上作用 \"{other}\"(应为 补链/强链/延链) / unknown chain role \"{other}\""
            )),
        }
    }

    pub fn label(self, lang: crate::Lang) -> &'static str {
        match self {
            Self::Fill => lang.pick("补链", "Fill"),
            Self::Strengthen => lang.pick("强链", "Strengthen"),
            Self::Extend => lang.pick("延链", "Extend"),
        }
    }
}

/// A problem raised at a stage (土地、环评、资金 …) and how it was resolved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StageProblem {
    pub stage: Stage,
    pub raised: NaiveDate,
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolved: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolution: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Project {
    /// The name lists show: the code name (代号) of a confidential project.
    pub name: Name,
    /// A confidential project's real name, shown only to whom [`PROJECT_CONFIDENTIAL`]
    /// is granted; `None` when the project is not confidential.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub real_name: Option<String>,
    pub investor: Investor,
    pub amount: Amount,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ten_strong: Option<TenStrong>,
    pub industry: CharIndustry,
    pub park: Code,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chain_node: Option<Code>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chain_role: Option<ChainRole>,
    /// The day each stage reached was reached.
    pub stages: BTreeMap<Stage, NaiveDate>,
    pub officer: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub problems: Vec<StageProblem>,
    pub provenance: Provenance,
}

/// Listing projects (the pipeline page and the menu name it).
pub const PROJECT_LIST: Perm = Perm::new("invest:project:list");

/// Importing a project sheet (CLI and upload page).
pub const PROJECT_IMPORT: Perm = Perm::new("invest:project:import");

/// Seeing a confidential project's real name.
pub const PROJECT_CONFIDENTIAL: Perm = Perm::new("invest:project:confidential");

impl Project {
    /// The stage reached on `day` and since when; `None` before the first stage.
    pub fn stage_on(&self, day: NaiveDate) -> Option<(Stage, NaiveDate)> {
        self.stages
            .iter()
            .rev()
            .find(|(_, d)| **d <= day)
            .map(|(s, d)| (*s, *d))
    }

    /// The day it landed (落地): the first day it stood at 签约 or beyond.
    pub fn landed(&self) -> Option<NaiveDate> {
        self.stages.range(Stage::SIGNED..).map(|(_, d)| *d).min()
    }

    /// Days spent in the current stage on `day` beyond `threshold_days`, when the
    /// project is not yet in operation: `Some(days in stage)` means stalled.
    pub fn stalled(&self, day: NaiveDate, threshold_days: u32) -> Option<i64> {
        let (stage, since) = self.stage_on(day)?;
        let last = Stage::all().last()?;
        let days = (day - since).num_days();
        (stage < last && days > i64::from(threshold_days)).then_some(days)
    }

    /// The name to show: the real name only to whom may see it.
    pub fn shown_name(&self, may_see_confidential: bool) -> &str {
        match (&self.real_name, may_see_confidential) {
            (Some(real), true) => real,
            _ => &self.name.zh,
        }
    }

    pub fn is_confidential(&self) -> bool {
        self.real_name.is_some()
    }

    /// Counted by the seed's measure: a 十强 project of at least 1亿 that landed
    /// between `from` and `to` (both inclusive).
    pub fn counts_as_major(&self, from: NaiveDate, to: NaiveDate) -> bool {
        self.is_major() && self.landed().is_some_and(|d| d >= from && d <= to)
    }

    /// A "十强" project of at least 1亿: what the seed's "83 projects" counts, and
    /// what the pipeline's charts of major projects count, so the two agree.
    pub fn is_major(&self) -> bool {
        self.ten_strong.is_some() && self.amount >= Amount::YI
    }
}

impl Record for Project {
    const KIND: EntityKind = EntityKind::new("project");
    const PLURAL: &'static str = "projects";
    const LABEL_ZH: &'static str = "招商项目";
    const LABEL_EN: &'static str = "Investment projects";
    const SCOPE: Option<ScopeAxis> = Some(ScopeAxis::Parks);
    const PERMS: RecordPerms = RecordPerms {
        list: PROJECT_LIST,
        view: Perm::new("invest:project:view"),
        export: Perm::new("invest:project:export"),
    };

    fn name(&self) -> &Name {
        &self.name
    }

    fn provenance(&self) -> &Provenance {
        &self.provenance
    }

    fn owner(&self) -> Option<&Code> {
        Some(&self.park)
    }

    fn facet(&self) -> Option<&str> {
        Some(self.industry.code())
    }

    /// A project follows its park through a merge or rename (the investor and the
    /// chain node are never ended by a reform).
    fn repoint(&mut self, kind: EntityKind, from: &Code, to: &Code) -> Option<Vec<&'static str>> {
        let moved =
            kind == crate::Park::KIND && crate::record::repoint_slot(&mut self.park, from, to);
        Some(if moved { vec!["park"] } else { Vec::new() })
    }

    fn references(&self) -> Vec<Reference<'_>> {
        let mut refs = vec![Reference {
            field: "park",
            kind: crate::Park::KIND,
            code: &self.park,
        }];
        if let Investor::Enterprise(code) = &self.investor {
            refs.push(Reference {
                field: "investor",
                kind: crate::enterprise::Enterprise::KIND,
                code,
            });
        }
        if let Some(node) = &self.chain_node {
            refs.push(Reference {
                field: "chain_node",
                kind: super::ChainNode::KIND,
                code: node,
            });
        }
        refs
    }

    fn check(&self, _ctx: &CheckContext) -> Vec<FieldProblem> {
        let mut problems = Vec::new();
        if self.stages.is_empty() {
            problems.push((
                "stages",
                "项目至少须有一个阶段日期 / a project needs at least one stage date".to_owned(),
            ));
        }
        let dates: Vec<(&Stage, &NaiveDate)> = self.stages.iter().collect();
        for w in dates.windows(2) {
            if w[1].1 < w[0].1 {
                problems.push((
                    "stages",
                    format!(
                        "{} 日期 {} 早于 {} 日期 {} / stage {} on {} is before stage {} on {}",
                        w[1].0,
                        w[1].1,
                        w[0].0,
                        w[0].1,
                        w[1].0.code(),
                        w[1].1,
                        w[0].0.code(),
                        w[0].1
                    ),
                ));
            }
        }
        if self.chain_role.is_some() && self.chain_node.is_none() {
            problems.push((
                "chain_role",
                "链上作用须配链节点 / a chain role needs a chain node".to_owned(),
            ));
        }
        for p in &self.problems {
            if p.resolved.is_some_and(|r| r < p.raised) {
                problems.push((
                    "problems",
                    format!(
                        "问题\"{}\"解决日早于提出日 / problem \"{}\" resolved before it was raised",
                        p.text, p.text
                    ),
                ));
            }
        }
        problems
    }

    /// A confidential project's real name is withheld in every generic view (API,
    /// history, diff): only its code name shows. The pipeline page shows the real
    /// name to a role holding [`PROJECT_CONFIDENTIAL`].
    fn masked(&self) -> Option<Self> {
        let mut p = self.clone();
        if p.real_name.is_some() {
            p.real_name = Some(WITHHELD.to_owned());
        }
        Some(p)
    }
}

/// What a masked view shows for a confidential project's real name.
pub const WITHHELD: &str = "（保密）/ (withheld)";

impl StageProblem {
    /// `签约|2023-05-01|用地指标未落实|2023-06-10|市自然资源局协调解决`, entries separated
    /// by `;`: stage, day raised, the problem, and (when resolved) the day and how.
    pub fn parse_list(s: &str) -> Result<Vec<StageProblem>, String> {
        s.split(';')
            .map(str::trim)
            .filter(|e| !e.is_empty())
            .map(|entry| {
                let parts: Vec<&str> = entry.split('|').map(str::trim).collect();
                let bad = || {
                    format!(
                        "问题 \"{entry}\" 应为 阶段|提出日期|问题[|解决日期|解决办法] / problem \"{entry}\" must be stage|raised|text[|resolved|resolution]"
                    )
                };
                let (stage, raised, text) = match parts.as_slice() {
                    [s, r, t, ..] if !t.is_empty() => (*s, *r, *t),
                    _ => return Err(bad()),
                };
                let resolved = match parts.get(3).filter(|v| !v.is_empty()) {
                    Some(d) => Some(crate::day::parse_day(d).map_err(|e| format!("{entry}: {e}"))?),
                    None => None,
                };
                if parts.len() > 5 {
                    return Err(bad());
                }
                Ok(StageProblem {
                    stage: Stage::parse(stage).map_err(|e| e.to_string())?,
                    raised: crate::day::parse_day(raised).map_err(|e| format!("{entry}: {e}"))?,
                    text: text.to_owned(),
                    resolved,
                    resolution: parts.get(4).filter(|v| !v.is_empty()).map(|v| (*v).to_owned()),
                })
            })
            .collect()
    }
}

impl Investor {
    /// A credit code names an enterprise of the register; anything else is the
    /// name of an investor not yet in it.
    pub fn parse(code: Option<&str>, name: Option<&str>) -> Result<Self, String> {
        match (
            code.map(str::trim).filter(|c| !c.is_empty()),
            name.map(str::trim).filter(|n| !n.is_empty()),
        ) {
            (Some(code), _) => {
                let cc = crate::enterprise::CreditCode::parse(code).map_err(|e| {
                    format!(
                        "{} / {}",
                        e.message(crate::Lang::Zh),
                        e.message(crate::Lang::En)
                    )
                })?;
                Code::parse(cc.as_str())
                    .map(Investor::Enterprise)
                    .map_err(|e| e.to_string())
            }
            (None, Some(name)) => Ok(Investor::New(name.to_owned())),
            (None, None) => Err("投资方为空 / the investor is empty".to_owned()),
        }
    }
}
