//! The zone's reforms as history: every change set in date order with what it did to
//! bodies and parks (created, ended, renamed, otherwise changed) and its lineage
//! links, and the flow of one reform from the records before it to those after it,
//! as a Sankey chart draws it. Computed from the recorded versions and lineage, so
//! it shows whatever a reform (loaded or applied as operations) wrote.

use crate::change::ChangeSet;
use crate::code::Code;
use crate::history::ZoneHistory;
use crate::institution::Institution;
use crate::lang::{Lang, Name};
use crate::lineage::LineageLink;
use crate::park::Park;
use crate::record::Record;
use crate::timeline::Timeline;
use crate::version::EntityKind;
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// What one change set did to one kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct KindCounts {
    pub created: usize,
    pub ended: usize,
    pub renamed: usize,
    /// New versions that are neither a creation nor a rename (a quota, a plate …).
    pub changed: usize,
}

impl KindCounts {
    pub fn is_empty(&self) -> bool {
        *self == KindCounts::default()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReformEntry {
    pub change: ChangeSet,
    pub institutions: KindCounts,
    pub parks: KindCounts,
    pub links: Vec<LineageLink>,
}

impl ReformEntry {
    /// Whether the change set touched bodies or parks at all (a list publication
    /// does not, and is not a reform).
    pub fn is_reform(&self) -> bool {
        !(self.institutions.is_empty() && self.parks.is_empty() && self.links.is_empty())
    }
}

/// Every change set that touched bodies or parks, in date order (then by id).
pub fn timeline(h: &ZoneHistory) -> Vec<ReformEntry> {
    let mut changes: Vec<&ChangeSet> = h.changes.iter().collect();
    changes.sort_by(|a, b| (a.effective, &a.id).cmp(&(b.effective, &b.id)));
    changes
        .into_iter()
        .map(|c| ReformEntry {
            change: c.clone(),
            institutions: counts(h.institutions(), h, c),
            parks: counts(h.parks(), h, c),
            links: h
                .lineage
                .iter()
                .filter(|l| l.change == c.id)
                .cloned()
                .collect(),
        })
        .filter(ReformEntry::is_reform)
        .collect()
}

fn counts<R: Record>(t: &Timeline<R>, h: &ZoneHistory, c: &ChangeSet) -> KindCounts {
    let mut out = KindCounts::default();
    for v in t.all().filter(|v| v.change == c.id) {
        let before = t
            .versions(&v.code)
            .iter()
            .find(|p| p.period.to() == Some(v.period.from()));
        match before {
            None => out.created += 1,
            Some(p) if p.attrs.name() != v.attrs.name() => out.renamed += 1,
            Some(_) => out.changed += 1,
        }
    }
    // A version carries no "ended by": an end is the change's when its lineage names
    // the record as predecessor, or when nothing else took effect that day.
    let day = c.effective;
    let alone = h.changes.iter().filter(|o| o.effective == day).count() == 1;
    let linked: BTreeSet<&Code> = h
        .lineage
        .iter()
        .filter(|l| l.kind == R::KIND && l.relation.ends_predecessor())
        .filter(|l| l.change == c.id)
        .map(|l| &l.predecessor)
        .collect();
    for code in t.codes() {
        let ends_here = t
            .versions(code)
            .last()
            .is_some_and(|v| v.period.to() == Some(day));
        if ends_here && (linked.contains(code) || alone) {
            out.ended += 1;
        }
    }
    out
}

/// One node of a reform's flow: a record on one side of the reform, or the pseudo
/// nodes "created" (left) and "abolished" (right).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FlowNode {
    /// Unique within the flow: `before:O01`, `after:N01`, `created`, `abolished`.
    pub id: String,
    pub code: Option<Code>,
    pub label: Name,
    /// 0: before the reform, 1: after.
    pub side: u8,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FlowLink {
    pub source: String,
    pub target: String,
    /// Each record before the reform carries 1, split evenly over its successors.
    pub value: f64,
    /// The lineage relation, or `continues` for a record carried over unchanged.
    pub relation: &'static str,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Flow {
    pub kind: EntityKind,
    pub day_before: NaiveDate,
    pub day: NaiveDate,
    /// Counted records before and after (internal institutions; every park).
    pub before: usize,
    pub after: usize,
    pub nodes: Vec<FlowNode>,
    pub links: Vec<FlowLink>,
}

/// The flows of change set `change` for bodies and for parks (only the kinds it
/// touched), or `None` when there is no such change set.
pub fn flows(h: &ZoneHistory, change: &Code) -> Option<Vec<Flow>> {
    let c = h.change(change)?;
    let entry = timeline(h).into_iter().find(|e| &e.change.id == change);
    let mut out = Vec::new();
    let touched = |k: &KindCounts, kind: EntityKind| {
        !k.is_empty()
            || entry
                .as_ref()
                .is_some_and(|e| e.links.iter().any(|l| l.kind == kind))
    };
    if let Some(e) = &entry {
        if touched(&e.institutions, Institution::KIND) {
            let internal = |v: &Institution| h.is_internal(&v.category);
            out.push(flow(h.institutions(), h, c, &internal));
        }
        if touched(&e.parks, Park::KIND) {
            out.push(flow(h.parks(), h, c, &|_: &Park| true));
        }
    }
    Some(out)
}

fn flow<R: Record>(
    t: &Timeline<R>,
    h: &ZoneHistory,
    c: &ChangeSet,
    counted: &dyn Fn(&R) -> bool,
) -> Flow {
    let day = c.effective;
    let day_before = day.pred_opt().unwrap_or(day);
    let links: Vec<&LineageLink> = h
        .lineage
        .iter()
        .filter(|l| l.kind == R::KIND && l.change == c.id)
        .collect();
    let preds: BTreeSet<&Code> = links.iter().map(|l| &l.predecessor).collect();
    let succs: BTreeSet<&Code> = links.iter().map(|l| &l.successor).collect();
    let before: BTreeSet<&Code> = t
        .snapshot(day_before)
        .filter(|v| counted(&v.attrs) || preds.contains(&v.code))
        .map(|v| &v.code)
        .collect();
    let after: BTreeSet<&Code> = t
        .snapshot(day)
        .filter(|v| counted(&v.attrs) || succs.contains(&v.code))
        .map(|v| &v.code)
        .collect();
    let label = |code: &Code, d: NaiveDate| {
        Name::new(t.label_on(code, d, Lang::Zh), t.label_on(code, d, Lang::En))
    };
    let mut nodes: Vec<FlowNode> = before
        .iter()
        .map(|code| FlowNode {
            id: format!("before:{code}"),
            code: Some((*code).clone()),
            label: label(code, day_before),
            side: 0,
        })
        .chain(after.iter().map(|code| FlowNode {
            id: format!("after:{code}"),
            code: Some((*code).clone()),
            label: label(code, day),
            side: 1,
        }))
        .collect();
    let mut out: Vec<FlowLink> = Vec::new();
    let mut fanout: BTreeMap<&Code, usize> = BTreeMap::new();
    for l in &links {
        *fanout.entry(&l.predecessor).or_default() += 1;
    }
    let mut reached: BTreeSet<&Code> = BTreeSet::new();
    for l in &links {
        if before.contains(&l.predecessor) && after.contains(&l.successor) {
            let n = fanout.get(&l.predecessor).copied().unwrap_or(1).max(1);
            out.push(FlowLink {
                source: format!("before:{}", l.predecessor),
                target: format!("after:{}", l.successor),
                value: 1.0 / n as f64,
                relation: l.relation.code(),
            });
            reached.insert(&l.successor);
        }
    }
    let mut abolished = false;
    for code in &before {
        if preds.contains(code) {
            continue;
        }
        if after.contains(code) {
            out.push(FlowLink {
                source: format!("before:{code}"),
                target: format!("after:{code}"),
                value: 1.0,
                relation: "continues",
            });
            reached.insert(code);
        } else {
            abolished = true;
            out.push(FlowLink {
                source: format!("before:{code}"),
                target: "abolished".to_owned(),
                value: 1.0,
                relation: "abolished",
            });
        }
    }
    let mut created = false;
    for code in &after {
        if !reached.contains(code) {
            created = true;
            out.push(FlowLink {
                source: "created".to_owned(),
                target: format!("after:{code}"),
                value: 1.0,
                relation: "created",
            });
        }
    }
    if created {
        nodes.push(FlowNode {
            id: "created".to_owned(),
            code: None,
            label: Name::new("新设", "Newly set up"),
            side: 0,
        });
    }
    if abolished {
        nodes.push(FlowNode {
            id: "abolished".to_owned(),
            code: None,
            label: Name::new("撤销", "Abolished"),
            side: 1,
        });
    }
    Flow {
        kind: R::KIND,
        day_before,
        day,
        before: t.snapshot(day_before).filter(|v| counted(&v.attrs)).count(),
        after: t.snapshot(day).filter(|v| counted(&v.attrs)).count(),
        nodes,
        links: out,
    }
}

trait LabelOn {
    fn label_on(&self, code: &Code, day: NaiveDate, lang: Lang) -> String;
}

impl<R: Record> LabelOn for Timeline<R> {
    fn label_on(&self, code: &Code, day: NaiveDate, lang: Lang) -> String {
        let name = self
            .as_of(code, day)
            .or_else(|| self.versions(code).last())
            .map(|v| v.attrs.display_name(lang))
            .unwrap_or_default();
        format!("{name} {code}")
    }
}
