//! The demo's reforms replayed: the state before them, the reforms planned and
//! applied one after another, and what the result differs by from the stored
//! history. The dataset check and the tests use it to show that the stored
//! institutions, parks and lineage are exactly the reforms' result.

use super::op::Reform;
use super::plan::plan;
use super::refusal::Refusals;
use crate::code::Code;
use crate::counterpart::Counterpart;
use crate::history::{HistoryParts, ZoneHistory};
use crate::institution::Institution;
use crate::park::Park;
use crate::record::{Record, RecordSet};
use crate::version::Version;
use chrono::NaiveDate;
use std::collections::{BTreeMap, BTreeSet};

/// The history restricted to what reforms restructure: institutions, parks, the
/// counterparts parks lie in, lineage and change sets.
pub fn structural(parts: &HistoryParts) -> HistoryParts {
    let mut records = RecordSet::default();
    records.set(parts.records.of::<Institution>().to_vec());
    records.set(parts.records.of::<Park>().to_vec());
    records.set(parts.records.of::<Counterpart>().to_vec());
    HistoryParts {
        records,
        ..parts.clone()
    }
}

/// [`structural`] as it stood before `reforms`: the versions they wrote removed,
/// the ones they ended open again, their lineage and change sets gone.
pub fn before(parts: &HistoryParts, reforms: &[Reform]) -> HistoryParts {
    let ids: BTreeSet<&Code> = reforms.iter().map(|r| &r.id).collect();
    let days: BTreeSet<NaiveDate> = reforms.iter().map(|r| r.effective).collect();
    let mut out = structural(parts);
    out.records
        .set(reopened(parts.records.of::<Institution>(), &ids, &days));
    out.records
        .set(reopened(parts.records.of::<Park>(), &ids, &days));
    out.lineage.retain(|l| !ids.contains(&l.change));
    out.changes.retain(|c| !ids.contains(&c.id));
    out
}

fn reopened<R: Record>(
    versions: &[Version<R>],
    ids: &BTreeSet<&Code>,
    days: &BTreeSet<NaiveDate>,
) -> Vec<Version<R>> {
    let kept: Vec<&Version<R>> = versions
        .iter()
        .filter(|v| !ids.contains(&v.change))
        .collect();
    kept.iter()
        .map(|v| {
            let mut v = (*v).clone();
            if let Some(to) = v.period.to()
                && days.contains(&to)
                && !kept
                    .iter()
                    .any(|o| o.code == v.code && o.period.from() == to)
            {
                v.period = crate::Period::open(v.period.from());
            }
            v
        })
        .collect()
}

/// Plans and applies each reform in turn.
pub fn replay(
    mut history: ZoneHistory,
    reforms: &[Reform],
    actor: &str,
) -> Result<ZoneHistory, (Code, Refusals)> {
    for r in reforms {
        let p = plan(&history, &RecordSet::default(), r, actor).map_err(|e| (r.id.clone(), e))?;
        history = p.apply_to(&history).map_err(|problems| {
            let refusals = problems
                .into_iter()
                .map(|p| super::Refusal {
                    operation: None,
                    kind: None,
                    code: None,
                    message: format!("{:?}.{}: {}", p.at, p.field, p.message),
                })
                .collect();
            (r.id.clone(), Refusals(refusals))
        })?;
    }
    Ok(history)
}

/// Where `got` differs from `expected` in institutions, parks, lineage and the
/// change sets `reforms` wrote (who recorded them aside): empty when equal.
pub fn differences(expected: &ZoneHistory, got: &ZoneHistory, reforms: &[Reform]) -> Vec<String> {
    let mut out = Vec::new();
    compare(
        expected.institutions().all(),
        got.institutions().all(),
        &mut out,
    );
    compare(expected.parks().all(), got.parks().all(), &mut out);
    let key = |l: &&crate::LineageLink| (l.kind, l.predecessor.clone(), l.successor.clone());
    let mut a: Vec<_> = expected.lineage.iter().collect();
    let mut b: Vec<_> = got.lineage.iter().collect();
    a.sort_by_key(key);
    b.sort_by_key(key);
    if a != b {
        let missing = a.iter().filter(|l| !b.contains(l)).count();
        let extra = b.iter().filter(|l| !a.contains(l)).count();
        out.push(format!(
            "lineage: {missing} link(s) missing, {extra} not in the dataset"
        ));
    }
    for r in reforms {
        let same = |x: &crate::ChangeSet, y: &crate::ChangeSet| {
            (x.effective, &x.doc_no, &x.reason, &x.provenance)
                == (y.effective, &y.doc_no, &y.reason, &y.provenance)
        };
        match (expected.change(&r.id), got.change(&r.id)) {
            (Some(x), Some(y)) if same(x, y) => {}
            _ => out.push(format!("change set {}: differs", r.id)),
        }
    }
    out
}

fn compare<'a, R: Record>(
    expected: impl Iterator<Item = &'a Version<R>>,
    got: impl Iterator<Item = &'a Version<R>>,
    out: &mut Vec<String>,
) {
    let index = |it: &mut dyn Iterator<Item = &'a Version<R>>| {
        it.map(|v| ((v.code.clone(), v.period.from()), v))
            .collect::<BTreeMap<_, _>>()
    };
    let (a, b) = (index(&mut { expected }), index(&mut { got }));
    for (k, v) in &a {
        match b.get(k) {
            None => out.push(format!(
                "{} {} from {}: not produced by the reforms",
                R::KIND,
                k.0,
                k.1
            )),
            Some(w) if w != v => out.push(format!(
                "{} {} from {}: the reforms give {} {:?}, the dataset {} {:?}",
                R::KIND,
                k.0,
                k.1,
                w.period,
                w.attrs,
                v.period,
                v.attrs
            )),
            Some(_) => {}
        }
    }
    for k in b.keys().filter(|k| !a.contains_key(k)) {
        out.push(format!(
            "{} {} from {}: produced by the reforms but not in the dataset",
            R::KIND,
            k.0,
            k.1
        ));
    }
}
