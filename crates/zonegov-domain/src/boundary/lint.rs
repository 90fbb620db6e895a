//! The list's lint: a pure check of items against the zone's history on one day.
//! Each finding names the item, the step, the party and the reason, in Chinese
//! and English.
//!
//! "Concrete" is one explainable rule: a duty that uses a vague verb (指导, 参与,
//! 协助, 配合 …) must also name an action from [`ACTIONS`] — what is actually done
//! (审核, 出具, 核查, 报送 …). "配合做好相关工作" is vague; "配合核查用地权属并
//! 出具意见" is not.

use super::item::BoundaryItem;
use super::party::PartyRef;
use super::status::{PartyStatus, party_status};
use crate::code::Code;
use crate::history::ZoneHistory;
use crate::lang::Lang;
use chrono::NaiveDate;
use serde::Serialize;

/// Verbs that say a body is involved without saying what it does.
pub const VAGUE: &[&str] = &["指导", "参与", "协助", "配合", "支持", "协调"];

/// Actions that make a duty checkable: each names a deliverable or an act.
pub const ACTIONS: &[&str] = &[
    "审核", "审查", "审批", "受理", "出具", "核查", "核实", "复核", "办理", "提供", "编制", "制定",
    "检查", "巡查", "排查", "查处", "处置", "调查", "认定", "报送", "上报", "登记", "备案", "验收",
    "移交", "发放", "拨付", "兑现", "征收", "拆除", "公示", "发布", "签订", "评审", "评估", "收集",
    "整改", "执法", "申报", "推荐", "约谈", "通报", "组织", "划定", "测绘", "勘测", "监测", "审定",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    /// A vague verb with no concrete action.
    VagueDuty,
    /// A step (in a flat file) with no lead.
    NoLead,
    /// A step (in a flat file) with two or more leads.
    TwoLeads,
    /// Rows of one step number disagree on the step's name.
    StepRenamed,
    /// A step a constructor refuses (empty duty, a party twice).
    Malformed,
    /// The party's code names no body of its level at all.
    UnknownParty,
    /// The party exists, but not yet on the day.
    NotYet,
    /// The party ended before the day; lineage may name its successor.
    Abolished,
    /// The code is a counterpart of another kind (a street given as a county).
    WrongLevel,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub item: Code,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub step: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub party: Option<PartyRef>,
    pub rule: Rule,
    /// Successors from lineage, for [`Rule::Abolished`].
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub successors: Vec<Code>,
    pub zh: String,
    pub en: String,
}

impl Finding {
    pub fn new(
        item: &Code,
        step: Option<&str>,
        party: Option<&PartyRef>,
        rule: Rule,
        zh: String,
        en: String,
    ) -> Self {
        Finding {
            item: item.clone(),
            step: step.map(str::to_owned),
            party: party.cloned(),
            rule,
            successors: Vec::new(),
            zh,
            en,
        }
    }

    /// "事项 B01 环节「审核」单位 zone:N10：…", the whole finding in one language.
    pub fn sentence(&self, lang: Lang) -> String {
        let mut out = match lang {
            Lang::Zh => format!("事项 {}", self.item),
            Lang::En => format!("item {}", self.item),
        };
        if let Some(s) = &self.step {
            out.push_str(&match lang {
                Lang::Zh => format!(" 环节「{s}」"),
                Lang::En => format!(", step \"{s}\""),
            });
        }
        if let Some(p) = &self.party {
            out.push_str(&match lang {
                Lang::Zh => format!(" 单位 {p}"),
                Lang::En => format!(", party {p}"),
            });
        }
        out.push_str(lang.pick("：", ": "));
        out.push_str(lang.pick(&self.zh, &self.en));
        out
    }
}

/// The vague verb that makes `duty` vague, if it is: the first vague verb, when the
/// duty names no action.
pub fn vague_verb(duty: &str) -> Option<&'static str> {
    if ACTIONS.iter().any(|a| duty.contains(a)) {
        return None;
    }
    VAGUE.iter().copied().find(|v| duty.contains(v))
}

/// Every finding for `items` (code and attributes) on `day`.
pub fn lint<'a>(
    items: impl IntoIterator<Item = (&'a Code, &'a BoundaryItem)>,
    history: &ZoneHistory,
    day: NaiveDate,
) -> Vec<Finding> {
    let mut out = Vec::new();
    for (code, item) in items {
        for step in &item.steps {
            for a in step.assignments() {
                let at = |rule, zh, en| {
                    Finding::new(code, Some(&step.name), Some(&a.party), rule, zh, en)
                };
                if let Some(verb) = vague_verb(&a.duty) {
                    out.push(at(
                        Rule::VagueDuty,
                        format!("职责“{}”只有“{verb}”而无具体动作（如审核、出具、核查、报送）", a.duty),
                        format!(
                            "duty \"{}\" says \"{verb}\" but names no concrete action (such as 审核 review, 出具 issue, 核查 verify, 报送 report)",
                            a.duty
                        ),
                    ));
                }
                if let Some(f) = party_finding(history, &a.party, day, at) {
                    out.push(f);
                }
            }
        }
    }
    out
}

fn party_finding(
    h: &ZoneHistory,
    p: &PartyRef,
    day: NaiveDate,
    at: impl Fn(Rule, String, String) -> Finding,
) -> Option<Finding> {
    // 属地 names no body until a question gives the place; resolution checks it then.
    let code = p.named()?;
    let level = (p.level.label(Lang::Zh), p.level.label(Lang::En));
    let name = |c: &Code, lang| {
        h.kind(p.level.kind())
            .and_then(|t| t.label(c, day, lang))
            .unwrap_or_default()
    };
    match party_status(h, p.level, code, day) {
        PartyStatus::Active => None,
        PartyStatus::Unknown => Some(at(
            Rule::UnknownParty,
            format!("没有编码为 {code} 的{}", level.0),
            format!("no {} has code {code}", level.1.to_lowercase()),
        )),
        PartyStatus::WrongLevel(actual) => Some(at(
            Rule::WrongLevel,
            format!(
                "{}是{}，不是{}",
                name(code, Lang::Zh),
                actual.label(Lang::Zh),
                level.0
            ),
            format!(
                "{} is a {}, not a {}",
                name(code, Lang::En),
                actual.label(Lang::En).to_lowercase(),
                level.1.to_lowercase()
            ),
        )),
        PartyStatus::NotYet => Some(at(
            Rule::NotYet,
            format!("{}在 {day} 尚未设立", name(code, Lang::Zh)),
            format!("{} does not exist yet on {day}", name(code, Lang::En)),
        )),
        PartyStatus::Abolished { successors } => {
            let list = |lang| {
                successors
                    .iter()
                    .map(|c| format!("{} {c}", name(c, lang)))
                    .collect::<Vec<_>>()
                    .join(lang.pick("、", ", "))
            };
            let mut f = if successors.is_empty() {
                at(
                    Rule::Abolished,
                    format!(
                        "{}在 {day} 已不存在，沿革中没有承继单位",
                        name(code, Lang::Zh)
                    ),
                    format!(
                        "{} no longer exists on {day} and lineage names no successor",
                        name(code, Lang::En)
                    ),
                )
            } else {
                at(
                    Rule::Abolished,
                    format!(
                        "{}已因改革撤并，建议改由{}承担",
                        name(code, Lang::Zh),
                        list(Lang::Zh)
                    ),
                    format!(
                        "{} was abolished by a reform; suggested successor: {}",
                        name(code, Lang::En),
                        list(Lang::En)
                    ),
                )
            };
            f.successors = successors;
            Some(f)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_vague_verb_needs_an_action() {
        assert_eq!(vague_verb("配合做好相关工作"), Some("配合"));
        assert_eq!(vague_verb("指导街道开展工作"), Some("指导"));
        assert_eq!(vague_verb("参与"), Some("参与"));
        assert_eq!(vague_verb("协助推进"), Some("协助"));
        assert_eq!(vague_verb("配合核查用地权属并出具意见"), None);
        assert_eq!(vague_verb("参与联合验收，签署验收意见"), None);
        assert_eq!(vague_verb("受理申请并审核材料"), None);
        // No vague verb at all: nothing to flag.
        assert_eq!(vague_verb("按月报送统计数据"), None);
    }
}
