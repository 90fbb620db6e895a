//! What 谁来管 answers: per step, who leads and who cooperates, with their duties,
//! basis, contact and how each was found. Problems are kept beside the answer as
//! [`Issue`]s: a step whose lead resolves to no body is a gap, to two bodies a
//! conflict. Nothing here picks one of two candidates.

use super::locality::Locality;
use super::question::Matter;
use crate::boundary::{PartyLevel, PartyRef};
use crate::code::Code;
use crate::contact::Contact;
use crate::lang::{Lang, Name};
use crate::power::Citation;
use chrono::NaiveDate;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// 牵头
    Lead,
    /// 配合
    Cooperating,
}

impl Role {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Role::Lead => lang.pick("牵头", "Lead"),
            Role::Cooperating => lang.pick("配合", "Cooperating"),
        }
    }
}

/// One body the party is, here and on the day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BodyAnswer {
    pub level: PartyLevel,
    pub code: Code,
    pub name: Name,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contact: Option<Contact>,
    /// How a 属地 party came to be this body (the place's street, …).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub via: Option<Name>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum IssueKind {
    /// No body: the party is gone, not yet set up, unknown, or the place lies in no
    /// body of that level.
    Gap,
    /// More than one body: the place lies in two streets, two parks claim it, or
    /// several items of one matter name different leads.
    Conflict,
}

impl IssueKind {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            IssueKind::Gap => lang.pick("空缺", "Gap"),
            IssueKind::Conflict => lang.pick("冲突", "Conflict"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Issue {
    pub kind: IssueKind,
    pub role: Role,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub step: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub party: Option<PartyRef>,
    /// The bodies in conflict.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub candidates: Vec<Code>,
    /// Successors from lineage of a party that is gone: a suggestion, not an answer.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub successors: Vec<Code>,
    pub message: Name,
}

/// One party of one step, as the list gives it and as it resolves here.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PartyAnswer {
    pub role: Role,
    /// As the list names it (a body, or 属地 at a level).
    pub party: PartyRef,
    pub duty: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub basis: Vec<Citation>,
    /// Who that is here on the day: one body when settled.
    pub bodies: Vec<BodyAnswer>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StepAnswer {
    pub step: String,
    pub lead: PartyAnswer,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub cooperating: Vec<PartyAnswer>,
}

/// Which list row the answer comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "list", rename_all = "snake_case")]
pub enum MatterSource {
    /// 职责边界清单
    Boundary {
        code: Code,
        name: Name,
        category: Name,
        valid_from: NaiveDate,
        change: Code,
    },
    /// 权责清单
    Power {
        code: Code,
        name: String,
        item_type: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        handling_unit: Option<String>,
        valid_from: NaiveDate,
        change: Code,
    },
}

impl MatterSource {
    pub fn code(&self) -> &Code {
        match self {
            MatterSource::Boundary { code, .. } | MatterSource::Power { code, .. } => code,
        }
    }

    /// "职责边界清单 B101 建设项目用地预审与选址（2023-10-01 起施行的版本，变更 CB2023）".
    pub fn derivation(&self, lang: Lang) -> String {
        let (list, code, name, from, change) = match self {
            MatterSource::Boundary {
                code,
                name,
                valid_from,
                change,
                ..
            } => (
                lang.pick("职责边界清单", "duty boundary list"),
                code,
                name.get(lang).to_owned(),
                valid_from,
                change,
            ),
            MatterSource::Power {
                code,
                name,
                valid_from,
                change,
                ..
            } => (
                lang.pick("权责清单", "power and responsibility list"),
                code,
                name.clone(),
                valid_from,
                change,
            ),
        };
        match lang {
            Lang::Zh => format!("{list} {code} {name}（{from} 起的版本，变更 {change}）"),
            Lang::En => format!("{list} {code} {name} (version from {from}, change {change})"),
        }
    }
}

/// The answer for one matter: its steps and every problem found on the way.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MatterAnswer {
    pub source: MatterSource,
    pub steps: Vec<StepAnswer>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub issues: Vec<Issue>,
}

impl MatterAnswer {
    /// Issues about leads: what makes the answer a gap or a conflict.
    pub fn lead_issues(&self) -> impl Iterator<Item = &Issue> {
        self.issues.iter().filter(|i| i.role == Role::Lead)
    }

    /// Every step has exactly one lead body.
    pub fn settled(&self) -> bool {
        self.lead_issues().next().is_none()
    }

    /// The lead bodies of the steps, in step order, each once.
    pub fn lead_bodies(&self) -> Vec<&BodyAnswer> {
        let mut out: Vec<&BodyAnswer> = Vec::new();
        for b in self.steps.iter().flat_map(|s| &s.lead.bodies) {
            if !out.iter().any(|o| o.code == b.code && o.level == b.level) {
                out.push(b);
            }
        }
        out
    }
}

/// The answer as a whole, in one word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// One matter, every step with exactly one lead body.
    Settled,
    /// A step's lead resolves to no body.
    Gap,
    /// A step's lead resolves to more than one body.
    Conflict,
    /// Free text matched several matters: each is answered; the asker chooses.
    Candidates,
    /// No list item on the day.
    NotFound,
}

impl Verdict {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Verdict::Settled => lang.pick("明确", "Settled"),
            Verdict::Gap => lang.pick("空缺：无牵头单位", "Gap: no lead"),
            Verdict::Conflict => lang.pick("冲突：牵头单位不唯一", "Conflict: more than one lead"),
            Verdict::Candidates => lang.pick("多个事项匹配", "Several matters match"),
            Verdict::NotFound => lang.pick("清单中没有该事项", "Not in the lists"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Answer {
    pub matter: Matter,
    pub day: NaiveDate,
    pub locality: Locality,
    pub verdict: Verdict,
    pub matters: Vec<MatterAnswer>,
}

impl Answer {
    pub fn new(
        matter: Matter,
        day: NaiveDate,
        locality: Locality,
        matters: Vec<MatterAnswer>,
    ) -> Self {
        let lead = |k| matters.iter().any(|m| m.lead_issues().any(|i| i.kind == k));
        let verdict = if matters.is_empty() {
            Verdict::NotFound
        } else if lead(IssueKind::Conflict) {
            Verdict::Conflict
        } else if lead(IssueKind::Gap) {
            Verdict::Gap
        } else if matters.len() > 1 {
            Verdict::Candidates
        } else {
            Verdict::Settled
        };
        Answer {
            matter,
            day,
            locality,
            verdict,
            matters,
        }
    }
}
