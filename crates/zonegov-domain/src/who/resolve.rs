//! Resolution of one list item at a locality on a day. Each party of each step is
//! turned into the bodies it is here: a named body if it exists on the day, the
//! place's street, park or county for 属地. Anything else becomes an [`Issue`].

use super::answer::{
    BodyAnswer, Issue, IssueKind, MatterAnswer, MatterSource, PartyAnswer, Role, StepAnswer,
};
use super::locality::{Locality, Located};
use crate::boundary::{
    Assignment, BoundaryItem, PartyCode, PartyLevel, PartyRef, PartyStatus, party_status,
};
use crate::code::Code;
use crate::contact::contact_of;
use crate::history::ZoneHistory;
use crate::lang::{Lang, Name};
use crate::power::PowerItem;
use crate::version::Version;
use chrono::NaiveDate;

struct Ctx<'a> {
    h: &'a ZoneHistory,
    loc: &'a Locality,
    day: NaiveDate,
    issues: Vec<Issue>,
}

pub fn resolve_boundary(
    v: &Version<BoundaryItem>,
    loc: &Locality,
    h: &ZoneHistory,
    day: NaiveDate,
) -> MatterAnswer {
    let mut cx = Ctx {
        h,
        loc,
        day,
        issues: Vec::new(),
    };
    let steps = v
        .attrs
        .steps
        .iter()
        .map(|s| StepAnswer {
            step: s.name.clone(),
            lead: cx.party(Role::Lead, &s.name, &s.lead),
            cooperating: s
                .cooperating
                .iter()
                .map(|a| cx.party(Role::Cooperating, &s.name, a))
                .collect(),
        })
        .collect();
    MatterAnswer {
        source: MatterSource::Boundary {
            code: v.code.clone(),
            name: v.attrs.name.clone(),
            category: v.attrs.category.clone(),
            valid_from: v.period.from(),
            change: v.change.clone(),
        },
        steps,
        issues: sorted(cx.issues),
    }
}

/// A power item has one party, its implementing body (实施主体), which leads every
/// step of its responsibilities.
pub fn resolve_power(v: &Version<PowerItem>, h: &ZoneHistory, day: NaiveDate) -> MatterAnswer {
    let loc = Locality::nowhere();
    let mut cx = Ctx {
        h,
        loc: &loc,
        day,
        issues: Vec::new(),
    };
    let party = PartyRef::new(PartyLevel::Zone, v.attrs.body.clone());
    let mut steps: Vec<StepAnswer> = Vec::new();
    for r in &v.attrs.responsibilities {
        let a = Assignment {
            party: party.clone(),
            duty: r.duty.clone(),
            basis: if r.basis.is_empty() {
                v.attrs.basis.clone()
            } else {
                r.basis.clone()
            },
        };
        steps.push(StepAnswer {
            step: r.step.clone(),
            lead: cx.party(Role::Lead, &r.step, &a),
            cooperating: Vec::new(),
        });
    }
    if steps.is_empty() {
        let a = Assignment {
            party,
            duty: v.attrs.full_name(),
            basis: v.attrs.basis.clone(),
        };
        steps.push(StepAnswer {
            step: String::from("实施"),
            lead: cx.party(Role::Lead, "实施", &a),
            cooperating: Vec::new(),
        });
    }
    // The list's supervision phone (监督电话) is the contact the public is given for
    // the item; it goes beside the body's own.
    if let Some(phone) = v.attrs.supervision_phone.as_deref() {
        for s in &mut steps {
            for b in &mut s.lead.bodies {
                let c = b.contact.get_or_insert_with(Default::default);
                c.supervision_phone = Some(phone.to_owned());
            }
        }
    }
    // One body leads every step: its issue, if any, is said once.
    let mut issues = cx.issues;
    issues.dedup_by(|a, b| a.candidates == b.candidates && a.party == b.party && a.kind == b.kind);
    for i in &mut issues {
        i.step = None;
    }
    MatterAnswer {
        source: MatterSource::Power {
            code: v.code.clone(),
            name: v.attrs.full_name(),
            item_type: v.attrs.item_type.clone(),
            handling_unit: v.attrs.handling_unit.clone(),
            valid_from: v.period.from(),
            change: v.change.clone(),
        },
        steps,
        issues,
    }
}

/// Lead issues first, then in step order (stable).
fn sorted(mut issues: Vec<Issue>) -> Vec<Issue> {
    issues.sort_by_key(|i| i.role != Role::Lead);
    issues
}

impl Ctx<'_> {
    fn party(&mut self, role: Role, step: &str, a: &Assignment) -> PartyAnswer {
        let bodies = match &a.party.code {
            PartyCode::Named(code) => self.named(role, step, &a.party, code),
            PartyCode::Local => self.local(role, step, &a.party),
        };
        PartyAnswer {
            role,
            party: a.party.clone(),
            duty: a.duty.clone(),
            basis: a.basis.clone(),
            bodies,
        }
    }

    fn body(&self, level: PartyLevel, code: &Code, via: Option<Name>) -> BodyAnswer {
        let name = |lang| {
            self.h
                .kind(level.kind())
                .and_then(|t| t.label(code, self.day, lang))
                .unwrap_or_default()
        };
        BodyAnswer {
            level,
            code: code.clone(),
            name: Name::new(name(Lang::Zh), name(Lang::En)),
            contact: contact_of(self.h, level, code, self.day),
            via,
        }
    }

    fn issue(
        &mut self,
        kind: IssueKind,
        role: Role,
        step: &str,
        party: &PartyRef,
        message: Name,
    ) -> &mut Issue {
        self.issues.push(Issue {
            kind,
            role,
            step: Some(step.to_owned()),
            party: Some(party.clone()),
            candidates: Vec::new(),
            successors: Vec::new(),
            message,
        });
        let last = self.issues.len() - 1;
        &mut self.issues[last]
    }

    fn named(&mut self, role: Role, step: &str, party: &PartyRef, code: &Code) -> Vec<BodyAnswer> {
        let day = self.day;
        let level = party.level;
        let label = |lang| {
            self.h
                .kind(level.kind())
                .and_then(|t| t.label(code, day, lang))
                .map(|n| format!("{n}（{code}）"))
                .unwrap_or_else(|| code.to_string())
        };
        let (zh, en) = (label(Lang::Zh), label(Lang::En));
        match party_status(self.h, level, code, day) {
            PartyStatus::Active => vec![self.body(level, code, None)],
            PartyStatus::Unknown => {
                self.issue(
                    IssueKind::Gap,
                    role,
                    step,
                    party,
                    Name::new(
                        format!("清单所列单位 {code} 不存在于{}", level.label(Lang::Zh)),
                        format!(
                            "the list names {code}, which is no {}",
                            level.label(Lang::En).to_lowercase()
                        ),
                    ),
                );
                Vec::new()
            }
            PartyStatus::WrongLevel(actual) => {
                self.issue(
                    IssueKind::Gap,
                    role,
                    step,
                    party,
                    Name::new(
                        format!(
                            "{zh}是{}，不是{}",
                            actual.label(Lang::Zh),
                            level.label(Lang::Zh)
                        ),
                        format!(
                            "{en} is a {}, not a {}",
                            actual.label(Lang::En).to_lowercase(),
                            level.label(Lang::En).to_lowercase()
                        ),
                    ),
                );
                Vec::new()
            }
            PartyStatus::NotYet => {
                self.issue(
                    IssueKind::Gap,
                    role,
                    step,
                    party,
                    Name::new(
                        format!("{zh}在 {day} 尚未设立"),
                        format!("{en} does not exist yet on {day}"),
                    ),
                );
                Vec::new()
            }
            PartyStatus::Abolished { successors } => {
                let list = successors
                    .iter()
                    .map(Code::as_str)
                    .collect::<Vec<_>>()
                    .join("、");
                let message = if successors.is_empty() {
                    Name::new(
                        format!("{zh}在 {day} 已不存在，沿革中没有承继单位，须调整清单"),
                        format!(
                            "{en} no longer exists on {day} and lineage names no successor; the list needs adjusting"
                        ),
                    )
                } else {
                    Name::new(
                        format!(
                            "{zh}在 {day} 已不存在；沿革承继单位为 {list}，须经清单调整确认，不自动代为作答"
                        ),
                        format!(
                            "{en} no longer exists on {day}; lineage names {list}, which the list must confirm by an adjustment — not answered in its place"
                        ),
                    )
                };
                self.issue(IssueKind::Gap, role, step, party, message)
                    .successors = successors;
                Vec::new()
            }
        }
    }

    fn local(&mut self, role: Role, step: &str, party: &PartyRef) -> Vec<BodyAnswer> {
        let candidates: &[Located] = match party.level {
            PartyLevel::Street => &self.loc.streets,
            PartyLevel::Park => &self.loc.parks,
            PartyLevel::County => &self.loc.counties,
            PartyLevel::Zone | PartyLevel::MunicipalDepartment => &[],
        };
        let bodies: Vec<BodyAnswer> = candidates
            .iter()
            .map(|l| self.body(party.level, &l.code, Some(l.how.clone())))
            .collect();
        let what = (
            party.level.local_label(Lang::Zh),
            party.level.local_label(Lang::En),
        );
        match bodies.len() {
            1 => {}
            0 => {
                let message = match &self.loc.place {
                    None => Name::new(
                        format!("{}须指定地点才能确定", what.0),
                        format!("{} depends on the place: give one", what.1),
                    ),
                    Some(p) => Name::new(
                        format!(
                            "{}不在任何{}内，{}无法确定",
                            p.label(Lang::Zh),
                            party.level.label(Lang::Zh),
                            what.0
                        ),
                        format!(
                            "{} lies in no {} on {}, so the {} is unknown",
                            p.label(Lang::En),
                            party.level.label(Lang::En).to_lowercase(),
                            self.day,
                            what.1.to_lowercase()
                        ),
                    ),
                };
                self.issue(IssueKind::Gap, role, step, party, message);
            }
            _ => {
                let codes: Vec<Code> = bodies.iter().map(|b| b.code.clone()).collect();
                let list = codes
                    .iter()
                    .map(Code::as_str)
                    .collect::<Vec<_>>()
                    .join("、");
                self.issue(
                    IssueKind::Conflict,
                    role,
                    step,
                    party,
                    Name::new(
                        format!("该地点同时属于 {list}，{}不唯一，须由清单或安委会明确", what.0),
                        format!("the place lies in {list}: the {} is not one body and must be settled by the list", what.1.to_lowercase()),
                    ),
                )
                .candidates = codes;
            }
        }
        bodies
    }
}
