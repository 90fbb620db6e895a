//! The whole recorded history of a zone, checked for consistency as it is built.
//! Record kinds are generic ([`crate::record`]); the rules that span records
//! (overlaps, references over the whole period, lineage) are written once.

use crate::change::ChangeSet;
use crate::code::Code;
use crate::counterpart::Counterpart;
use crate::institution::{Category, Institution};
use crate::kinds::KINDS;
use crate::lineage::{LineageLink, find_cycle};
use crate::park::Park;
use crate::record::{AnyTimeline, CheckContext, Record, RecordSet, TimelineSet, VersionProblem};
use crate::timeline::Timeline;
use crate::version::{EntityKind, Version};
use crate::zone::Zone;
use chrono::NaiveDate;
use std::collections::BTreeSet;

/// The raw material of a history, in input order. Indices into these lists are
/// what [`Problem`]s point at, so a reader can map them back to file and row.
#[derive(Debug, Clone)]
pub struct HistoryParts {
    pub zone: Zone,
    pub categories: Vec<Category>,
    pub changes: Vec<ChangeSet>,
    /// Versions of every record kind.
    pub records: RecordSet,
    pub lineage: Vec<LineageLink>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Locator {
    Zone,
    Category(usize),
    Change(usize),
    /// The `usize`-th version of a kind, in input order.
    Record(EntityKind, usize),
    Lineage(usize),
}

/// One inconsistency: which record, which field, what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub at: Locator,
    pub field: &'static str,
    pub message: String,
}

#[derive(Debug, Clone)]
pub struct ZoneHistory {
    pub zone: Zone,
    pub categories: Vec<Category>,
    pub changes: Vec<ChangeSet>,
    pub records: TimelineSet,
    pub lineage: Vec<LineageLink>,
}

impl ZoneHistory {
    /// Checks every rule that spans records and builds the history, or returns every
    /// problem found (not just the first), sorted by location.
    pub fn build(parts: HistoryParts) -> Result<Self, Vec<Problem>> {
        let HistoryParts {
            zone,
            categories,
            changes,
            records: raw,
            lineage,
        } = parts;
        let mut problems = Vec::new();
        let mut seen = BTreeSet::new();
        for (i, c) in categories.iter().enumerate() {
            if !seen.insert(&c.code) {
                problems.push(problem(
                    Locator::Category(i),
                    "code",
                    format!("duplicate category code {}", c.code),
                ));
            }
        }
        let mut change_ids = BTreeSet::new();
        for (i, c) in changes.iter().enumerate() {
            if !change_ids.insert(&c.id) {
                problems.push(problem(
                    Locator::Change(i),
                    "id",
                    format!("duplicate change id {}", c.id),
                ));
            }
        }
        let mut records = TimelineSet::default();
        let mut inputs = Vec::new();
        for (kind, versions) in raw.into_kinds() {
            if crate::kinds::spec(kind).is_none() {
                problems.push(problem(
                    Locator::Record(kind, 0),
                    "kind",
                    format!("unregistered record kind {kind}"),
                ));
                continue;
            }
            for (i, change) in versions.changes().into_iter().enumerate() {
                check_change_ref(&change_ids, change, Locator::Record(kind, i), &mut problems);
            }
            let mut found = Vec::new();
            let (timeline, index) = versions.into_timeline(&mut found);
            push_located(kind, found, &mut problems);
            records.insert(timeline);
            inputs.push((kind, index));
        }
        // Every registered kind has a timeline, even when the input has none of it.
        for spec in KINDS {
            if records.get_dyn(spec.kind).is_none() {
                let (timeline, _) = (spec.empty)().into_timeline(&mut Vec::new());
                records.insert(timeline);
            }
        }
        let category_codes: BTreeSet<&Code> = categories.iter().map(|c| &c.code).collect();
        let ctx = CheckContext {
            categories: &category_codes,
        };
        for (kind, index) in &inputs {
            if let Some(t) = records.get_dyn(*kind) {
                let mut found = Vec::new();
                t.check(&records, &ctx, index, &mut found);
                push_located(*kind, found, &mut problems);
            }
        }
        for (i, l) in lineage.iter().enumerate() {
            check_link(l, Locator::Lineage(i), &records, &change_ids, &mut problems);
        }
        if let Some(cycle) = find_cycle(&lineage) {
            let path: Vec<&str> = cycle.iter().map(Code::as_str).collect();
            let first = lineage
                .iter()
                .position(|l| l.predecessor == cycle[0] && l.successor == cycle[1])
                .unwrap_or(0);
            problems.push(problem(
                Locator::Lineage(first),
                "successor",
                format!("lineage cycle: {}", path.join(" → ")),
            ));
        }
        if !problems.is_empty() {
            problems.sort_by(|a, b| a.at.cmp(&b.at).then(a.field.cmp(b.field)));
            problems.dedup();
            return Err(problems);
        }
        drop(category_codes);
        Ok(ZoneHistory {
            zone,
            categories,
            changes,
            records,
            lineage,
        })
    }

    /// The timeline of kind `R`. Every registered kind has one, even when empty
    /// (`build` creates them from the registry), so only an unregistered kind —
    /// a programming error caught by `every_registered_kind_has_a_timeline` — fails.
    pub fn timeline<R: Record>(&self) -> &Timeline<R> {
        match self.records.get::<R>() {
            Some(t) => t,
            None => panic!("record kind {} is not registered in kinds::KINDS", R::KIND),
        }
    }

    pub fn parks(&self) -> &Timeline<Park> {
        self.timeline::<Park>()
    }

    pub fn institutions(&self) -> &Timeline<Institution> {
        self.timeline::<Institution>()
    }

    pub fn counterparts(&self) -> &Timeline<Counterpart> {
        self.timeline::<Counterpart>()
    }

    pub fn kind(&self, kind: EntityKind) -> Option<&dyn AnyTimeline> {
        self.records.get_dyn(kind)
    }

    pub fn category(&self, code: &Code) -> Option<&Category> {
        self.categories.iter().find(|c| &c.code == code)
    }

    pub fn change(&self, id: &Code) -> Option<&ChangeSet> {
        self.changes.iter().find(|c| &c.id == id)
    }

    /// Links in which `code` is the predecessor (its successors) or the successor.
    pub fn lineage_of(
        &self,
        kind: EntityKind,
        code: &Code,
    ) -> (Vec<&LineageLink>, Vec<&LineageLink>) {
        let mine = |l: &&LineageLink| l.kind == kind;
        let successors = self
            .lineage
            .iter()
            .filter(mine)
            .filter(|l| &l.predecessor == code)
            .collect();
        let predecessors = self
            .lineage
            .iter()
            .filter(mine)
            .filter(|l| &l.successor == code)
            .collect();
        (successors, predecessors)
    }

    fn exists_on(&self, kind: EntityKind, code: &Code, day: NaiveDate) -> bool {
        self.kind(kind).is_some_and(|t| t.exists_on(code, day))
    }

    /// Follows lineage from an entity that no longer exists on `day` to the ones that
    /// carry on its work on that day. An entity that exists answers itself.
    pub fn heirs(&self, kind: EntityKind, code: &Code, day: NaiveDate) -> Vec<Code> {
        let mut out = BTreeSet::new();
        let mut stack = vec![code.clone()];
        let mut visited = BTreeSet::new();
        while let Some(c) = stack.pop() {
            if !visited.insert(c.clone()) {
                continue;
            }
            if self.exists_on(kind, &c, day) {
                out.insert(c);
                continue;
            }
            for l in self
                .lineage
                .iter()
                .filter(|l| l.kind == kind && l.predecessor == c && l.date <= day)
            {
                stack.push(l.successor.clone());
            }
        }
        out.into_iter().collect()
    }

    /// The history as a user with data scope `v` may see it: only visible records,
    /// lineage whose both ends are visible, and only the change sets that wrote
    /// something visible — so figures, milestones and reasons computed from it
    /// say nothing about records outside the scope. Categories and the zone are
    /// reference data and stay.
    pub fn visible_to(&self, v: &crate::auth::Visible) -> ZoneHistory {
        if v.is_everything() {
            return self.clone();
        }
        let records = self.records.filtered(&|kind, code| v.allows(kind, code));
        let lineage: Vec<LineageLink> = self
            .lineage
            .iter()
            .filter(|l| v.allows(l.kind, &l.predecessor) && v.allows(l.kind, &l.successor))
            .cloned()
            .collect();
        let mut wrote: BTreeSet<Code> = records.iter().flat_map(|t| t.change_ids()).collect();
        wrote.extend(lineage.iter().map(|l| l.change.clone()));
        ZoneHistory {
            zone: self.zone.clone(),
            categories: self.categories.clone(),
            changes: self
                .changes
                .iter()
                .filter(|c| wrote.contains(&c.id))
                .cloned()
                .collect(),
            records,
            lineage,
        }
    }

    /// Every version of every kind, counted.
    pub fn version_count(&self) -> usize {
        self.records.iter().map(|t| t.len()).sum()
    }
}

/// Typed access to one kind's versions of a [`RecordSet`], for the common kinds.
impl HistoryParts {
    pub fn versions<R: Record>(&self) -> &[Version<R>] {
        self.records.of::<R>()
    }
}

fn problem(at: Locator, field: &'static str, message: String) -> Problem {
    Problem { at, field, message }
}

fn push_located(kind: EntityKind, found: Vec<VersionProblem>, problems: &mut Vec<Problem>) {
    problems.extend(
        found
            .into_iter()
            .map(|p| problem(Locator::Record(kind, p.index), p.field, p.message)),
    );
}

fn check_change_ref(
    ids: &BTreeSet<&Code>,
    change: &Code,
    at: Locator,
    problems: &mut Vec<Problem>,
) {
    if !ids.contains(change) {
        problems.push(problem(
            at,
            "change",
            format!("unknown change set {change}"),
        ));
    }
}

fn check_link(
    l: &LineageLink,
    at: Locator,
    records: &TimelineSet,
    change_ids: &BTreeSet<&Code>,
    problems: &mut Vec<Problem>,
) {
    check_change_ref(change_ids, &l.change, at, problems);
    let timeline = records.get_dyn(l.kind);
    let known = |c: &Code| timeline.is_some_and(|t| t.contains(c));
    let exists_on = |c: &Code, d: NaiveDate| timeline.is_some_and(|t| t.exists_on(c, d));
    let kind = l.kind.code();
    if l.predecessor == l.successor {
        problems.push(problem(
            at,
            "successor",
            format!("{} cannot succeed itself", l.successor),
        ));
        return;
    }
    for (field, code) in [("predecessor", &l.predecessor), ("successor", &l.successor)] {
        if !known(code) {
            problems.push(problem(at, field, format!("unknown {kind} {code}")));
        }
    }
    if known(&l.successor) && !exists_on(&l.successor, l.date) {
        problems.push(problem(
            at,
            "date",
            format!("successor {} does not exist on {}", l.successor, l.date),
        ));
    }
    if l.relation.ends_predecessor() && known(&l.predecessor) && exists_on(&l.predecessor, l.date) {
        problems.push(problem(
            at,
            "date",
            format!(
                "predecessor {} still exists on {} although it was {}",
                l.predecessor,
                l.date,
                l.relation.code()
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Name;
    use crate::provenance::Provenance;
    use crate::zone::ZoneLevel;

    #[test]
    fn every_registered_kind_has_a_timeline() {
        let parts = HistoryParts {
            zone: Zone {
                division: crate::DivisionCode::parse("370800").unwrap(),
                name: Name::new("z", "z"),
                level: ZoneLevel::National,
                provenance: Provenance::default(),
            },
            categories: vec![],
            changes: vec![],
            records: RecordSet::default(),
            lineage: vec![],
        };
        let h = ZoneHistory::build(parts).unwrap();
        for spec in KINDS {
            assert!(h.kind(spec.kind).is_some(), "{}", spec.kind);
        }
        assert!(h.parks().is_empty() && h.institutions().is_empty() && h.counterparts().is_empty());
    }
}
