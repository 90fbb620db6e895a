//! The zone's safety mapping as effective-dated records of the generic path, so a
//! reassignment by the safety committee (安委会) is a new version with its change set,
//! and the rules in force on any day can be rebuilt:
//!
//! - `safety_grid`: one grid (网格), its level, parent, person in charge, and the parks
//!   and streets it covers (the place → grid mapping lives on the grid: a grid is
//!   where a territory is assigned);
//! - `safety_rule`: one row of the sector (industry code prefix), specialist (hazard
//!   flag) or comprehensive mapping, naming the body and the document it rests on.
//!
//! [`build_rules`] turns the versions valid on a day into [`SafetyRules`]: two rows on
//! one key stay two rows (the audit reports the overlap).

use super::{Grid, GridLevel, Party, Place, RulesError, SafetyRules};
use crate::auth::{Perm, RecordPerms};
use crate::code::Code;
use crate::enterprise::{HazardFlag, IndustryCode};
use crate::lang::{Lang, Name};
use crate::provenance::Provenance;
use crate::record::{CheckContext, FieldProblem, Record, Reference, repoint_list, repoint_slot};
use crate::version::EntityKind;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SafetyGrid {
    pub name: Name,
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub level: GridLevel,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<Code>,
    /// 网格长: personal data, masked on public pages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub person_in_charge: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parks: Vec<Code>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub streets: Vec<Code>,
    /// The document assigning the territory (依据).
    pub basis: String,
    pub provenance: Provenance,
}

impl Record for SafetyGrid {
    const KIND: EntityKind = EntityKind::new("safety_grid");
    const PLURAL: &'static str = "safety-grids";
    const LABEL_ZH: &'static str = "安全生产网格";
    const LABEL_EN: &'static str = "Safety grids";
    const PERMS: RecordPerms = RecordPerms {
        list: Perm::new("safety:grid:list"),
        view: Perm::new("safety:grid:view"),
        export: Perm::new("safety:grid:export"),
    };

    fn name(&self) -> &Name {
        &self.name
    }

    fn provenance(&self) -> &Provenance {
        &self.provenance
    }

    fn repoint(&mut self, kind: EntityKind, from: &Code, to: &Code) -> Option<Vec<&'static str>> {
        let mut out = Vec::new();
        if kind == Self::KIND
            && let Some(p) = self.parent.as_mut()
            && repoint_slot(p, from, to)
        {
            out.push("parent");
        }
        if kind == crate::Park::KIND && repoint_list(&mut self.parks, from, to) {
            out.push("parks");
        }
        if kind == crate::Counterpart::KIND && repoint_list(&mut self.streets, from, to) {
            out.push("streets");
        }
        Some(out)
    }

    fn references(&self) -> Vec<Reference<'_>> {
        let parent = self.parent.iter().map(|code| Reference {
            field: "parent",
            kind: Self::KIND,
            code,
        });
        let parks = self.parks.iter().map(|code| Reference {
            field: "parks",
            kind: crate::Park::KIND,
            code,
        });
        let streets = self.streets.iter().map(|code| Reference {
            field: "streets",
            kind: crate::Counterpart::KIND,
            code,
        });
        parent.chain(parks).chain(streets).collect()
    }
}

/// Which kind of body a rule names (the codes of both live in different tables).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum BodyKind {
    /// One of the zone's institutions (N11 …).
    Institution,
    /// A counterpart body (a municipal department, MD06 …).
    Counterpart,
}

impl BodyKind {
    pub fn parse(s: &str) -> Result<Self, String> {
        match s.trim() {
            "institution" | "机构" | "区内机构" => Ok(Self::Institution),
            "counterpart" | "对口单位" | "市直部门" => Ok(Self::Counterpart),
            other => Err(format!(
                "主体类别“{other}”须为 institution/counterpart / body kind \"{other}\" must be institution or counterpart"
            )),
        }
    }

    pub fn kind(self) -> EntityKind {
        match self {
            Self::Institution => crate::Institution::KIND,
            Self::Counterpart => crate::Counterpart::KIND,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SafetyRule {
    pub name: Name,
    /// Sector, specialist or comprehensive (territory is given by grids).
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub party: Party,
    /// The industry code prefix a sector rule covers (any GB/T 4754 level).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub industry: Option<IndustryCode>,
    /// The hazard flag a specialist rule covers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hazard: Option<HazardFlag>,
    pub body: Code,
    pub body_kind: BodyKind,
    /// The document the assignment rests on (依据).
    pub basis: String,
    pub provenance: Provenance,
}

impl SafetyRule {
    /// The key the rule is for, as a page shows it.
    pub fn key_label(&self, lang: Lang) -> String {
        match (self.party, self.industry, self.hazard) {
            (Party::Sector, Some(i), _) => format!("{} {}", i.with_section(), i.name_zh()),
            (Party::Specialist, _, Some(h)) => h.label(lang).to_owned(),
            _ => String::new(),
        }
    }
}

impl Record for SafetyRule {
    const KIND: EntityKind = EntityKind::new("safety_rule");
    const PLURAL: &'static str = "safety-rules";
    const LABEL_ZH: &'static str = "安全生产责任映射";
    const LABEL_EN: &'static str = "Safety responsibility mapping";
    const PERMS: RecordPerms = RecordPerms {
        list: Perm::new("safety:rule:list"),
        view: Perm::new("safety:rule:view"),
        export: Perm::new("safety:rule:export"),
    };

    fn name(&self) -> &Name {
        &self.name
    }

    fn provenance(&self) -> &Provenance {
        &self.provenance
    }

    fn repoint(&mut self, kind: EntityKind, from: &Code, to: &Code) -> Option<Vec<&'static str>> {
        let moved = kind == self.body_kind.kind() && repoint_slot(&mut self.body, from, to);
        Some(if moved { vec!["body"] } else { Vec::new() })
    }

    fn references(&self) -> Vec<Reference<'_>> {
        vec![Reference {
            field: "body",
            kind: self.body_kind.kind(),
            code: &self.body,
        }]
    }

    /// Each party has exactly the key it needs.
    fn check(&self, _ctx: &CheckContext) -> Vec<FieldProblem> {
        let problem = match (self.party, self.industry.is_some(), self.hazard.is_some()) {
            (Party::Sector, true, false)
            | (Party::Specialist, false, true)
            | (Party::Comprehensive, false, false) => return Vec::new(),
            (Party::Territorial, _, _) => (
                "party",
                "属地监管由网格表给出，不在规则表中 / territory is given by the grids table, not by rules".to_owned(),
            ),
            (Party::Sector, _, _) => (
                "industry",
                "行业管理规则须有且仅有行业代码 / a sector rule needs an industry code and no hazard".to_owned(),
            ),
            (Party::Specialist, _, _) => (
                "hazard",
                "专业监管规则须有且仅有重点监管领域 / a specialist rule needs a hazard flag and no industry".to_owned(),
            ),
            (Party::Comprehensive, _, _) => (
                "party",
                "综合监管规则不带行业代码或领域 / a comprehensive rule has no industry or hazard".to_owned(),
            ),
        };
        vec![problem]
    }
}

/// Why the versions valid on a day do not make one mapping.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MappingError {
    #[error(transparent)]
    Rules(#[from] RulesError),
    #[error(
        "综合监管有多个主体（{0}），须只有一个 / several comprehensive bodies ({0}): there must be one"
    )]
    SeveralComprehensive(String),
}

/// The mapping from the grids and rules valid on one day (as given by a timeline's
/// snapshot), in code order so two builds of the same day agree.
pub fn build_rules<'a>(
    grids: impl IntoIterator<Item = (&'a Code, &'a SafetyGrid)>,
    rules: impl IntoIterator<Item = (&'a Code, &'a SafetyRule)>,
) -> Result<SafetyRules, MappingError> {
    let mut out = SafetyRules::default();
    let mut grids: Vec<_> = grids.into_iter().collect();
    grids.sort_by_key(|(c, _)| *c);
    for (code, g) in &grids {
        out.add_grid(Grid {
            number: (*code).clone(),
            level: g.level,
            name: g.name.clone(),
            parent: g.parent.clone(),
            person_in_charge: g.person_in_charge.clone(),
        })?;
    }
    for (code, g) in &grids {
        let places = g
            .parks
            .iter()
            .cloned()
            .map(Place::Park)
            .chain(g.streets.iter().cloned().map(Place::Street));
        for place in places {
            out.map_place(place, (*code).clone(), g.basis.clone())?;
        }
    }
    let mut rules: Vec<_> = rules.into_iter().collect();
    rules.sort_by_key(|(c, _)| *c);
    let mut comprehensive = Vec::new();
    for (code, r) in rules {
        match (r.party, r.industry, r.hazard) {
            (Party::Sector, Some(i), _) => out.add_sector(i, r.body.clone(), r.basis.clone()),
            (Party::Specialist, _, Some(h)) => {
                out.add_specialist(h, r.body.clone(), r.basis.clone())
            }
            (Party::Comprehensive, _, _) => {
                comprehensive.push(code.as_str().to_owned());
                out.set_comprehensive(r.body.clone(), r.basis.clone());
            }
            // `SafetyRule::check` refuses these on load.
            _ => {}
        }
    }
    if comprehensive.len() > 1 {
        return Err(MappingError::SeveralComprehensive(comprehensive.join("、")));
    }
    Ok(out)
}

/// The mapping in force on `day`, from the history's grids and rules.
pub fn rules_on(
    h: &crate::ZoneHistory,
    day: chrono::NaiveDate,
) -> Result<SafetyRules, MappingError> {
    build_rules(
        h.timeline::<SafetyGrid>()
            .snapshot(day)
            .map(|v| (&v.code, &v.attrs)),
        h.timeline::<SafetyRule>()
            .snapshot(day)
            .map(|v| (&v.code, &v.attrs)),
    )
}
