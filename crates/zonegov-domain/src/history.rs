//! The whole recorded history of a zone, checked for consistency as it is built.

use crate::change::ChangeSet;
use crate::code::Code;
use crate::institution::{Category, Institution};
use crate::lineage::{LineageLink, find_cycle};
use crate::park::Park;
use crate::period::Period;
use crate::timeline::Timeline;
use crate::version::{EntityKind, Version};
use crate::zone::Zone;
use chrono::NaiveDate;
use std::collections::BTreeSet;

/// The raw material of a history, in input order. Indices into these vectors are
/// what [`Problem`]s point at, so a reader can map them back to file and row.
#[derive(Debug, Clone)]
pub struct HistoryParts {
    pub zone: Zone,
    pub categories: Vec<Category>,
    pub changes: Vec<ChangeSet>,
    pub parks: Vec<Version<Park>>,
    pub institutions: Vec<Version<Institution>>,
    pub lineage: Vec<LineageLink>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Locator {
    Zone,
    Category(usize),
    Change(usize),
    Park(usize),
    Institution(usize),
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
    pub parks: Timeline<Park>,
    pub institutions: Timeline<Institution>,
    pub lineage: Vec<LineageLink>,
}

impl ZoneHistory {
    /// Checks every rule that spans records and builds the history, or returns every
    /// problem found (not just the first), sorted by location.
    pub fn build(parts: HistoryParts) -> Result<Self, Vec<Problem>> {
        let mut problems = Vec::new();
        let mut seen = BTreeSet::new();
        for (i, c) in parts.categories.iter().enumerate() {
            if !seen.insert(&c.code) {
                problems.push(problem(
                    Locator::Category(i),
                    "code",
                    format!("duplicate category code {}", c.code),
                ));
            }
        }
        let mut change_ids = BTreeSet::new();
        for (i, c) in parts.changes.iter().enumerate() {
            if !change_ids.insert(&c.id) {
                problems.push(problem(
                    Locator::Change(i),
                    "id",
                    format!("duplicate change id {}", c.id),
                ));
            }
        }
        let parks = build_timeline(&parts.parks, Locator::Park, &mut problems);
        let institutions = build_timeline(&parts.institutions, Locator::Institution, &mut problems);
        for (i, v) in parts.parks.iter().enumerate() {
            check_change_ref(&change_ids, &v.change, Locator::Park(i), &mut problems);
            if let Some(body) = &v.attrs.managing_body {
                check_ref(
                    &institutions,
                    body,
                    &v.period,
                    Locator::Park(i),
                    "managing_body",
                    &mut problems,
                );
            }
        }
        let category_codes: BTreeSet<&Code> = parts.categories.iter().map(|c| &c.code).collect();
        for (i, v) in parts.institutions.iter().enumerate() {
            let at = Locator::Institution(i);
            check_change_ref(&change_ids, &v.change, at, &mut problems);
            if !category_codes.contains(&v.attrs.category) {
                problems.push(problem(
                    at,
                    "category",
                    format!("unknown category {}", v.attrs.category),
                ));
            }
            if let Some(parent) = &v.attrs.parent {
                if parent == &v.code {
                    problems.push(problem(
                        at,
                        "parent",
                        format!("{} is its own parent", v.code),
                    ));
                } else {
                    check_ref(
                        &institutions,
                        parent,
                        &v.period,
                        at,
                        "parent",
                        &mut problems,
                    );
                }
            }
        }
        check_parent_cycles(&parts.institutions, &institutions, &mut problems);
        for (i, l) in parts.lineage.iter().enumerate() {
            check_link(
                l,
                Locator::Lineage(i),
                &parks,
                &institutions,
                &change_ids,
                &mut problems,
            );
        }
        if let Some(cycle) = find_cycle(&parts.lineage) {
            let path: Vec<&str> = cycle.iter().map(Code::as_str).collect();
            let first = parts
                .lineage
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
        Ok(ZoneHistory {
            zone: parts.zone,
            categories: parts.categories,
            changes: parts.changes,
            parks,
            institutions,
            lineage: parts.lineage,
        })
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
        match kind {
            EntityKind::Park => self.parks.as_of(code, day).is_some(),
            EntityKind::Institution => self.institutions.as_of(code, day).is_some(),
        }
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
}

fn problem(at: Locator, field: &'static str, message: String) -> Problem {
    Problem { at, field, message }
}

fn build_timeline<T: Clone>(
    versions: &[Version<T>],
    locate: fn(usize) -> Locator,
    problems: &mut Vec<Problem>,
) -> Timeline<T> {
    let mut t = Timeline::default();
    for (i, v) in versions.iter().enumerate() {
        if let Err(e) = t.insert(v.clone()) {
            problems.push(problem(locate(i), "valid_from", e.to_string()));
        }
    }
    t
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

fn check_ref<T>(
    target: &Timeline<T>,
    code: &Code,
    period: &Period,
    at: Locator,
    field: &'static str,
    problems: &mut Vec<Problem>,
) {
    if !target.contains(code) {
        problems.push(problem(at, field, format!("unknown institution {code}")));
    } else if !target.covers(code, period) {
        problems.push(problem(
            at,
            field,
            format!("institution {code} does not exist throughout {period}"),
        ));
    }
}

fn check_parent_cycles(
    raw: &[Version<Institution>],
    t: &Timeline<Institution>,
    problems: &mut Vec<Problem>,
) {
    for (i, v) in raw.iter().enumerate() {
        let day = v.period.from();
        let mut seen = vec![&v.code];
        let mut next = v.attrs.parent.as_ref();
        while let Some(p) = next {
            if seen.contains(&p) {
                let path: Vec<&str> = seen
                    .iter()
                    .map(|c| c.as_str())
                    .chain([p.as_str()])
                    .collect();
                problems.push(problem(
                    Locator::Institution(i),
                    "parent",
                    format!("parent cycle on {day}: {}", path.join(" → ")),
                ));
                break;
            }
            seen.push(p);
            next = t.as_of(p, day).and_then(|pv| pv.attrs.parent.as_ref());
        }
    }
}

/// Whether an entity code is known at all, and whether it exists on a day.
type KnownFn<'a> = dyn Fn(&Code) -> bool + 'a;
type ExistsFn<'a> = dyn Fn(&Code, NaiveDate) -> bool + 'a;

fn check_link(
    l: &LineageLink,
    at: Locator,
    parks: &Timeline<Park>,
    institutions: &Timeline<Institution>,
    change_ids: &BTreeSet<&Code>,
    problems: &mut Vec<Problem>,
) {
    check_change_ref(change_ids, &l.change, at, problems);
    let (known, exists_on): (&KnownFn, &ExistsFn) = match l.kind {
        EntityKind::Park => (&|c| parks.contains(c), &|c, d| parks.as_of(c, d).is_some()),
        EntityKind::Institution => (&|c| institutions.contains(c), &|c, d| {
            institutions.as_of(c, d).is_some()
        }),
    };
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
