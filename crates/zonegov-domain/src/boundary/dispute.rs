//! Disputes (争议) between bodies over a boundary item, and their ruling. A ruling
//! does not edit the list: it proposes the item's next version, which is then
//! adopted through a recorded change set like any adjustment of the list.

use super::item::{Assignment, BoundaryItem, ItemError, Step};
use super::party::PartyRef;
use crate::code::Code;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// What a ruling changes in one step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum RulingChange {
    /// The step's lead becomes `lead`; the former lead stays as a cooperating
    /// party with `former_lead_duty`, or leaves the step when that is `None`.
    SetLead {
        step: String,
        lead: Assignment,
        former_lead_duty: Option<String>,
    },
    /// `party` cooperates in the step with this duty (replacing a duty it had).
    SetCooperating {
        step: String,
        assignment: Assignment,
    },
    /// `party` no longer cooperates in the step.
    RemoveCooperating { step: String, party: PartyRef },
}

/// The decision that settles a dispute (裁定), with its date and document number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ruling {
    pub text: String,
    pub date: NaiveDate,
    pub doc_no: String,
    pub changes: Vec<RulingChange>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dispute {
    pub id: Code,
    /// The boundary item disputed.
    pub item: Code,
    /// The bodies in dispute (at least two).
    pub parties: Vec<PartyRef>,
    /// 争议焦点.
    pub question: String,
    pub raised: NaiveDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ruling: Option<Ruling>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DisputeError {
    #[error("争议须至少涉及两个单位 / a dispute needs at least two parties")]
    TooFewParties,
    #[error("争议焦点为空 / a dispute needs a question")]
    NoQuestion,
    #[error("争议尚未裁定 / the dispute has no ruling yet")]
    NotRuled,
    #[error("裁定日期早于争议提出日期 / the ruling predates the dispute")]
    RuledBeforeRaised,
    #[error("事项没有环节“{0}” / the item has no step \"{0}\"")]
    NoSuchStep(String),
    #[error("{0} 不是该环节的配合单位 / {0} does not cooperate in that step")]
    NotCooperating(PartyRef),
    #[error("{0}")]
    Item(#[from] ItemError),
}

impl Dispute {
    pub fn new(
        id: Code,
        item: Code,
        parties: Vec<PartyRef>,
        question: &str,
        raised: NaiveDate,
    ) -> Result<Self, DisputeError> {
        let mut distinct = parties.clone();
        distinct.sort();
        distinct.dedup();
        if distinct.len() < 2 {
            return Err(DisputeError::TooFewParties);
        }
        if question.trim().is_empty() {
            return Err(DisputeError::NoQuestion);
        }
        Ok(Dispute {
            id,
            item,
            parties,
            question: question.trim().to_owned(),
            raised,
            ruling: None,
        })
    }

    pub fn rule(&mut self, ruling: Ruling) -> Result<(), DisputeError> {
        if ruling.date < self.raised {
            return Err(DisputeError::RuledBeforeRaised);
        }
        self.ruling = Some(ruling);
        Ok(())
    }

    /// The item as the ruling leaves it: `current` with the ruling's changes, every
    /// step rebuilt through its constructor (so a ruling cannot create a step with
    /// a party twice). The caller records it as the next version from the ruling's
    /// date.
    pub fn proposed(&self, current: &BoundaryItem) -> Result<BoundaryItem, DisputeError> {
        let ruling = self.ruling.as_ref().ok_or(DisputeError::NotRuled)?;
        let mut item = current.clone();
        for change in &ruling.changes {
            apply(&mut item, change)?;
        }
        let steps = item
            .steps
            .into_iter()
            .map(|s| Step::new(&s.name, s.lead, s.cooperating))
            .collect::<Result<Vec<_>, _>>()?;
        let mut next = BoundaryItem::new(item.name, item.category, steps, item.provenance)?;
        next.remarks = Some(format!(
            "依{}裁定调整 / adjusted by ruling {}",
            ruling.doc_no, ruling.doc_no
        ));
        Ok(next)
    }
}

fn step_mut<'a>(item: &'a mut BoundaryItem, name: &str) -> Result<&'a mut Step, DisputeError> {
    item.steps
        .iter_mut()
        .find(|s| s.name == name)
        .ok_or_else(|| DisputeError::NoSuchStep(name.to_owned()))
}

fn apply(item: &mut BoundaryItem, change: &RulingChange) -> Result<(), DisputeError> {
    match change {
        RulingChange::SetLead {
            step,
            lead,
            former_lead_duty,
        } => {
            let s = step_mut(item, step)?;
            s.cooperating.retain(|a| a.party != lead.party);
            let former = std::mem::replace(&mut s.lead, lead.clone());
            // The former lead stays on only when the ruling gives it a duty.
            if let (Some(duty), true) = (former_lead_duty, former.party != lead.party) {
                s.cooperating
                    .push(Assignment::new(former.party, duty, former.basis)?);
            }
        }
        RulingChange::SetCooperating { step, assignment } => {
            let s = step_mut(item, step)?;
            match s
                .cooperating
                .iter_mut()
                .find(|a| a.party == assignment.party)
            {
                Some(a) => *a = assignment.clone(),
                None => s.cooperating.push(assignment.clone()),
            }
        }
        RulingChange::RemoveCooperating { step, party } => {
            let s = step_mut(item, step)?;
            let before = s.cooperating.len();
            s.cooperating.retain(|a| &a.party != party);
            if s.cooperating.len() == before {
                return Err(DisputeError::NotCooperating(party.clone()));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::boundary::PartyLevel;
    use crate::lang::Name;
    use crate::provenance::Provenance;

    fn p(level: PartyLevel, c: &str) -> PartyRef {
        PartyRef::new(level, Code::parse(c).unwrap())
    }

    fn a(party: PartyRef, duty: &str) -> Assignment {
        Assignment::new(party, duty, vec![]).unwrap()
    }

    fn item() -> BoundaryItem {
        let zone = p(PartyLevel::Zone, "N11");
        let street = p(PartyLevel::Street, "ST01");
        let step = Step::new(
            "巡查",
            a(zone, "开展执法检查"),
            vec![a(street, "巡查辖区企业并上报隐患")],
        )
        .unwrap();
        BoundaryItem::new(
            Name::new("新业态安全监管", ""),
            Name::new("安全生产", ""),
            vec![step],
            Provenance::default(),
        )
        .unwrap()
    }

    fn dispute() -> Dispute {
        Dispute::new(
            Code::parse("D01").unwrap(),
            Code::parse("B308").unwrap(),
            vec![p(PartyLevel::Zone, "N11"), p(PartyLevel::Street, "ST01")],
            "电动自行车充电场所巡查由谁牵头",
            NaiveDate::from_ymd_opt(2024, 3, 1).unwrap(),
        )
        .unwrap()
    }

    #[test]
    fn a_ruling_that_moves_the_lead_proposes_the_next_version() {
        let mut d = dispute();
        assert_eq!(d.proposed(&item()), Err(DisputeError::NotRuled));
        d.rule(Ruling {
            text: "由属地街道牵头巡查，区应急管理和生态环境局配合执法".into(),
            date: NaiveDate::from_ymd_opt(2024, 4, 1).unwrap(),
            doc_no: "示例〔2024〕3号".into(),
            changes: vec![RulingChange::SetLead {
                step: "巡查".into(),
                lead: a(p(PartyLevel::Street, "ST01"), "组织巡查并登记隐患台账"),
                former_lead_duty: Some("查处巡查发现的违法行为".into()),
            }],
        })
        .unwrap();
        let next = d.proposed(&item()).unwrap();
        let s = next.step("巡查").unwrap();
        assert_eq!(s.lead.party, p(PartyLevel::Street, "ST01"));
        assert_eq!(s.lead.duty, "组织巡查并登记隐患台账");
        // The street left the cooperating parties; the former lead joined them.
        assert_eq!(s.cooperating.len(), 1);
        assert_eq!(s.cooperating[0].party, p(PartyLevel::Zone, "N11"));
        assert_eq!(s.cooperating[0].duty, "查处巡查发现的违法行为");
        assert!(next.remarks.unwrap().contains("示例〔2024〕3号"));
    }

    #[test]
    fn a_ruling_is_checked_before_it_proposes_anything() {
        assert_eq!(
            Dispute::new(
                Code::parse("D02").unwrap(),
                Code::parse("B308").unwrap(),
                vec![p(PartyLevel::Zone, "N11"), p(PartyLevel::Zone, "N11")],
                "谁牵头",
                NaiveDate::from_ymd_opt(2024, 3, 1).unwrap(),
            ),
            Err(DisputeError::TooFewParties)
        );
        let mut d = dispute();
        let ruling = |date, changes| Ruling {
            text: "裁定".into(),
            date,
            doc_no: "示例".into(),
            changes,
        };
        assert_eq!(
            d.rule(ruling(NaiveDate::from_ymd_opt(2024, 2, 1).unwrap(), vec![])),
            Err(DisputeError::RuledBeforeRaised)
        );
        let day = NaiveDate::from_ymd_opt(2024, 4, 1).unwrap();
        d.rule(ruling(
            day,
            vec![RulingChange::RemoveCooperating {
                step: "巡查".into(),
                party: p(PartyLevel::County, "CO01"),
            }],
        ))
        .unwrap();
        assert_eq!(
            d.proposed(&item()),
            Err(DisputeError::NotCooperating(p(PartyLevel::County, "CO01")))
        );
        d.rule(ruling(
            day,
            vec![RulingChange::SetCooperating {
                step: "验收".into(),
                assignment: a(p(PartyLevel::County, "CO01"), "审核"),
            }],
        ))
        .unwrap();
        assert_eq!(
            d.proposed(&item()),
            Err(DisputeError::NoSuchStep("验收".into()))
        );
    }
}
