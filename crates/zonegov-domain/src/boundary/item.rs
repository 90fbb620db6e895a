//! One boundary item (事项): a matter split into process steps. A step holds its
//! lead as a single field, so two leads cannot be represented; constructors refuse
//! the rest of what makes a step meaningless (no duty, a party twice).

use super::party::PartyRef;
use crate::auth::{Perm, RecordPerms};
use crate::lang::Name;
use crate::power::Citation;
use crate::power::citation::format_citations;
use crate::provenance::Provenance;
use crate::record::{CheckContext, FieldProblem, Record};
use crate::search::SearchText;
use crate::version::EntityKind;
use serde::{Deserialize, Serialize};

/// What one party does at one step, and on what basis.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Assignment {
    pub party: PartyRef,
    pub duty: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub basis: Vec<Citation>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ItemError {
    #[error("职责内容为空 / the duty of {0} is empty")]
    EmptyDuty(PartyRef),
    #[error("环节名称为空 / a step needs a name")]
    EmptyStep,
    #[error("{0} 在同一环节出现两次 / {0} appears twice in one step")]
    RepeatedParty(PartyRef),
    #[error("事项名称为空 / an item needs a name")]
    EmptyName,
    #[error("事项类别为空 / an item needs a category")]
    EmptyCategory,
    #[error("事项须至少一个环节 / an item needs at least one step")]
    NoSteps,
}

impl Assignment {
    pub fn new(party: PartyRef, duty: &str, basis: Vec<Citation>) -> Result<Self, ItemError> {
        let duty = duty.trim();
        if duty.is_empty() {
            return Err(ItemError::EmptyDuty(party));
        }
        Ok(Assignment {
            party,
            duty: duty.to_owned(),
            basis,
        })
    }
}

/// A process step: exactly one lead, any number of cooperating parties.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Step {
    pub name: String,
    pub lead: Assignment,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cooperating: Vec<Assignment>,
}

impl Step {
    pub fn new(
        name: &str,
        lead: Assignment,
        cooperating: Vec<Assignment>,
    ) -> Result<Self, ItemError> {
        let step = Step {
            name: name.trim().to_owned(),
            lead,
            cooperating,
        };
        match step.problems().into_iter().next() {
            Some(e) => Err(e),
            None => Ok(step),
        }
    }

    /// Points the party `kind` `from` at `to`. When the successor is already a
    /// party of the step (two merged bodies both had a duty here), its duties are
    /// joined under the one party rather than naming it twice.
    fn repoint(&mut self, kind: EntityKind, from: &crate::Code, to: &crate::Code) -> bool {
        let hit =
            |a: &Assignment| a.party.level.kind() == kind && a.party.code.named() == Some(from);
        if !self.assignments().any(hit) {
            return false;
        }
        let successor = |a: &mut Assignment| {
            if hit(a) {
                a.party.code = super::party::PartyCode::Named(to.clone());
            }
        };
        successor(&mut self.lead);
        self.cooperating.iter_mut().for_each(successor);
        let mut kept: Vec<Assignment> = Vec::with_capacity(self.cooperating.len());
        for a in std::mem::take(&mut self.cooperating) {
            let twin = if a.party == self.lead.party {
                Some(&mut self.lead)
            } else {
                kept.iter_mut().find(|k| k.party == a.party)
            };
            match twin {
                Some(t) => {
                    t.duty = format!("{};{}", t.duty, a.duty);
                    t.basis.extend(a.basis);
                }
                None => kept.push(a),
            }
        }
        self.cooperating = kept;
        true
    }

    /// Lead first, then the cooperating parties.
    pub fn assignments(&self) -> impl Iterator<Item = &Assignment> {
        std::iter::once(&self.lead).chain(&self.cooperating)
    }

    /// What the constructor refuses, for values that arrived another way (JSON).
    fn problems(&self) -> Vec<ItemError> {
        let mut out = Vec::new();
        if self.name.is_empty() {
            out.push(ItemError::EmptyStep);
        }
        let mut seen = std::collections::BTreeSet::new();
        for a in self.assignments() {
            if a.duty.trim().is_empty() {
                out.push(ItemError::EmptyDuty(a.party.clone()));
            }
            if !seen.insert(&a.party) {
                out.push(ItemError::RepeatedParty(a.party.clone()));
            }
        }
        out
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BoundaryItem {
    pub name: Name,
    /// 类别 (土地保障, 安全生产 …), as the list names it.
    pub category: Name,
    pub steps: Vec<Step>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remarks: Option<String>,
    pub provenance: Provenance,
}

impl BoundaryItem {
    pub fn new(
        name: Name,
        category: Name,
        steps: Vec<Step>,
        provenance: Provenance,
    ) -> Result<Self, ItemError> {
        let item = BoundaryItem {
            name,
            category,
            steps,
            remarks: None,
            provenance,
        };
        match item.problems().into_iter().next() {
            Some(e) => Err(e),
            None => Ok(item),
        }
    }

    fn problems(&self) -> Vec<ItemError> {
        let mut out = Vec::new();
        if self.name.zh.trim().is_empty() {
            out.push(ItemError::EmptyName);
        }
        if self.category.zh.trim().is_empty() {
            out.push(ItemError::EmptyCategory);
        }
        if self.steps.is_empty() {
            out.push(ItemError::NoSteps);
        }
        out.extend(self.steps.iter().flat_map(Step::problems));
        out
    }

    /// The step named `name`.
    pub fn step(&self, name: &str) -> Option<&Step> {
        self.steps.iter().find(|s| s.name == name)
    }
}

impl Record for BoundaryItem {
    const KIND: EntityKind = EntityKind::new("boundary_item");
    const PLURAL: &'static str = "boundary-items";
    const LABEL_ZH: &'static str = "职责边界清单";
    const LABEL_EN: &'static str = "Duty boundary list";
    const PERMS: RecordPerms = RecordPerms {
        list: Perm::new("boundary:item:list"),
        view: Perm::new("boundary:item:view"),
        export: Perm::new("boundary:item:export"),
    };

    fn name(&self) -> &crate::lang::Name {
        &self.name
    }

    fn provenance(&self) -> &Provenance {
        &self.provenance
    }

    fn facet(&self) -> Option<&str> {
        Some(&self.category.zh)
    }

    fn weight(&self) -> u32 {
        u32::try_from(self.steps.len()).unwrap_or(u32::MAX)
    }

    fn search_text(&self) -> Option<SearchText> {
        let mut body = Vec::new();
        let mut basis = Vec::new();
        for s in &self.steps {
            for a in s.assignments() {
                body.push(format!("{}：{}", s.name, a.duty));
                basis.push(format_citations(&a.basis));
            }
        }
        basis.retain(|b| !b.is_empty());
        Some(SearchText {
            name: self.name.zh.clone(),
            body: body.join("\n"),
            basis: basis.join("\n"),
        })
    }

    /// Named parties are not references (see below) but a reform still carries
    /// them to the successor body.
    fn dependencies(&self) -> Vec<crate::record::Reference<'_>> {
        self.steps
            .iter()
            .flat_map(Step::assignments)
            .filter_map(|a| {
                a.party.code.named().map(|code| crate::record::Reference {
                    field: "steps",
                    kind: a.party.level.kind(),
                    code,
                })
            })
            .collect()
    }

    fn repoint(
        &mut self,
        kind: EntityKind,
        from: &crate::Code,
        to: &crate::Code,
    ) -> Option<Vec<&'static str>> {
        let mut changed = false;
        for step in &mut self.steps {
            changed |= step.repoint(kind, from, to);
        }
        Some(if changed { vec!["steps"] } else { Vec::new() })
    }

    // Parties are deliberately not `references()`: a reform that abolishes a party
    // must still be recordable, and the lint then names the orphaned step and the
    // successor (see `lint`), as the power list's orphans become drafts.
    fn check(&self, _ctx: &CheckContext) -> Vec<FieldProblem> {
        self.problems()
            .into_iter()
            .map(|e| {
                let field = match e {
                    ItemError::EmptyName => "name_zh",
                    ItemError::EmptyCategory => "category",
                    _ => "steps",
                };
                (field, e.to_string())
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Code;
    use crate::boundary::PartyLevel;

    fn party(c: &str) -> PartyRef {
        PartyRef::new(PartyLevel::Zone, Code::parse(c).unwrap())
    }

    #[test]
    fn a_step_refuses_an_empty_duty_and_a_party_twice() {
        assert_eq!(
            Assignment::new(party("N01"), "  ", vec![]),
            Err(ItemError::EmptyDuty(party("N01")))
        );
        let lead = Assignment::new(party("N01"), "负责审核材料", vec![]).unwrap();
        let again = Assignment::new(party("N01"), "提供资料", vec![]).unwrap();
        assert_eq!(
            Step::new("审核", lead.clone(), vec![again]),
            Err(ItemError::RepeatedParty(party("N01")))
        );
        let other = Assignment::new(party("N02"), "提供资料", vec![]).unwrap();
        assert!(Step::new("审核", lead, vec![other]).is_ok());
    }

    #[test]
    fn an_item_needs_a_step() {
        let e = BoundaryItem::new(
            Name::new("事项", ""),
            Name::new("安全生产", ""),
            vec![],
            Provenance::default(),
        );
        assert_eq!(e, Err(ItemError::NoSteps));
    }
}
