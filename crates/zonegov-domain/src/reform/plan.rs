//! Planning a reform: run its operations on the state of the effective day, follow
//! every dependent, balance the quota ledger, and check the result against every
//! history rule — all without writing anything. The [`Plan`] is the preview (the
//! dry-run diff) and exactly what an apply writes.

use super::follow::{Ended, Flag, Followed, Moved, Moves, Rules, Successor, follow_record};
use super::ledger::{Entry, Ledger, totals};
use super::op::{Operation, Reform, Target};
use super::refusal::{Refusal, Refusals};
use crate::change::ChangeSet;
use crate::code::Code;
use crate::history::{HistoryParts, Problem, ZoneHistory};
use crate::institution::{Institution, QuotaType};
use crate::lang::Name;
use crate::lineage::{LineageLink, Relation};
use crate::park::Park;
use crate::period::Period;
use crate::provenance::Provenance;
use crate::record::{Record, RecordSet};
use crate::timeline::Timeline;
use crate::version::{EntityKind, Version};
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::BTreeMap;

/// What a reform would write and move: the preview, and the apply's input.
#[derive(Debug, Clone)]
pub struct Plan {
    pub change: ChangeSet,
    /// Every new version, of every kind.
    pub versions: RecordSet,
    /// Every current version the reform ends on its day.
    pub ends: Vec<Ended>,
    pub lineage: Vec<LineageLink>,
    /// Dependents re-pointed to a successor.
    pub moved: Vec<Moved>,
    /// Dependents put in the work queue.
    pub flagged: Vec<Flag>,
    pub ledger: Ledger,
    /// Where the dependents of each record the reform ends or splits go (users
    /// follow the same map).
    pub successors: BTreeMap<(EntityKind, Code), Successor>,
}

/// One line of the preview: per kind, how many records are written, ended, moved
/// and flagged.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct KindCount {
    pub new_versions: usize,
    pub ended: usize,
    pub moved: usize,
    pub flagged: usize,
}

impl Plan {
    /// The preview's counts, by kind.
    pub fn counts(&self) -> BTreeMap<EntityKind, KindCount> {
        let mut out: BTreeMap<EntityKind, KindCount> = BTreeMap::new();
        for (kind, v) in self.versions.iter() {
            out.entry(kind).or_default().new_versions += v.len();
        }
        for e in &self.ends {
            out.entry(e.kind).or_default().ended += 1;
        }
        let mut moved: BTreeMap<EntityKind, std::collections::BTreeSet<&Code>> = BTreeMap::new();
        for m in &self.moved {
            moved.entry(m.kind).or_default().insert(&m.code);
        }
        for (kind, codes) in moved {
            out.entry(kind).or_default().moved += codes.len();
        }
        for f in &self.flagged {
            out.entry(f.kind).or_default().flagged += 1;
        }
        out
    }

    /// The history as it stands once the plan is written: what the store will
    /// hold, checked by every history rule.
    pub fn apply_to(&self, history: &ZoneHistory) -> Result<ZoneHistory, Vec<Problem>> {
        let mut records = RecordSet::default();
        for t in history.records.iter() {
            let mut list = t.to_versions();
            for e in self.ends.iter().filter(|e| e.kind == t.kind()) {
                list.end_at(&e.code, e.from, self.change.effective);
            }
            if let Some(slot) = records.get_or_insert(t.kind()) {
                slot.append_from(list.as_ref());
            }
        }
        records.append(&self.versions);
        let mut changes = history.changes.clone();
        changes.push(self.change.clone());
        let mut lineage = history.lineage.clone();
        lineage.extend(self.lineage.iter().cloned());
        ZoneHistory::build(HistoryParts {
            zone: history.zone.clone(),
            categories: history.categories.clone(),
            changes,
            records,
            lineage,
        })
    }
}

/// The two kinds a reform restructures, as far as the operations need to tell them
/// apart.
trait Structural: Record {
    fn set_name(&mut self, name: Name);
    fn provenance_mut(&mut self) -> &mut Provenance;
    fn contact_mut(&mut self) -> &mut Option<crate::contact::Contact>;
    fn quotas_mut(&mut self) -> Option<&mut BTreeMap<QuotaType, u32>> {
        None
    }
}

impl Structural for Institution {
    fn set_name(&mut self, name: Name) {
        self.name = name;
    }
    fn provenance_mut(&mut self) -> &mut Provenance {
        &mut self.provenance
    }
    fn contact_mut(&mut self) -> &mut Option<crate::contact::Contact> {
        &mut self.contact
    }
    fn quotas_mut(&mut self) -> Option<&mut BTreeMap<QuotaType, u32>> {
        Some(&mut self.quotas)
    }
}

impl Structural for Park {
    fn set_name(&mut self, name: Name) {
        self.name = name;
    }
    fn provenance_mut(&mut self) -> &mut Provenance {
        &mut self.provenance
    }
    fn contact_mut(&mut self) -> &mut Option<crate::contact::Contact> {
        &mut self.contact
    }
}

/// The bodies or parks of the effective day, as the operations change them.
struct Working<'h, R: Record> {
    original: BTreeMap<Code, &'h Version<R>>,
    now: BTreeMap<Code, R>,
    timeline: &'h Timeline<R>,
}

impl<'h, R: Structural> Working<'h, R> {
    fn new(timeline: &'h Timeline<R>, day: NaiveDate) -> Self {
        let original: BTreeMap<Code, &Version<R>> = timeline
            .snapshot(day)
            .map(|v| (v.code.clone(), v))
            .collect();
        let now = original
            .iter()
            .map(|(c, v)| (c.clone(), v.attrs.clone()))
            .collect();
        Working {
            original,
            now,
            timeline,
        }
    }
}

struct State<'h> {
    day: NaiveDate,
    reform: &'h Reform,
    bodies: Working<'h, Institution>,
    parks: Working<'h, Park>,
    successors: BTreeMap<(EntityKind, Code), Successor>,
    assigns: BTreeMap<(EntityKind, Code), Moves>,
    /// Dependent records ended by name ([`Operation::EndRecord`]).
    ended: Vec<(usize, super::op::ItemRef)>,
    lineage: Vec<LineageLink>,
    entries: Vec<Entry>,
    refusals: Vec<Refusal>,
    /// The operation being run (from 1), for refusals.
    at: usize,
}

/// Plans `reform` on `history`. `dependents` holds the versions of the kinds the
/// history does not keep in memory (power items, enterprises) valid on the
/// effective day, as read from the store; the resident kinds are followed from the
/// history itself. Refused with every blocking problem, each naming its record.
pub fn plan(
    history: &ZoneHistory,
    dependents: &RecordSet,
    reform: &Reform,
    actor: &str,
) -> Result<Plan, Refusals> {
    let day = reform.effective;
    let mut st = State {
        day,
        reform,
        bodies: Working::new(history.institutions(), day),
        parks: Working::new(history.parks(), day),
        successors: BTreeMap::new(),
        assigns: BTreeMap::new(),
        ended: Vec::new(),
        lineage: Vec::new(),
        entries: Vec::new(),
        refusals: Vec::new(),
        at: 0,
    };
    if history.change(&reform.id).is_some() {
        st.refuse_at(
            None,
            format!(
                "变更编号 {} 已存在 / change set {} already exists",
                reform.id, reform.id
            ),
        );
    }
    for (i, op) in reform.operations.iter().enumerate() {
        st.at = i + 1;
        st.run(op);
    }
    st.at = 0;
    let State {
        mut bodies,
        mut parks,
        successors,
        assigns,
        ended,
        lineage,
        entries,
        mut refusals,
        ..
    } = st;
    let ledger = Ledger {
        before: totals(bodies.original.values().map(|v| &v.attrs)),
        after: totals(bodies.now.values()),
        entries,
    };
    for (q, before, decided, after) in ledger.imbalances() {
        refusals.push(Refusal {
            operation: None,
            kind: None,
            code: None,
            message: format!(
                "{}不平衡:改革前 {before},核定增减 {decided},改革后 {after} / {} does not balance: {before} before, {decided} decided, {after} after",
                q.label(crate::Lang::Zh),
                q.label(crate::Lang::En)
            ),
        });
    }
    let rules = Rules {
        day,
        change: &reform.id,
        successors: &successors,
        assigns: &assigns,
    };
    let mut out = Followed::default();
    follow_working(&mut bodies, &rules, &mut out);
    follow_working(&mut parks, &rules, &mut out);
    for t in history.records.iter() {
        if t.kind() != Institution::KIND && t.kind() != Park::KIND {
            t.follow(&rules, &mut out);
        }
    }
    for (kind, versions) in dependents.iter() {
        if crate::kinds::spec(kind).is_some_and(|s| !s.resident) {
            versions.follow(&rules, &mut out);
        }
    }
    for ((kind, code), moves) in &assigns {
        for (target, from, _) in moves {
            if !out.used.contains(&(*kind, code.clone(), from.clone())) {
                refusals.push(Refusal {
                    operation: None,
                    kind: Some(*kind),
                    code: Some(code.clone()),
                    message: format!(
                        "{day} 不属于 {target} {from},无法划转 / on {day} it does not belong to {target} {from}, so it cannot move"
                    ),
                });
            }
        }
    }
    end_named(history, &ended, day, &mut out, &mut refusals);
    write_working(&bodies, &reform.id, day, &mut out);
    write_working(&parks, &reform.id, day, &mut out);
    refusals.append(&mut out.refusals);
    let plan = Plan {
        change: reform.change_set(actor),
        versions: out.versions,
        ends: out.ends,
        lineage,
        moved: out.moved,
        flagged: out.flagged,
        ledger,
        successors,
    };
    if refusals.is_empty()
        && let Err(problems) = plan.apply_to(history)
    {
        refusals.extend(problems.into_iter().map(|p| Refusal {
            operation: None,
            kind: None,
            code: None,
            message: format!("{:?}.{}: {}", p.at, p.field, p.message),
        }));
    }
    if refusals.is_empty() {
        Ok(plan)
    } else {
        Err(Refusals(refusals))
    }
}

/// Ends the records named by [`Operation::EndRecord`]; a followed copy of one is
/// not written (it ends instead).
fn end_named(
    history: &ZoneHistory,
    named: &[(usize, super::op::ItemRef)],
    day: NaiveDate,
    out: &mut Followed,
    refusals: &mut Vec<Refusal>,
) {
    for (at, item) in named {
        let resident = crate::kinds::spec(item.kind).is_some_and(|s| s.resident);
        let structural = item.kind == Institution::KIND || item.kind == Park::KIND;
        let current = history
            .kind(item.kind)
            .filter(|_| resident && !structural)
            .and_then(|t| t.current(&item.code, day));
        let Some((from, change)) = current else {
            refusals.push(Refusal {
                operation: Some(*at),
                kind: Some(item.kind),
                code: Some(item.code.clone()),
                message: format!(
                    "{day} 无可终止的记录(机构和园区用撤销或合并) / no record to end on {day} (bodies and parks are abolished or merged)"
                ),
            });
            continue;
        };
        if from == day {
            refusals.push(Refusal {
                operation: Some(*at),
                kind: Some(item.kind),
                code: Some(item.code.clone()),
                message: format!(
                    "{day} 起才生效,不能当日终止 / it starts on {day} and cannot end that day"
                ),
            });
            continue;
        }
        if let Some(v) = out.versions.get_or_insert(item.kind) {
            v.retain_codes(&|c| c != &item.code);
        }
        out.moved
            .retain(|m| !(m.kind == item.kind && m.code == item.code));
        out.ends
            .retain(|e| !(e.kind == item.kind && e.code == item.code));
        out.ends.push(Ended {
            kind: item.kind,
            code: item.code.clone(),
            from,
            change,
        });
    }
}

/// Re-points the working bodies or parks themselves (a park's managing body, a
/// body's parent).
fn follow_working<R: Structural>(w: &mut Working<R>, rules: &Rules, out: &mut Followed) {
    let codes: Vec<Code> = w.now.keys().cloned().collect();
    for code in codes {
        let Some(attrs) = w.now.get(&code) else {
            continue;
        };
        if let Some(next) = follow_record(&code, attrs, rules, out) {
            w.now.insert(code, next);
        }
    }
}

/// The versions the working state differs by: ends and new versions.
fn write_working<R: Structural>(w: &Working<R>, change: &Code, day: NaiveDate, out: &mut Followed) {
    let mut refuse = |code: &Code, message: String| {
        out.refusals.push(Refusal {
            operation: None,
            kind: Some(R::KIND),
            code: Some(code.clone()),
            message,
        })
    };
    let mut ends = Vec::new();
    let mut versions = Vec::new();
    for (code, old) in &w.original {
        let next = w.now.get(code);
        if next == Some(&old.attrs) {
            continue;
        }
        if old.period.from() == day {
            refuse(
                code,
                format!(
                    "当日已有变更 {},请另立更正 / already changed on {day} by {}: record a correction instead",
                    old.change, old.change
                ),
            );
            continue;
        }
        if next.is_none()
            && let Some(later) = w
                .timeline
                .versions(code)
                .iter()
                .find(|v| v.period.from() > day)
        {
            refuse(
                code,
                format!(
                    "{} 起另有版本,不能在 {day} 终止 / it has a version from {}, so it cannot end on {day}",
                    later.period.from(),
                    later.period.from()
                ),
            );
            continue;
        }
        ends.push(Ended {
            kind: R::KIND,
            code: code.clone(),
            from: old.period.from(),
            change: old.change.clone(),
        });
        if let Some(attrs) = next
            && let Ok(period) = Period::new(day, old.period.to())
        {
            versions.push(Version {
                code: code.clone(),
                period,
                change: change.clone(),
                attrs: attrs.clone(),
            });
        }
    }
    for (code, attrs) in &w.now {
        if !w.original.contains_key(code) {
            versions.push(Version {
                code: code.clone(),
                period: Period::open(day),
                change: change.clone(),
                attrs: attrs.clone(),
            });
        }
    }
    out.ends.extend(ends);
    for v in versions {
        out.versions.push(v);
    }
}

impl<'h> State<'h> {
    fn refuse_at(&mut self, code: Option<(EntityKind, &Code)>, message: String) {
        self.refusals.push(Refusal {
            operation: (self.at > 0).then_some(self.at),
            kind: code.map(|(k, _)| k),
            code: code.map(|(_, c)| c.clone()),
            message,
        });
    }

    fn missing(&mut self, kind: EntityKind, code: &Code) {
        let day = self.day;
        self.refuse_at(
            Some((kind, code)),
            format!("{day} 不存在 / does not exist on {day}"),
        );
    }

    fn link(
        &mut self,
        kind: EntityKind,
        from: &Code,
        to: &Code,
        relation: Relation,
        prov: &Option<Provenance>,
    ) {
        self.lineage.push(LineageLink {
            kind,
            predecessor: from.clone(),
            successor: to.clone(),
            relation,
            date: self.day,
            change: self.reform.id.clone(),
            provenance: prov
                .clone()
                .unwrap_or_else(|| self.reform.lineage_provenance.clone()),
        });
    }

    fn run(&mut self, op: &Operation) {
        match op {
            Operation::CreateBody { code, body } => {
                if !body.quotas.values().all(|n| *n == 0) {
                    self.refuse_at(
                        Some((Institution::KIND, code)),
                        "编制只能划转或经核定增减,不能随新设机构产生 / quotas are moved or decided, never created with a body: add a quota_move or quota_decision".to_owned(),
                    );
                }
                let mut body = body.clone();
                body.quotas.clear();
                self.create(Target::Institution, code, |s| &mut s.bodies, body);
            }
            Operation::CreatePark { code, park } => {
                self.create(Target::Park, code, |s| &mut s.parks, park.clone())
            }
            Operation::Abolish { target, code } => match target {
                Target::Institution => self.abolish(code, |s| &mut s.bodies),
                Target::Park => self.abolish(code, |s| &mut s.parks),
            },
            Operation::Rename { target, code, name } => match target {
                Target::Institution => {
                    self.edit(code, |s| &mut s.bodies, |r| r.set_name(name.clone()))
                }
                Target::Park => self.edit(code, |s| &mut s.parks, |r| r.set_name(name.clone())),
            },
            Operation::Restate {
                target,
                code,
                provenance,
            } => match target {
                Target::Institution => self.edit(
                    code,
                    |s| &mut s.bodies,
                    |r| *r.provenance_mut() = provenance.clone(),
                ),
                Target::Park => self.edit(
                    code,
                    |s| &mut s.parks,
                    |r| *r.provenance_mut() = provenance.clone(),
                ),
            },
            Operation::Recontact {
                target,
                code,
                contact,
            } => match target {
                Target::Institution => self.edit(
                    code,
                    |s| &mut s.bodies,
                    |r| *r.contact_mut() = contact.clone(),
                ),
                Target::Park => self.edit(
                    code,
                    |s| &mut s.parks,
                    |r| *r.contact_mut() = contact.clone(),
                ),
            },
            Operation::Merge {
                target,
                from,
                into,
                relation,
                link_provenance,
            } => match target {
                Target::Institution => {
                    self.merge(from, into, *relation, link_provenance, |s| &mut s.bodies)
                }
                Target::Park => {
                    self.merge(from, into, *relation, link_provenance, |s| &mut s.parks)
                }
            },
            Operation::Split {
                target,
                from,
                into,
                ends,
                assign,
                link_provenance,
            } => {
                let kind = target.kind();
                for a in assign {
                    if &a.to != from && !into.contains(&a.to) {
                        self.refuse_at(
                            Some((a.item.kind, &a.item.code)),
                            format!("{} 不是 {from} 拆分出的单位 / {} is not one of the bodies split off {from}", a.to, a.to),
                        );
                    }
                    self.assigns
                        .entry((a.item.kind, a.item.code.clone()))
                        .or_default()
                        .push((kind, from.clone(), a.to.clone()));
                }
                match target {
                    Target::Institution => {
                        self.split(from, into, *ends, link_provenance, |s| &mut s.bodies)
                    }
                    Target::Park => {
                        self.split(from, into, *ends, link_provenance, |s| &mut s.parks)
                    }
                }
            }
            Operation::AddPlate { code, plate } => self.edit(
                code,
                |s| &mut s.bodies,
                |b| {
                    if !b.plates.iter().any(|p| p.zh == plate.zh) {
                        b.plates.push(plate.clone());
                    }
                },
            ),
            Operation::RemovePlate { code, plate } => {
                let has = self
                    .bodies
                    .now
                    .get(code)
                    .is_some_and(|b| b.plates.iter().any(|p| &p.zh == plate));
                if has || !self.bodies.now.contains_key(code) {
                    self.edit(
                        code,
                        |s| &mut s.bodies,
                        |b| b.plates.retain(|p| &p.zh != plate),
                    );
                } else {
                    self.refuse_at(
                        Some((Institution::KIND, code)),
                        format!("没有牌子“{plate}” / carries no plate \"{plate}\""),
                    );
                }
            }
            Operation::TransferFunctions { from, to, items } => {
                for c in [from, to] {
                    if !self.bodies.now.contains_key(c) {
                        self.missing(Institution::KIND, c);
                    }
                }
                for item in items {
                    self.assigns
                        .entry((item.kind, item.code.clone()))
                        .or_default()
                        .push((Institution::KIND, from.clone(), to.clone()));
                }
            }
            Operation::QuotaMove {
                from,
                to,
                quota,
                amount,
            } => {
                if !self.bodies.now.contains_key(to) {
                    self.missing(Institution::KIND, to);
                    return;
                }
                let Some(src) = self.bodies.now.get_mut(from) else {
                    self.missing(Institution::KIND, from);
                    return;
                };
                let have = src.quotas.get(quota).copied().unwrap_or(0);
                if have < *amount {
                    let (zh, en) = (quota.label(crate::Lang::Zh), quota.label(crate::Lang::En));
                    self.refuse_at(
                        Some((Institution::KIND, from)),
                        format!("{zh}只有 {have},不能划出 {amount} / has {have} of {en}, cannot move {amount}"),
                    );
                    return;
                }
                set_quota(&mut src.quotas, *quota, have - amount);
                if let Some(dst) = self.bodies.now.get_mut(to) {
                    let n = dst.quotas.get(quota).copied().unwrap_or(0) + amount;
                    set_quota(&mut dst.quotas, *quota, n);
                }
                self.entries.push(Entry::Move {
                    from: from.clone(),
                    to: to.clone(),
                    quota: *quota,
                    amount: *amount,
                });
            }
            Operation::QuotaDecision {
                code,
                quota,
                delta,
                doc_no,
            } => {
                if doc_no.trim().is_empty() {
                    self.refuse_at(
                        Some((Institution::KIND, code)),
                        "编制核定须有文号 / a quota decision needs its document number".to_owned(),
                    );
                    return;
                }
                let Some(b) = self.bodies.now.get_mut(code) else {
                    self.missing(Institution::KIND, code);
                    return;
                };
                let have = i64::from(b.quotas.get(quota).copied().unwrap_or(0));
                match u32::try_from(have + delta) {
                    Ok(n) => set_quota(&mut b.quotas, *quota, n),
                    Err(_) => {
                        self.refuse_at(
                            Some((Institution::KIND, code)),
                            format!(
                                "编制 {have} 不能核减 {} / a quota of {have} cannot be cut by {}",
                                -delta, -delta
                            ),
                        );
                        return;
                    }
                }
                self.entries.push(Entry::Decision {
                    code: code.clone(),
                    quota: *quota,
                    delta: *delta,
                    doc_no: doc_no.clone(),
                });
            }
            Operation::EndRecord { item } => self.ended.push((self.at, item.clone())),
            Operation::Retype { code, park_kind } => {
                self.edit(code, |s| &mut s.parks, |p| p.kind = *park_kind)
            }
            Operation::Redraw { code, boundary } => {
                self.edit(code, |s| &mut s.parks, |p| p.boundary = boundary.clone())
            }
            Operation::Manage { code, body } => {
                self.edit(code, |s| &mut s.parks, |p| p.managing_body = body.clone())
            }
        }
    }

    fn create<R: Structural>(
        &mut self,
        target: Target,
        code: &Code,
        pick: fn(&mut Self) -> &mut Working<'h, R>,
        attrs: R,
    ) {
        let day = self.day;
        let w = pick(self);
        let taken = w.now.contains_key(code)
            || w.timeline
                .versions(code)
                .iter()
                .any(|v| v.period.to().is_none_or(|to| to > day));
        if taken {
            self.refuse_at(
                Some((target.kind(), code)),
                format!("编码已被使用 / the code is already in use on or after {day}"),
            );
            return;
        }
        w.now.insert(code.clone(), attrs);
    }

    fn edit<R: Structural>(
        &mut self,
        code: &Code,
        pick: fn(&mut Self) -> &mut Working<'h, R>,
        change: impl FnOnce(&mut R),
    ) {
        match pick(self).now.get_mut(code) {
            Some(r) => change(r),
            None => self.missing(R::KIND, code),
        }
    }

    /// Refuses when a body about to end still holds quota: quota is never lost
    /// except by a recorded decision.
    fn check_quota_empty<R: Structural>(&mut self, code: &Code, r: &mut R) {
        let left: Vec<String> = r
            .quotas_mut()
            .map(|q| {
                q.iter()
                    .filter(|(_, n)| **n > 0)
                    .map(|(t, n)| format!("{} {n}", t.label(crate::Lang::Zh)))
                    .collect()
            })
            .unwrap_or_default();
        if !left.is_empty() {
            let left = left.join("、");
            self.refuse_at(
                Some((R::KIND, code)),
                format!(
                    "撤销前须划转编制:{left} / its quota ({left}) must be moved before it ends"
                ),
            );
        }
    }

    fn abolish<R: Structural>(&mut self, code: &Code, pick: fn(&mut Self) -> &mut Working<'h, R>) {
        let Some(mut r) = pick(self).now.remove(code) else {
            self.missing(R::KIND, code);
            return;
        };
        self.check_quota_empty(code, &mut r);
        self.successors
            .insert((R::KIND, code.clone()), Successor::Gone);
    }

    fn merge<R: Structural>(
        &mut self,
        from: &[Code],
        into: &Code,
        relation: Relation,
        prov: &Option<Provenance>,
        pick: fn(&mut Self) -> &mut Working<'h, R>,
    ) {
        if !pick(self).now.contains_key(into) {
            self.missing(R::KIND, into);
            return;
        }
        if from.is_empty() {
            self.refuse_at(
                Some((R::KIND, into)),
                "合并须至少一个被合并单位 / a merge needs at least one predecessor".to_owned(),
            );
        }
        for f in from {
            if f == into {
                self.refuse_at(
                    Some((R::KIND, f)),
                    "不能并入自身 / cannot be merged into itself".to_owned(),
                );
                continue;
            }
            let Some(mut gone) = pick(self).now.remove(f) else {
                self.missing(R::KIND, f);
                continue;
            };
            let mut moved = Vec::new();
            if let Some(q) = gone.quotas_mut() {
                moved = std::mem::take(q)
                    .into_iter()
                    .filter(|(_, n)| *n > 0)
                    .collect();
            }
            if let Some(dst) = pick(self).now.get_mut(into).and_then(|r| r.quotas_mut()) {
                for (quota, amount) in &moved {
                    let n = dst.get(quota).copied().unwrap_or(0) + amount;
                    set_quota(dst, *quota, n);
                }
            }
            for (quota, amount) in moved {
                self.entries.push(Entry::Move {
                    from: f.clone(),
                    to: into.clone(),
                    quota,
                    amount,
                });
            }
            self.successors
                .insert((R::KIND, f.clone()), Successor::One { code: into.clone() });
            self.link(R::KIND, f, into, relation, prov);
        }
    }

    fn split<R: Structural>(
        &mut self,
        from: &Code,
        into: &[Code],
        ends: bool,
        prov: &Option<Provenance>,
        pick: fn(&mut Self) -> &mut Working<'h, R>,
    ) {
        if !pick(self).now.contains_key(from) {
            self.missing(R::KIND, from);
            return;
        }
        for c in into {
            if c == from || !pick(self).now.contains_key(c) {
                self.missing(R::KIND, c);
                continue;
            }
            self.link(R::KIND, from, c, Relation::SplitFrom, prov);
        }
        if ends && let Some(mut r) = pick(self).now.remove(from) {
            self.check_quota_empty(from, &mut r);
        }
        self.successors.insert(
            (R::KIND, from.clone()),
            Successor::Split {
                into: into.to_vec(),
                ends,
            },
        );
    }
}

/// A quota of zero is no entry, so a body's quotas compare equal however they
/// reached zero.
fn set_quota(quotas: &mut BTreeMap<QuotaType, u32>, quota: QuotaType, n: u32) {
    if n == 0 {
        quotas.remove(&quota);
    } else {
        quotas.insert(quota, n);
    }
}
