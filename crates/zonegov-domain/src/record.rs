//! The generic effective-dated record. Every kind (parks, institutions, counterpart
//! bodies, and the kinds to come) implements [`Record`]; timelines, history checks,
//! diffs, the store's rows and the dataset's tables work on any `Record`, so a new
//! kind is its own file plus one line in [`crate::kinds`].
//!
//! Heterogeneous kinds live side by side in [`RecordSet`] (raw versions, in input
//! order) and [`TimelineSet`] (checked timelines), keyed by [`EntityKind`]; the
//! object-safe [`AnyVersions`] and [`AnyTimeline`] are what the generic code calls.

use crate::auth::RecordPerms;
use crate::code::Code;
use crate::diff::{KindDiff, diff_timeline};
use crate::lang::{Lang, Name};
use crate::period::Period;
use crate::provenance::{Provenance, Source};
use crate::timeline::Timeline;
use crate::version::{EntityKind, Version};
use chrono::NaiveDate;
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::any::Any;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;

/// Which data-scope set filters a kind (see [`crate::auth::Visible`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScopeAxis {
    Institutions,
    Parks,
}

/// A reference from one record to another, which must exist on every day of the
/// referring version.
#[derive(Debug, Clone, Copy)]
pub struct Reference<'a> {
    pub field: &'static str,
    pub kind: EntityKind,
    pub code: &'a Code,
}

/// Sets `slot` to `to` when it holds `from`: the building block of
/// [`Record::repoint`]. Returns whether it changed.
pub fn repoint_slot(slot: &mut Code, from: &Code, to: &Code) -> bool {
    if slot == from {
        *slot = to.clone();
        true
    } else {
        false
    }
}

/// [`repoint_slot`] over a list; the field once when any changed. A list that
/// already holds `to` keeps it once.
pub fn repoint_list(list: &mut Vec<Code>, from: &Code, to: &Code) -> bool {
    if !list.contains(from) {
        return false;
    }
    let mut out: Vec<Code> = Vec::with_capacity(list.len());
    for c in list.drain(..) {
        let c = if &c == from { to.clone() } else { c };
        if !out.contains(&c) {
            out.push(c);
        }
    }
    *list = out;
    true
}

/// What a record-level rule may consult besides the record itself.
pub struct CheckContext<'a> {
    pub categories: &'a BTreeSet<&'a Code>,
}

/// A problem a rule found: the field and what is wrong with it.
pub type FieldProblem = (&'static str, String);

/// One version of a record, named by its code and start (unique within a kind once
/// the timeline is built).
pub type VersionKey = (Code, NaiveDate);

/// Where each version of a kind stood in the input, to point problems at its row.
pub type InputIndex = HashMap<VersionKey, usize>;

pub trait Record:
    Clone + fmt::Debug + PartialEq + Serialize + DeserializeOwned + Send + Sync + 'static
{
    const KIND: EntityKind;
    /// URL segment, dataset table name and API path: `parks`.
    const PLURAL: &'static str;
    const LABEL_ZH: &'static str;
    const LABEL_EN: &'static str;
    /// Which data-scope set filters this kind; `None`: whoever may list it sees all.
    const SCOPE: Option<ScopeAxis> = None;
    /// Who may list, view and export records of this kind.
    const PERMS: RecordPerms;
    /// Whether the kind is held in the in-memory [`crate::ZoneHistory`]. A kind
    /// with national-scale volume (the power list) is not: it is read from the
    /// store by query, and counted there (see [`Record::facet`]).
    const RESIDENT: bool = true;

    fn name(&self) -> &Name;

    /// The name as written in lists ("发展改革局(统计局)" for a body with a plate).
    fn display_name(&self, lang: Lang) -> String {
        self.name().get(lang).to_owned()
    }

    fn provenance(&self) -> &Provenance;

    fn references(&self) -> Vec<Reference<'_>> {
        Vec::new()
    }

    /// Every code a reform must carry over to a successor: the references, and
    /// links that are deliberately not references (a boundary step's named
    /// parties, which may outlive their body until the list is adjusted).
    fn dependencies(&self) -> Vec<Reference<'_>> {
        self.references()
    }

    /// Points every dependency on `kind` `from` at `to` instead, returning the
    /// fields changed. `None`: the kind cannot re-point, and a reform flags its
    /// records into the work queue rather than leave them behind silently. Every
    /// kind that declares [`Record::dependencies`] should implement it.
    fn repoint(
        &mut self,
        _kind: EntityKind,
        _from: &Code,
        _to: &Code,
    ) -> Option<Vec<&'static str>> {
        None
    }

    /// The record this one lives and dies with (a body's 三定 is the body's own):
    /// a reform that ends that record ends this one on the same day, and flags it
    /// so its successor's decision is taken, instead of re-pointing it or refusing.
    fn bound_to(&self) -> Option<(EntityKind, &Code)> {
        None
    }

    /// The record whose data scope this one falls under, when not itself (a power
    /// item falls under its implementing body). The store keeps it in a column, so
    /// scoped reads and counts per owner are SQL.
    fn owner(&self) -> Option<&Code> {
        None
    }

    /// The key a report breaks this kind down by (a power item's type), kept in a
    /// column so counts need no decoding.
    fn facet(&self) -> Option<&str> {
        None
    }

    /// How many sub-records this record carries (a power item's responsibility
    /// items), kept in a column so the report sums it in SQL.
    fn weight(&self) -> u32 {
        0
    }

    /// The text full-text search indexes, by field weight; `None` (the default):
    /// the kind is not searched by text (see [`crate::search`]).
    fn search_text(&self) -> Option<crate::search::SearchText> {
        None
    }

    /// Rules on one version beyond its references.
    fn check(&self, _ctx: &CheckContext) -> Vec<FieldProblem> {
        Vec::new()
    }

    /// Rules across all versions of the kind (a parent cycle, say): which version
    /// (code and start) and the problem.
    fn check_all(_t: &Timeline<Self>) -> Vec<(VersionKey, FieldProblem)> {
        Vec::new()
    }

    /// Rules that read other kinds' timelines on the same days (a body's staff
    /// against the quota its institution record holds; the quota pool never overdrawn
    /// by its loans), beyond references: `all` holds every kind's timeline.
    fn check_across(_t: &Timeline<Self>, _all: &TimelineSet) -> Vec<(VersionKey, FieldProblem)> {
        Vec::new()
    }

    /// This record with its personal data masked, for views that show every field
    /// generically (the diff, history); `None`: the kind holds no personal data.
    fn masked(&self) -> Option<Self> {
        None
    }
}

impl<T: Record> Version<T> {
    /// This version as a generic view shows it: [`Record::masked`] applied.
    pub fn masked(self) -> Self {
        match self.attrs.masked() {
            Some(attrs) => Version { attrs, ..self },
            None => self,
        }
    }
}

/// A version as the store keeps it: attributes as JSON, the Chinese name promoted
/// to a column for search and ordering.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredVersion {
    pub code: Code,
    pub period: Period,
    pub change: Code,
    pub name_zh: String,
    /// [`Record::owner`], [`Record::facet`] and [`Record::weight`], as columns.
    pub owner: Option<Code>,
    pub facet: Option<String>,
    pub weight: u32,
    pub attrs: serde_json::Value,
}

/// Records of one owner and facet valid on a day, counted by the store: how a
/// non-resident kind is counted without being read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tally {
    pub owner: Option<Code>,
    pub facet: Option<String>,
    pub count: u64,
    /// Sum of [`Record::weight`].
    pub weight: u64,
    /// How many of them are marked illustrative.
    pub illustrative: u64,
}

/// One problem found while building the timelines: which version, which field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VersionProblem {
    pub index: usize,
    pub field: &'static str,
    pub message: String,
}

/// The versions of one kind, whatever the kind.
pub trait AnyVersions: Send + Sync + fmt::Debug {
    fn kind(&self) -> EntityKind;
    fn len(&self) -> usize;
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
    fn clone_box(&self) -> Box<dyn AnyVersions>;
    fn as_any(&self) -> &dyn Any;
    fn as_any_mut(&mut self) -> &mut dyn Any;
    /// Appends `other`'s versions (of the same kind; others are ignored).
    fn append_from(&mut self, other: &dyn AnyVersions);
    fn to_stored(&self) -> Result<Vec<StoredVersion>, serde_json::Error> {
        self.to_stored_range(0..self.len())
    }
    /// [`AnyVersions::to_stored`] of the versions in `range` only (clamped): a bulk
    /// write encodes a long list chunk by chunk instead of all of it at once.
    fn to_stored_range(
        &self,
        range: std::ops::Range<usize>,
    ) -> Result<Vec<StoredVersion>, serde_json::Error>;
    /// Each version's [`Record::search_text`], in the order of [`AnyVersions::to_stored`].
    fn search_texts(&self) -> Vec<Option<crate::search::SearchText>> {
        self.search_texts_range(0..self.len())
    }
    /// [`AnyVersions::search_texts`] of the versions in `range` only (clamped).
    fn search_texts_range(
        &self,
        range: std::ops::Range<usize>,
    ) -> Vec<Option<crate::search::SearchText>>;
    /// Appends a version whose attributes are JSON text, decoded straight into the
    /// kind's type (no intermediate JSON tree: reading a whole history stays small).
    fn push_json(
        &mut self,
        code: Code,
        period: Period,
        change: Code,
        attrs: &str,
    ) -> Result<(), serde_json::Error>;
    /// The change set of each version, in order.
    fn changes(&self) -> Vec<&Code>;
    /// Re-points the versions that depend on what a reform ends (see
    /// [`crate::reform::follow`]).
    fn follow(&self, rules: &crate::reform::Rules, out: &mut crate::reform::Followed);
    /// Keeps only the versions whose code `keep` accepts.
    fn retain_codes(&mut self, keep: &dyn Fn(&Code) -> bool);
    /// Ends the version of `code` starting on `from` on `to` instead; whether one was.
    fn end_at(&mut self, code: &Code, from: NaiveDate, to: NaiveDate) -> bool;
    /// Moves the versions into their timeline, noting overlaps, and returns where
    /// each one stood in the input (moved, not copied: a history is held once).
    fn into_timeline(
        self: Box<Self>,
        problems: &mut Vec<VersionProblem>,
    ) -> (Box<dyn AnyTimeline>, InputIndex);
}

/// `items[range]`, the range cut to the slice (never a panic).
fn clamp<T>(items: &[T], range: std::ops::Range<usize>) -> &[T] {
    let end = range.end.min(items.len());
    items.get(range.start.min(end)..end).unwrap_or(&[])
}

impl<R: Record> AnyVersions for Vec<Version<R>> {
    fn kind(&self) -> EntityKind {
        R::KIND
    }
    fn len(&self) -> usize {
        Vec::len(self)
    }
    fn clone_box(&self) -> Box<dyn AnyVersions> {
        Box::new(self.clone())
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn as_any_mut(&mut self) -> &mut dyn Any {
        self
    }
    fn append_from(&mut self, other: &dyn AnyVersions) {
        if let Some(o) = other.as_any().downcast_ref::<Vec<Version<R>>>() {
            self.extend(o.iter().cloned());
        }
    }
    fn to_stored_range(
        &self,
        range: std::ops::Range<usize>,
    ) -> Result<Vec<StoredVersion>, serde_json::Error> {
        clamp(self, range)
            .iter()
            .map(|v| {
                Ok(StoredVersion {
                    code: v.code.clone(),
                    period: v.period,
                    change: v.change.clone(),
                    name_zh: v.attrs.name().zh.clone(),
                    owner: v.attrs.owner().cloned(),
                    facet: v.attrs.facet().map(str::to_owned),
                    weight: v.attrs.weight(),
                    attrs: serde_json::to_value(&v.attrs)?,
                })
            })
            .collect()
    }
    fn search_texts_range(
        &self,
        range: std::ops::Range<usize>,
    ) -> Vec<Option<crate::search::SearchText>> {
        clamp(self, range)
            .iter()
            .map(|v| v.attrs.search_text())
            .collect()
    }
    fn push_json(
        &mut self,
        code: Code,
        period: Period,
        change: Code,
        attrs: &str,
    ) -> Result<(), serde_json::Error> {
        self.push(Version {
            code,
            period,
            change,
            attrs: serde_json::from_str(attrs)?,
        });
        Ok(())
    }
    fn changes(&self) -> Vec<&Code> {
        self.iter().map(|v| &v.change).collect()
    }
    fn follow(&self, rules: &crate::reform::Rules, out: &mut crate::reform::Followed) {
        crate::reform::follow_versions(self.iter(), rules, out);
    }
    fn retain_codes(&mut self, keep: &dyn Fn(&Code) -> bool) {
        self.retain(|v| keep(&v.code));
    }
    fn end_at(&mut self, code: &Code, from: NaiveDate, to: NaiveDate) -> bool {
        let Some(v) = self
            .iter_mut()
            .find(|v| &v.code == code && v.period.from() == from)
        else {
            return false;
        };
        match Period::new(from, Some(to)) {
            Ok(p) => {
                v.period = p;
                true
            }
            Err(_) => false,
        }
    }
    fn into_timeline(
        self: Box<Self>,
        problems: &mut Vec<VersionProblem>,
    ) -> (Box<dyn AnyTimeline>, InputIndex) {
        let mut t = Timeline::<R>::default();
        let mut index = InputIndex::with_capacity(self.len());
        for (i, v) in (*self).into_iter().enumerate() {
            let key = (v.code.clone(), v.period.from());
            match t.insert(v) {
                Ok(()) => {
                    index.insert(key, i);
                }
                Err(e) => problems.push(VersionProblem {
                    index: i,
                    field: "valid_from",
                    message: e.to_string(),
                }),
            }
        }
        (Box::new(t), index)
    }
}

/// The checked timeline of one kind, whatever the kind.
pub trait AnyTimeline: Send + Sync + fmt::Debug {
    fn kind(&self) -> EntityKind;
    fn as_any(&self) -> &dyn Any;
    fn clone_box(&self) -> Box<dyn AnyTimeline>;
    fn contains(&self, code: &Code) -> bool;
    fn covers(&self, code: &Code, period: &Period) -> bool;
    fn exists_on(&self, code: &Code, day: NaiveDate) -> bool;
    fn len(&self) -> usize;
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
    fn boundaries(&self) -> Vec<NaiveDate>;
    /// The display name on `day`, else the last one it had.
    fn label(&self, code: &Code, day: NaiveDate, lang: Lang) -> Option<String>;
    fn diff(&self, from: NaiveDate, to: NaiveDate) -> KindDiff;
    /// How many versions change set `change` wrote.
    fn written_by(&self, change: &Code) -> usize;
    /// Records valid on `day` marked illustrative.
    fn illustrative_on(&self, day: NaiveDate) -> usize;
    /// Every version of `code`, serialised (for generic history views).
    fn versions_json(&self, code: &Code) -> Vec<serde_json::Value>;
    /// The same timeline with only the records `keep` accepts.
    fn filtered(&self, keep: &dyn Fn(&Code) -> bool) -> Box<dyn AnyTimeline>;
    /// The change sets that wrote any version here.
    fn change_ids(&self) -> BTreeSet<Code>;
    /// Every version, as the raw list a history is built from.
    fn to_versions(&self) -> Box<dyn AnyVersions>;
    /// The start and change set of the version of `code` valid on `day`.
    fn current(&self, code: &Code, day: NaiveDate) -> Option<(NaiveDate, Code)>;
    /// See [`AnyVersions::follow`].
    fn follow(&self, rules: &crate::reform::Rules, out: &mut crate::reform::Followed);
    /// Checks references against every kind's timeline, and the kind's own rules;
    /// problems point at the input rows through `index`.
    fn check(
        &self,
        timelines: &TimelineSet,
        ctx: &CheckContext,
        index: &InputIndex,
        problems: &mut Vec<VersionProblem>,
    );
}

impl<R: Record> AnyTimeline for Timeline<R> {
    fn kind(&self) -> EntityKind {
        R::KIND
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn clone_box(&self) -> Box<dyn AnyTimeline> {
        Box::new(self.clone())
    }
    fn contains(&self, code: &Code) -> bool {
        Timeline::contains(self, code)
    }
    fn covers(&self, code: &Code, period: &Period) -> bool {
        Timeline::covers(self, code, period)
    }
    fn exists_on(&self, code: &Code, day: NaiveDate) -> bool {
        self.as_of(code, day).is_some()
    }
    fn len(&self) -> usize {
        Timeline::len(self)
    }
    fn boundaries(&self) -> Vec<NaiveDate> {
        Timeline::boundaries(self)
    }
    fn label(&self, code: &Code, day: NaiveDate, lang: Lang) -> Option<String> {
        self.as_of(code, day)
            .or_else(|| self.versions(code).last())
            .map(|v| v.attrs.display_name(lang))
    }
    fn diff(&self, from: NaiveDate, to: NaiveDate) -> KindDiff {
        diff_timeline(self, from, to)
    }
    fn written_by(&self, change: &Code) -> usize {
        self.all().filter(|v| &v.change == change).count()
    }
    fn illustrative_on(&self, day: NaiveDate) -> usize {
        self.snapshot(day)
            .filter(|v| v.attrs.provenance().source == Source::Illustrative)
            .count()
    }
    fn versions_json(&self, code: &Code) -> Vec<serde_json::Value> {
        self.versions(code)
            .iter()
            .filter_map(|v| serde_json::to_value(v.clone().masked()).ok())
            .collect()
    }
    fn filtered(&self, keep: &dyn Fn(&Code) -> bool) -> Box<dyn AnyTimeline> {
        let kept = self.all().filter(|v| keep(&v.code)).cloned();
        // The versions come from a valid timeline, so they cannot overlap.
        Box::new(Timeline::build(kept).unwrap_or_default())
    }
    fn change_ids(&self) -> BTreeSet<Code> {
        self.all().map(|v| v.change.clone()).collect()
    }
    fn current(&self, code: &Code, day: NaiveDate) -> Option<(NaiveDate, Code)> {
        self.as_of(code, day)
            .map(|v| (v.period.from(), v.change.clone()))
    }
    fn to_versions(&self) -> Box<dyn AnyVersions> {
        Box::new(self.all().cloned().collect::<Vec<Version<R>>>())
    }
    fn follow(&self, rules: &crate::reform::Rules, out: &mut crate::reform::Followed) {
        crate::reform::follow_versions(self.all(), rules, out);
    }
    fn check(
        &self,
        timelines: &TimelineSet,
        ctx: &CheckContext,
        index: &InputIndex,
        problems: &mut Vec<VersionProblem>,
    ) {
        let at =
            |code: &Code, from: NaiveDate| index.get(&(code.clone(), from)).copied().unwrap_or(0);
        for v in self.all() {
            let i = at(&v.code, v.period.from());
            for r in v.attrs.references() {
                // A kind not held in memory (the enterprise register) is absent from a
                // history read from the store; there a reference to it is checked by
                // the use case that writes it, against the store.
                if crate::kinds::spec(r.kind).is_some_and(|s| !s.resident)
                    && timelines.get_dyn(r.kind).is_none_or(|t| t.is_empty())
                {
                    continue;
                }
                let message = match timelines.get_dyn(r.kind) {
                    _ if r.kind == R::KIND && r.code == &v.code => {
                        Some(format!("{} is its own {}", v.code, r.field))
                    }
                    Some(t) if !t.contains(r.code) => {
                        Some(format!("unknown {} {}", r.kind, r.code))
                    }
                    Some(t) if !t.covers(r.code, &v.period) => Some(format!(
                        "{} {} does not exist throughout {}",
                        r.kind, r.code, v.period
                    )),
                    Some(_) => None,
                    None => Some(format!("unknown {} {}", r.kind, r.code)),
                };
                if let Some(message) = message {
                    problems.push(VersionProblem {
                        index: i,
                        field: r.field,
                        message,
                    });
                }
            }
            for (field, message) in v.attrs.check(ctx) {
                problems.push(VersionProblem {
                    index: i,
                    field,
                    message,
                });
            }
        }
        for ((code, from), (field, message)) in R::check_all(self)
            .into_iter()
            .chain(R::check_across(self, timelines))
        {
            problems.push(VersionProblem {
                index: at(&code, from),
                field,
                message,
            });
        }
    }
}

/// Versions of every kind, in input order, keyed by kind.
#[derive(Debug, Default)]
pub struct RecordSet(BTreeMap<EntityKind, Box<dyn AnyVersions>>);

impl Clone for RecordSet {
    fn clone(&self) -> Self {
        Self(self.0.iter().map(|(k, v)| (*k, v.clone_box())).collect())
    }
}

impl RecordSet {
    /// The versions of kind `R` (empty when there are none).
    pub fn of<R: Record>(&self) -> &[Version<R>] {
        self.0
            .get(&R::KIND)
            .and_then(|v| v.as_any().downcast_ref::<Vec<Version<R>>>())
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    /// The versions of kind `R`, to change in place (created empty when absent).
    pub fn of_mut<R: Record>(&mut self) -> &mut Vec<Version<R>> {
        let entry = self
            .0
            .entry(R::KIND)
            .or_insert_with(|| Box::new(Vec::<Version<R>>::new()));
        if entry.as_any().downcast_ref::<Vec<Version<R>>>().is_none() {
            // Only a list of `R` is ever stored under `R::KIND`; replace anything else.
            *entry = Box::new(Vec::<Version<R>>::new());
        }
        match entry.as_any_mut().downcast_mut::<Vec<Version<R>>>() {
            Some(list) => list,
            None => unreachable!("the entry was just made a Vec<Version<R>>"),
        }
    }

    pub fn set<R: Record>(&mut self, versions: Vec<Version<R>>) {
        self.0.insert(R::KIND, Box::new(versions));
    }

    pub fn push<R: Record>(&mut self, v: Version<R>) {
        let entry = self
            .0
            .entry(R::KIND)
            .or_insert_with(|| Box::new(Vec::<Version<R>>::new()));
        if let Some(list) = entry.as_any_mut().downcast_mut::<Vec<Version<R>>>() {
            list.push(v);
        }
    }

    pub fn get(&self, kind: EntityKind) -> Option<&dyn AnyVersions> {
        self.0.get(&kind).map(|b| b.as_ref())
    }

    /// The versions of `kind`, created empty (from the registry) when absent.
    pub fn get_or_insert(&mut self, kind: EntityKind) -> Option<&mut (dyn AnyVersions + 'static)> {
        let spec = crate::kinds::spec(kind)?;
        Some(
            self.0
                .entry(kind)
                .or_insert_with(|| (spec.empty)())
                .as_mut(),
        )
    }

    /// Appends every kind of `other` after this set's versions.
    pub fn append(&mut self, other: &RecordSet) {
        for (kind, versions) in &other.0 {
            if let Some(mine) = self.get_or_insert(*kind) {
                mine.append_from(versions.as_ref());
            }
        }
    }

    /// Every kind's versions, taken out of the set.
    pub fn into_kinds(self) -> impl Iterator<Item = (EntityKind, Box<dyn AnyVersions>)> {
        self.0.into_iter()
    }

    pub fn iter(&self) -> impl Iterator<Item = (EntityKind, &dyn AnyVersions)> {
        self.0.iter().map(|(k, v)| (*k, v.as_ref()))
    }

    /// Versions of all kinds together.
    pub fn len(&self) -> usize {
        self.0.values().map(|v| v.len()).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// How many versions of `kind` there are (0 when none).
    pub fn count(&self, kind: EntityKind) -> usize {
        self.get(kind).map_or(0, |v| v.len())
    }
}

/// The checked timeline of every registered kind, keyed by kind.
#[derive(Debug, Default)]
pub struct TimelineSet(BTreeMap<EntityKind, Box<dyn AnyTimeline>>);

impl Clone for TimelineSet {
    fn clone(&self) -> Self {
        Self(self.0.iter().map(|(k, v)| (*k, v.clone_box())).collect())
    }
}

impl TimelineSet {
    pub fn insert(&mut self, t: Box<dyn AnyTimeline>) {
        self.0.insert(t.kind(), t);
    }

    pub fn get<R: Record>(&self) -> Option<&Timeline<R>> {
        self.0
            .get(&R::KIND)
            .and_then(|t| t.as_any().downcast_ref::<Timeline<R>>())
    }

    pub fn get_dyn(&self, kind: EntityKind) -> Option<&dyn AnyTimeline> {
        self.0.get(&kind).map(|b| b.as_ref())
    }

    pub fn iter(&self) -> impl Iterator<Item = &dyn AnyTimeline> {
        self.0.values().map(|b| b.as_ref())
    }

    /// Each timeline filtered by `keep(kind, code)`.
    pub fn filtered(&self, keep: &dyn Fn(EntityKind, &Code) -> bool) -> TimelineSet {
        TimelineSet(
            self.0
                .iter()
                .map(|(k, t)| (*k, t.filtered(&|c: &Code| keep(*k, c))))
                .collect(),
        )
    }
}
