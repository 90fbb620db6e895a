//! 照单履职: may body X act on this matter on day D, and under which list item? The
//! check reads the resolved answers, so it cannot disagree with 谁来管.

use super::answer::{MatterAnswer, MatterSource, Role};
use crate::code::Code;
use crate::lang::{Lang, Name};
use chrono::NaiveDate;
use serde::Serialize;

/// A list row that gives the body a part in the matter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DutyGround {
    pub source: MatterSource,
    pub step: String,
    pub role: Role,
    pub duty: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DutyCheck {
    pub body: Code,
    pub day: NaiveDate,
    /// Whether any list row gives the body a part.
    pub allowed: bool,
    pub grounds: Vec<DutyGround>,
    /// When it has none: the bodies that do lead the matter.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub leads_instead: Vec<Code>,
}

impl DutyCheck {
    pub fn of(body: &Code, day: NaiveDate, answers: &[MatterAnswer]) -> Self {
        let mut grounds = Vec::new();
        for a in answers {
            for s in &a.steps {
                for p in std::iter::once(&s.lead).chain(&s.cooperating) {
                    if p.bodies.iter().any(|b| &b.code == body) {
                        grounds.push(DutyGround {
                            source: a.source.clone(),
                            step: s.step.clone(),
                            role: p.role,
                            duty: p.duty.clone(),
                        });
                    }
                }
            }
        }
        let mut leads_instead = Vec::new();
        if grounds.is_empty() {
            for b in answers.iter().flat_map(MatterAnswer::lead_bodies) {
                if !leads_instead.contains(&b.code) {
                    leads_instead.push(b.code.clone());
                }
            }
        }
        DutyCheck {
            body: body.clone(),
            day,
            allowed: !grounds.is_empty(),
            grounds,
            leads_instead,
        }
    }

    /// One line: "可以：依据 …" / "不可以：…".
    pub fn summary(&self, lang: Lang) -> String {
        if self.allowed {
            let items: Vec<String> = self
                .grounds
                .iter()
                .map(|g| format!("{}（{}·{}）", g.source.code(), g.step, g.role.label(lang)))
                .collect();
            match lang {
                Lang::Zh => format!(
                    "{} 在 {} 可以依单履职：{}",
                    self.body,
                    self.day,
                    items.join("；")
                ),
                Lang::En => format!(
                    "{} may act on {} under: {}",
                    self.body,
                    self.day,
                    items.join("; ")
                ),
            }
        } else {
            let others = self
                .leads_instead
                .iter()
                .map(Code::as_str)
                .collect::<Vec<_>>();
            let others = Name::new(others.join("、"), others.join(", "));
            match lang {
                Lang::Zh => format!(
                    "{} 在 {} 的清单中没有该事项{}",
                    self.body,
                    self.day,
                    if others.zh.is_empty() {
                        String::new()
                    } else {
                        format!("；牵头单位为 {}", others.zh)
                    }
                ),
                Lang::En => format!(
                    "no list row gives {} a part in this matter on {}{}",
                    self.body,
                    self.day,
                    if others.en.is_empty() {
                        String::new()
                    } else {
                        format!("; it is led by {}", others.en)
                    }
                ),
            }
        }
    }
}
