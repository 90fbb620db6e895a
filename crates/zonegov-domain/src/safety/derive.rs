//! Deriving an enterprise's four responsible parties, each with the rule that produced it
//! (or the keys that were tried, for a gap; the claimants, for an overlap). Nothing is
//! picked when two rules claim one key.

use super::{Assignee, Grid, Party, Place, RuleKey, SafetyRules, SafetySubject};
use crate::code::Code;
use crate::enterprise::HazardFlag;
use crate::lang::Lang;
use serde::Serialize;

/// Who a rule names: a grid for the territorial party, a body otherwise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum Responsible<'r> {
    Grid(&'r Grid),
    Body(&'r Code),
}

impl Responsible<'_> {
    /// The grid number or body code.
    pub fn code(&self) -> &Code {
        match self {
            Self::Grid(g) => &g.number,
            Self::Body(c) => c,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum Outcome<'r> {
    /// Exactly one rule applies.
    Assigned {
        responsible: Responsible<'r>,
        key: RuleKey,
        basis: &'r str,
    },
    /// No rule applies; `tried` are the keys looked up, most specific first.
    Gap { tried: Vec<RuleKey> },
    /// Several rules on the same (most specific) key.
    Overlap {
        key: RuleKey,
        claimants: Vec<(Responsible<'r>, &'r str)>,
    },
}

/// One party's derivation: what a page shows as "属地监管：… 依据：…".
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Derivation<'r> {
    pub party: Party,
    /// The flag a specialist derivation is for.
    pub flag: Option<HazardFlag>,
    pub outcome: Outcome<'r>,
}

impl Derivation<'_> {
    pub fn is_assigned(&self) -> bool {
        matches!(self.outcome, Outcome::Assigned { .. })
    }

    /// One line for a page or a report.
    pub fn describe(&self, lang: Lang) -> String {
        let party = self.party.label(lang);
        match &self.outcome {
            Outcome::Assigned {
                responsible,
                key,
                basis,
            } => match lang {
                Lang::Zh => format!(
                    "{party}：{}（规则：{}；依据：{basis}）",
                    responsible.code(),
                    key.label(lang)
                ),
                Lang::En => format!(
                    "{party}: {} (rule: {}; basis: {basis})",
                    responsible.code(),
                    key.label(lang)
                ),
            },
            Outcome::Gap { tried } => {
                let keys = tried.iter().map(|k| k.label(lang)).collect::<Vec<_>>();
                match lang {
                    Lang::Zh => format!("{party}：无责任主体（已查：{}）", keys.join("、")),
                    Lang::En => format!(
                        "{party}: nobody responsible (looked up: {})",
                        keys.join(", ")
                    ),
                }
            }
            Outcome::Overlap { key, claimants } => {
                let who = claimants
                    .iter()
                    .map(|(r, _)| r.code().as_str())
                    .collect::<Vec<_>>();
                match lang {
                    Lang::Zh => format!(
                        "{party}：{}有多个责任主体（{}）",
                        key.label(lang),
                        who.join("、")
                    ),
                    Lang::En => format!(
                        "{party}: {} has several responsible ({})",
                        key.label(lang),
                        who.join(", ")
                    ),
                }
            }
        }
    }
}

/// The four parties of one enterprise.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Responsibilities<'r> {
    pub territorial: Derivation<'r>,
    pub sector: Derivation<'r>,
    /// One per hazard flag; empty when the enterprise has none (none needed, not a gap).
    pub specialist: Vec<Derivation<'r>>,
    pub comprehensive: Derivation<'r>,
}

impl<'r> Responsibilities<'r> {
    pub fn all(&self) -> impl Iterator<Item = &Derivation<'r>> {
        [&self.territorial, &self.sector]
            .into_iter()
            .chain(&self.specialist)
            .chain([&self.comprehensive])
    }
}

fn body_outcome<'r>(key: RuleKey, rows: &[&'r Assignee], tried: Vec<RuleKey>) -> Outcome<'r> {
    match rows {
        [] => Outcome::Gap { tried },
        [one] => Outcome::Assigned {
            responsible: Responsible::Body(&one.body),
            key,
            basis: &one.basis,
        },
        many => Outcome::Overlap {
            key,
            claimants: many
                .iter()
                .map(|a| (Responsible::Body(&a.body), a.basis.as_str()))
                .collect(),
        },
    }
}

impl SafetyRules {
    pub fn derive(&self, e: &SafetySubject) -> Responsibilities<'_> {
        Responsibilities {
            territorial: self.territorial(e),
            sector: self.sector_of(e),
            specialist: e.hazards.iter().map(|&f| self.specialist_of(f)).collect(),
            comprehensive: self.comprehensive_of(),
        }
    }

    /// The park's grid when the park is mapped (the finer territory), else the street's.
    pub fn territorial(&self, e: &SafetySubject) -> Derivation<'_> {
        let places = [
            e.park.clone().map(Place::Park),
            e.street.clone().map(Place::Street),
        ];
        let mut tried = Vec::new();
        for place in places.into_iter().flatten() {
            if self.place_rows(&place) == 0 {
                tried.push(RuleKey::Place(place));
                continue;
            }
            let rows: Vec<_> = self.grids_of(&place).collect();
            let key = RuleKey::Place(place);
            let outcome = match rows.as_slice() {
                [(grid, basis)] => Outcome::Assigned {
                    responsible: Responsible::Grid(grid),
                    key,
                    basis,
                },
                many => Outcome::Overlap {
                    key,
                    claimants: many
                        .iter()
                        .map(|(g, b)| (Responsible::Grid(g), *b))
                        .collect(),
                },
            };
            return Derivation {
                party: Party::Territorial,
                flag: None,
                outcome,
            };
        }
        Derivation {
            party: Party::Territorial,
            flag: None,
            outcome: Outcome::Gap { tried },
        }
    }

    pub fn sector_of(&self, e: &SafetySubject) -> Derivation<'_> {
        let outcome = match self.sector().most_specific(e.industry) {
            Some(m) => body_outcome(RuleKey::Industry(m.key), &m.rules, Vec::new()),
            None => Outcome::Gap {
                tried: e.industry.chain().map(RuleKey::Industry).collect(),
            },
        };
        Derivation {
            party: Party::Sector,
            flag: None,
            outcome,
        }
    }

    pub fn specialist_of(&self, flag: HazardFlag) -> Derivation<'_> {
        let rows: Vec<&Assignee> = self.specialists(flag).iter().collect();
        let key = RuleKey::Hazard(flag);
        Derivation {
            party: Party::Specialist,
            flag: Some(flag),
            outcome: body_outcome(key.clone(), &rows, vec![key]),
        }
    }

    pub fn comprehensive_of(&self) -> Derivation<'_> {
        let rows: Vec<&Assignee> = self.comprehensive().into_iter().collect();
        Derivation {
            party: Party::Comprehensive,
            flag: None,
            outcome: body_outcome(RuleKey::Comprehensive, &rows, vec![RuleKey::Comprehensive]),
        }
    }
}
