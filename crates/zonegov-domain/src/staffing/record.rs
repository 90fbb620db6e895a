//! The `Staffing` record kind. Its code is the body's institution code: one 三定 per
//! body at a time, the URL `/staffing/N04` names the body, a data scope over
//! institutions applies to it unchanged, and a rename (which keeps the body's code)
//! keeps its 三定. A merged or split body gets a new code and so a new 三定, as it
//! gets a new 三定 decision in practice.

use super::parts::{Function, LeadRank, Occupant};
use crate::auth::{Perm, RecordPerms};
use crate::code::Code;
use crate::institution::{Institution, QuotaType};
use crate::lang::Name;
use crate::provenance::Provenance;
use crate::record::{
    CheckContext, FieldProblem, Record, Reference, ScopeAxis, TimelineSet, VersionKey,
};
use crate::timeline::Timeline;
use crate::version::EntityKind;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Staffing {
    /// The 三定 document's title (`发展改革局主要职责、内设机构和人员编制规定`).
    pub name: Name,
    /// The body, always the record's own code (checked): kept in the attributes so
    /// the reference is declared like any other.
    pub institution: Code,
    pub functions: Vec<Function>,
    /// 内设科室, by name.
    #[serde(default)]
    pub units: Vec<String>,
    /// 领导职数 per rank.
    #[serde(default)]
    pub posts: BTreeMap<LeadRank, u32>,
    #[serde(default)]
    pub occupancy: Vec<Occupant>,
    pub provenance: Provenance,
}

impl Staffing {
    /// People per quota type.
    pub fn occupied(&self) -> BTreeMap<QuotaType, u32> {
        let mut out = BTreeMap::new();
        for o in &self.occupancy {
            *out.entry(o.quota).or_insert(0) += 1;
        }
        out
    }

    /// People holding each leadership rank.
    pub fn posts_held(&self) -> BTreeMap<LeadRank, u32> {
        let mut out = BTreeMap::new();
        for rank in self.occupancy.iter().filter_map(|o| o.post) {
            *out.entry(rank).or_insert(0) += 1;
        }
        out
    }

    fn problems(&self) -> Vec<FieldProblem> {
        let mut out = Vec::new();
        for f in &self.functions {
            if f.text.trim().is_empty() {
                out.push((
                    "functions",
                    "职能内容为空 / a function needs its text".to_owned(),
                ));
            }
        }
        let mut seen = BTreeSet::new();
        for u in &self.units {
            if u.trim().is_empty() || !seen.insert(u.as_str()) {
                out.push((
                    "units",
                    format!("内设机构 \"{u}\" 为空或重复 / unit empty or listed twice"),
                ));
            }
        }
        let held = self.posts_held();
        for (rank, n) in &held {
            let allowed = self.posts.get(rank).copied().unwrap_or(0);
            if *n > allowed {
                out.push((
                    "posts",
                    format!(
                        "超职数 / over the leadership posts: {n} {} held, {allowed} allowed",
                        rank.label(crate::Lang::Zh)
                    ),
                ));
            }
        }
        for (i, o) in self.occupancy.iter().enumerate() {
            if let Some(unit) = &o.unit
                && !seen.contains(unit.as_str())
            {
                out.push((
                    "occupancy",
                    format!("第{}人的内设机构 \"{unit}\" 不在 units 中 / entry {} names unit \"{unit}\", not one of units", i + 1, i + 1),
                ));
            }
        }
        out
    }

    /// This record with every person's name masked.
    pub fn with_names_masked(&self) -> Self {
        let mut out = self.clone();
        for o in &mut out.occupancy {
            if let Ok(p) = super::parts::PersonName::parse(o.person.masked().as_str()) {
                o.person = p;
            }
        }
        out
    }
}

impl Record for Staffing {
    const KIND: EntityKind = EntityKind::new("staffing");
    const PLURAL: &'static str = "staffing";
    const LABEL_ZH: &'static str = "三定";
    const LABEL_EN: &'static str = "Staffing (三定)";
    const SCOPE: Option<ScopeAxis> = Some(ScopeAxis::Institutions);
    const PERMS: RecordPerms = RecordPerms {
        list: Perm::new("org:staffing:list"),
        view: Perm::new("org:staffing:view"),
        export: Perm::new("org:staffing:export"),
    };

    fn name(&self) -> &Name {
        &self.name
    }

    fn provenance(&self) -> &Provenance {
        &self.provenance
    }

    /// The body must exist on every day of the version; a reform following lineage
    /// finds the 三定 through this reference.
    fn references(&self) -> Vec<Reference<'_>> {
        vec![Reference {
            field: "institution",
            kind: Institution::KIND,
            code: &self.institution,
        }]
    }

    /// A 三定 is its body's: it ends when a reform ends the body, and the
    /// successor gets a 三定 decision of its own (people and functions are flagged
    /// for it, never carried over by a rule).
    fn bound_to(&self) -> Option<(EntityKind, &Code)> {
        Some((Institution::KIND, &self.institution))
    }

    fn weight(&self) -> u32 {
        u32::try_from(self.occupancy.len()).unwrap_or(u32::MAX)
    }

    fn check(&self, _ctx: &CheckContext) -> Vec<FieldProblem> {
        self.problems()
    }

    fn check_all(t: &Timeline<Self>) -> Vec<(VersionKey, FieldProblem)> {
        t.all()
            .filter(|v| v.code != v.attrs.institution)
            .map(|v| {
                (
                    (v.code.clone(), v.period.from()),
                    (
                        "code",
                        format!(
                            "三定 code {} must be its body's code {}",
                            v.code, v.attrs.institution
                        ),
                    ),
                )
            })
            .collect()
    }

    /// 超编 is refused: on every day of a version, the people of each quota type fit
    /// the quota the body's institution record holds that day. A quota cut below
    /// the staff in post must come with the staff moved, in the same change.
    fn check_across(t: &Timeline<Self>, all: &TimelineSet) -> Vec<(VersionKey, FieldProblem)> {
        let Some(bodies) = all.get::<Institution>() else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for v in t.all() {
            let occupied = v.attrs.occupied();
            for b in bodies
                .versions(&v.attrs.institution)
                .iter()
                .filter(|b| b.period.overlaps(&v.period))
            {
                let day = b.period.from().max(v.period.from());
                for (ty, n) in &occupied {
                    let quota = b.attrs.quotas.get(ty).copied().unwrap_or(0);
                    if *n > quota {
                        out.push((
                            (v.code.clone(), v.period.from()),
                            (
                                "occupancy",
                                format!(
                                    "超编 / over quota from {day}: {} {n} in post, {quota} in {}'s quota",
                                    ty.label(crate::Lang::Zh),
                                    b.code
                                ),
                            ),
                        ));
                    }
                }
            }
        }
        out
    }

    fn masked(&self) -> Option<Self> {
        Some(self.with_names_masked())
    }
}
