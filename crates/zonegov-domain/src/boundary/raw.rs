//! The flat layout of a boundary list as files carry it: one row per party per
//! step, with a role column. Nothing stops such a file from giving a step two leads
//! or none, so assembling it into [`Step`]s is where those are found (as lint
//! findings naming the rows); a step is built only when it has exactly one lead.

use super::item::{Assignment, Step};
use super::lint::{Finding, Rule};
use crate::code::Code;
use std::collections::BTreeMap;

/// 牵头 or 配合.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Lead,
    Cooperating,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("role \"{0}\" must be 牵头/lead or 配合/cooperating")]
pub struct RoleError(pub String);

impl Role {
    pub fn parse(s: &str) -> Result<Self, RoleError> {
        match s.trim() {
            "牵头" | "lead" => Ok(Role::Lead),
            "配合" | "cooperating" => Ok(Role::Cooperating),
            other => Err(RoleError(other.to_owned())),
        }
    }
}

/// One row: which step (its number orders the steps), the role and the assignment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawAssignment {
    /// Where the row came from (a file line), for findings.
    pub row: usize,
    pub step_no: u32,
    pub step: String,
    pub role: Role,
    pub assignment: Assignment,
}

/// The steps of item `item` from its rows, ordered by step number; every step
/// without exactly one lead is a finding (with the rows of its leads) and is left
/// out, so the caller refuses the item.
pub fn assemble(item: &Code, rows: &[RawAssignment]) -> (Vec<Step>, Vec<(usize, Finding)>) {
    let mut by_step: BTreeMap<u32, Vec<&RawAssignment>> = BTreeMap::new();
    for r in rows {
        by_step.entry(r.step_no).or_default().push(r);
    }
    let mut steps = Vec::new();
    let mut findings = Vec::new();
    for group in by_step.values() {
        let name = group.first().map(|r| r.step.clone()).unwrap_or_default();
        let first_row = group.first().map(|r| r.row).unwrap_or(0);
        let (leads, cooperating): (Vec<&RawAssignment>, Vec<&RawAssignment>) =
            group.iter().partition(|r| r.role == Role::Lead);
        for r in group.iter().filter(|r| r.step != name) {
            findings.push((
                r.row,
                Finding::new(
                    item,
                    Some(&r.step),
                    None,
                    Rule::StepRenamed,
                    format!("同一环节序号下环节名称不一致（“{}”与“{}”）", name, r.step),
                    format!(
                        "rows of one step number name it differently (\"{}\" and \"{}\")",
                        name, r.step
                    ),
                ),
            ));
        }
        match leads.as_slice() {
            [] => findings.push((
                first_row,
                Finding::new(
                    item,
                    Some(&name),
                    None,
                    Rule::NoLead,
                    "该环节没有牵头单位".into(),
                    "the step has no lead".into(),
                ),
            )),
            [lead] => {
                let co = cooperating.iter().map(|r| r.assignment.clone()).collect();
                match Step::new(&name, lead.assignment.clone(), co) {
                    Ok(s) => steps.push(s),
                    Err(e) => findings.push((
                        first_row,
                        Finding::new(
                            item,
                            Some(&name),
                            None,
                            Rule::Malformed,
                            format!("环节无效：{e}"),
                            format!("invalid step: {e}"),
                        ),
                    )),
                }
            }
            [_, second, ..] => {
                let names: Vec<String> = leads
                    .iter()
                    .map(|r| r.assignment.party.to_string())
                    .collect();
                findings.push((
                    second.row,
                    Finding::new(
                        item,
                        Some(&name),
                        Some(&second.assignment.party),
                        Rule::TwoLeads,
                        format!("该环节有{}个牵头单位：{}", leads.len(), names.join("、")),
                        format!("the step has {} leads: {}", leads.len(), names.join(", ")),
                    ),
                ));
            }
        }
    }
    (steps, findings)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::boundary::{PartyLevel, PartyRef};

    fn row(row: usize, step_no: u32, role: Role, party: &str) -> RawAssignment {
        RawAssignment {
            row,
            step_no,
            step: format!("环节{step_no}"),
            role,
            assignment: Assignment::new(
                PartyRef::new(PartyLevel::Zone, Code::parse(party).unwrap()),
                "审核材料",
                vec![],
            )
            .unwrap(),
        }
    }

    #[test]
    fn steps_need_exactly_one_lead() {
        let item = Code::parse("B101").unwrap();
        let (steps, findings) = assemble(
            &item,
            &[
                row(2, 2, Role::Lead, "N01"),
                row(3, 1, Role::Lead, "N02"),
                row(4, 1, Role::Cooperating, "N03"),
            ],
        );
        assert!(findings.is_empty(), "{findings:?}");
        let names: Vec<&str> = steps.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["环节1", "环节2"]);

        let (steps, findings) = assemble(
            &item,
            &[
                row(2, 1, Role::Lead, "N01"),
                row(3, 1, Role::Lead, "N02"),
                row(4, 2, Role::Cooperating, "N03"),
            ],
        );
        assert!(steps.is_empty());
        let rules: Vec<(usize, Rule)> = findings.iter().map(|(r, f)| (*r, f.rule)).collect();
        assert_eq!(rules, [(3, Rule::TwoLeads), (4, Rule::NoLead)]);
    }
}
