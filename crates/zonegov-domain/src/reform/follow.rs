//! Dependency following, generic over [`Record`]: every record whose
//! [`Record::dependencies`] name a body or park the reform ends or moves is
//! re-pointed to its successor ([`Record::repoint`]), flagged into the work queue
//! when the successor is ambiguous, or refuses the reform when it would be left
//! pointing at nothing. A kind added later (investment projects) follows by
//! declaring its dependencies and implementing `repoint`; one that does not is
//! flagged, never left behind silently.

use super::refusal::Refusal;
use crate::code::Code;
use crate::record::{Record, RecordSet};
use crate::version::{EntityKind, Version};
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// Where the dependents of a record the reform ends or splits go.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "to", rename_all = "snake_case")]
pub enum Successor {
    /// Merged, renamed or transformed into exactly one record.
    One { code: Code },
    /// Split into several; `ends`: the record split no longer exists.
    Split { into: Vec<Code>, ends: bool },
    /// Abolished with no successor.
    Gone,
}

/// Explicit moves of one dependent: `(kind of the target, from, to)`.
pub type Moves = Vec<(EntityKind, Code, Code)>;

/// What following needs to know of the reform.
#[derive(Debug)]
pub struct Rules<'a> {
    pub day: NaiveDate,
    pub change: &'a Code,
    pub successors: &'a BTreeMap<(EntityKind, Code), Successor>,
    /// Moves named by a transfer of functions or a split, per dependent.
    pub assigns: &'a BTreeMap<(EntityKind, Code), Moves>,
}

enum Resolved {
    Stays,
    To(Code),
    Flag(String),
    Orphan(String),
}

impl Rules<'_> {
    /// Whether the reform ends `code` of `kind` (so nothing may still name it).
    pub fn ends(&self, kind: EntityKind, code: &Code) -> bool {
        match self.successors.get(&(kind, code.clone())) {
            None => false,
            Some(Successor::Split { ends, .. }) => *ends,
            Some(_) => true,
        }
    }

    /// Follows successors within the reform (A into B, then B into C: A goes to C).
    fn resolve(&self, kind: EntityKind, code: &Code) -> Resolved {
        let mut cur = code.clone();
        for _ in 0..=self.successors.len() {
            match self.successors.get(&(kind, cur.clone())) {
                None if &cur == code => return Resolved::Stays,
                None => return Resolved::To(cur),
                Some(Successor::One { code: next }) => cur = next.clone(),
                Some(Successor::Split { into, ends }) => {
                    let list: Vec<&str> = into.iter().map(Code::as_str).collect();
                    let list = list.join(", ");
                    return if *ends {
                        Resolved::Orphan(format!(
                            "{kind} {cur} 拆分为 {list} 后撤销,须指定承接单位 / {kind} {cur} is split into {list} and ends: assign it to one of them"
                        ))
                    } else if &cur != code {
                        Resolved::To(cur)
                    } else {
                        Resolved::Flag(format!(
                            "{kind} {cur} 拆分出 {list},请确认是否划转 / {kind} {cur} has {list} split off: check whether it moves"
                        ))
                    };
                }
                Some(Successor::Gone) => {
                    return Resolved::Orphan(format!(
                        "{kind} {cur} 撤销且无承接单位 / {kind} {cur} is abolished with no successor"
                    ));
                }
            }
        }
        Resolved::Orphan(format!(
            "{kind} {code}: 承接关系成环 / successors form a cycle"
        ))
    }
}

/// A dependent record re-pointed from one body or park to another.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Moved {
    pub kind: EntityKind,
    pub code: Code,
    pub name: String,
    pub field: &'static str,
    pub target: EntityKind,
    pub from: Code,
    pub to: Code,
}

/// A dependent record put in the work queue: it stays where it is, and someone must
/// decide.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Flag {
    pub kind: EntityKind,
    pub code: Code,
    pub name: String,
    pub reason: String,
}

/// The current version of `code` (starting on `from`) that the reform ends on its day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Ended {
    pub kind: EntityKind,
    pub code: Code,
    pub from: NaiveDate,
    /// The change set that wrote it: what the editor saw.
    pub change: Code,
}

/// What following produced.
#[derive(Debug, Default)]
pub struct Followed {
    pub versions: RecordSet,
    pub ends: Vec<Ended>,
    pub moved: Vec<Moved>,
    pub flagged: Vec<Flag>,
    pub refusals: Vec<Refusal>,
    /// The explicit moves that found their dependent, by dependent.
    pub used: BTreeSet<(EntityKind, Code, Code)>,
}

impl Followed {
    fn refuse(&mut self, kind: EntityKind, code: &Code, message: String) {
        self.refusals.push(Refusal {
            operation: None,
            kind: Some(kind),
            code: Some(code.clone()),
            message,
        });
    }
}

/// The record `attrs` (code `code`) after the reform, when anything it depends on
/// moves; `None` when it stays as it is.
pub fn follow_record<R: Record>(
    code: &Code,
    attrs: &R,
    rules: &Rules,
    out: &mut Followed,
) -> Option<R> {
    let mut deps: Vec<(EntityKind, Code, &'static str)> = attrs
        .dependencies()
        .iter()
        .map(|r| (r.kind, r.code.clone(), r.field))
        .collect();
    deps.dedup_by(|a, b| a.0 == b.0 && a.1 == b.1);
    if deps.is_empty() {
        return None;
    }
    let name = attrs.name().zh.clone();
    let explicit = rules.assigns.get(&(R::KIND, code.clone()));
    let mut next = attrs.clone();
    let mut changed = false;
    for (kind, from, field) in deps {
        let named = explicit.and_then(|m| {
            m.iter()
                .find(|(k, f, _)| *k == kind && f == &from)
                .map(|(_, _, t)| t.clone())
        });
        let to = match named {
            Some(to) => {
                out.used.insert((R::KIND, code.clone(), from.clone()));
                to
            }
            None => match rules.resolve(kind, &from) {
                Resolved::Stays => continue,
                Resolved::To(to) => to,
                Resolved::Flag(reason) => {
                    out.flagged.push(Flag {
                        kind: R::KIND,
                        code: code.clone(),
                        name: name.clone(),
                        reason,
                    });
                    continue;
                }
                Resolved::Orphan(why) => {
                    out.refuse(
                        R::KIND,
                        code,
                        format!(
                            "{name} 将失去{field} {from}:{why} / {name} would be left with no {field}: {why}"
                        ),
                    );
                    continue;
                }
            },
        };
        match next.repoint(kind, &from, &to) {
            Some(fields) => {
                for field in fields {
                    changed = true;
                    out.moved.push(Moved {
                        kind: R::KIND,
                        code: code.clone(),
                        name: name.clone(),
                        field,
                        target: kind,
                        from: from.clone(),
                        to: to.clone(),
                    });
                }
            }
            None if rules.ends(kind, &from) => out.refuse(
                R::KIND,
                code,
                format!(
                    "{name} 不能随改革转移,{kind} {from} 撤销后将无所属 / {name} cannot follow the reform and {kind} {from} ends"
                ),
            ),
            None => out.flagged.push(Flag {
                kind: R::KIND,
                code: code.clone(),
                name: name.clone(),
                reason: format!(
                    "{} 不能自动转移,请人工处理 / records of this kind cannot follow a reform: move it by hand",
                    R::LABEL_ZH
                ),
            }),
        }
    }
    changed.then_some(next)
}

/// Follows every version of one kind: the one valid on the reform's day moves (it
/// ends and a re-pointed copy starts on the day); a later one that still names a
/// record the reform ends refuses the reform.
pub fn follow_versions<'a, R: Record>(
    versions: impl Iterator<Item = &'a Version<R>>,
    rules: &Rules,
    out: &mut Followed,
) {
    for v in versions {
        if v.period.contains(rules.day)
            && let Some((kind, owner)) = v.attrs.bound_to()
            && rules.ends(kind, owner)
        {
            end_with_owner(v, kind, owner, rules, out);
            continue;
        }
        if v.period.contains(rules.day) {
            let Some(attrs) = follow_record(&v.code, &v.attrs, rules, out) else {
                continue;
            };
            if v.period.from() == rules.day {
                out.refuse(
                    R::KIND,
                    &v.code,
                    format!(
                        "当日已有变更 {},请另立更正 / already changed on {} by {}: record a correction instead",
                        v.change, rules.day, v.change
                    ),
                );
                continue;
            }
            out.ends.push(Ended {
                kind: R::KIND,
                code: v.code.clone(),
                from: v.period.from(),
                change: v.change.clone(),
            });
            let period = match crate::Period::new(rules.day, v.period.to()) {
                Ok(p) => p,
                Err(_) => continue,
            };
            out.versions.push(Version {
                code: v.code.clone(),
                period,
                change: rules.change.clone(),
                attrs,
            });
        } else if v.period.from() > rules.day {
            for r in v.attrs.dependencies() {
                if rules.ends(r.kind, r.code) {
                    out.refuse(
                        R::KIND,
                        &v.code,
                        format!(
                            "{} 起的版本仍指向 {} {} / its version from {} still names {} {}, which the reform ends",
                            v.period.from(),
                            r.kind,
                            r.code,
                            v.period.from(),
                            r.kind,
                            r.code
                        ),
                    );
                }
            }
        }
    }
}

/// Ends `v` with the record it is bound to ([`Record::bound_to`]) and flags it:
/// what it decided (a 三定's people and functions) is for the successor's own
/// decision, which no reform can take for it.
fn end_with_owner<R: Record>(
    v: &Version<R>,
    kind: EntityKind,
    owner: &Code,
    rules: &Rules,
    out: &mut Followed,
) {
    if v.period.from() == rules.day {
        out.refuse(
            R::KIND,
            &v.code,
            format!(
                "当日已有变更 {},请另立更正 / already changed on {} by {}: record a correction instead",
                v.change, rules.day, v.change
            ),
        );
        return;
    }
    out.ends.push(Ended {
        kind: R::KIND,
        code: v.code.clone(),
        from: v.period.from(),
        change: v.change.clone(),
    });
    let successor = match rules.resolve(kind, owner) {
        Resolved::To(to) => format!("{to}"),
        _ => "—".to_owned(),
    };
    out.flagged.push(Flag {
        kind: R::KIND,
        code: v.code.clone(),
        name: v.attrs.name().zh.clone(),
        reason: format!(
            "{label_zh}随{kind} {owner} 终止,其内容须由承接单位({successor})重新核定 / the {label_en} ends with {kind} {owner}; its successor ({successor}) must decide its own",
            label_zh = R::LABEL_ZH,
            label_en = R::LABEL_EN.to_lowercase(),
        ),
    });
}
