//! Talent (人才) and the platforms that host it. A talent record is either one person
//! (personal data: the full name is never the record's name, which is masked, and it
//! is shown only to whom the role needs it) or a count where only a count exists
//! (45,000 skilled workers is one record, not 45,000).

use super::Tier;
use crate::auth::{Perm, RecordPerms};
use crate::code::Code;
use crate::lang::Name;
use crate::provenance::Provenance;
use crate::record::{CheckContext, FieldProblem, Record, Reference};
use crate::safety::MaskedName;
use crate::version::EntityKind;
use serde::{Deserialize, Serialize};

/// Who is counted: one named person, or a number of people.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Headcount {
    /// Personal data: shown masked unless the role needs the name.
    Person { full_name: String },
    /// `at_least`: the source gives a floor ("400余名").
    Count { count: u32, at_least: bool },
}

impl Headcount {
    pub fn count(&self) -> u32 {
        match self {
            Headcount::Person { .. } => 1,
            Headcount::Count { count, .. } => *count,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Talent {
    /// A person's masked name, or the group's description.
    pub name: Name,
    pub tier: Tier,
    pub headcount: Headcount,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub platform: Option<Code>,
    /// The project that brought the talent (招商引资与招才引智同频共振).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project: Option<Code>,
    /// The enterprise that brought or employs the talent (credit code).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enterprise: Option<Code>,
    pub provenance: Provenance,
}

/// Listing talents (the talent page and the menu name it).
pub const TALENT_LIST: Perm = Perm::new("talent:person:list");

/// Seeing talents' full names (each such view is audited).
pub const TALENT_PERSONAL: Perm = Perm::new("talent:person:personal");

impl Talent {
    /// The person's name for display: full only when `unmasked` (the caller audits).
    pub fn person_name(&self, unmasked: bool) -> Option<String> {
        match &self.headcount {
            Headcount::Person { full_name } if unmasked => Some(full_name.clone()),
            Headcount::Person { full_name } => Some(MaskedName::of(full_name).as_str().to_owned()),
            Headcount::Count { .. } => None,
        }
    }
}

impl Record for Talent {
    const KIND: EntityKind = EntityKind::new("talent");
    const PLURAL: &'static str = "talents";
    const LABEL_ZH: &'static str = "人才";
    const LABEL_EN: &'static str = "Talent";
    const PERMS: RecordPerms = RecordPerms {
        list: TALENT_LIST,
        view: Perm::new("talent:person:view"),
        export: Perm::new("talent:person:export"),
    };

    fn name(&self) -> &Name {
        &self.name
    }

    fn provenance(&self) -> &Provenance {
        &self.provenance
    }

    fn facet(&self) -> Option<&str> {
        Some(self.tier.code())
    }

    fn weight(&self) -> u32 {
        self.headcount.count()
    }

    fn references(&self) -> Vec<Reference<'_>> {
        let mut refs = Vec::new();
        if let Some(code) = &self.platform {
            refs.push(Reference {
                field: "platform",
                kind: Platform::KIND,
                code,
            });
        }
        if let Some(code) = &self.project {
            refs.push(Reference {
                field: "project",
                kind: crate::project::Project::KIND,
                code,
            });
        }
        if let Some(code) = &self.enterprise {
            refs.push(Reference {
                field: "enterprise",
                kind: crate::enterprise::Enterprise::KIND,
                code,
            });
        }
        refs
    }

    fn check(&self, _ctx: &CheckContext) -> Vec<FieldProblem> {
        match &self.headcount {
            Headcount::Person { full_name } if full_name.trim().is_empty() => {
                vec![("person", "姓名为空 / the person's name is empty".to_owned())]
            }
            Headcount::Person { full_name } if self.name.zh.contains(full_name.as_str()) => {
                vec![(
                    "name_zh",
                    "名称不得含人员全名 / the record's name must not hold the full name".to_owned(),
                )]
            }
            Headcount::Count { count: 0, .. } => {
                vec![(
                    "count",
                    "人数须大于0 / the count must be above 0".to_owned(),
                )]
            }
            _ => Vec::new(),
        }
    }

    /// The full name becomes its masked form (王小明 → 王*明) in every generic view
    /// (API, history, diff); the talent page unmasks it for a role that may, audited.
    fn masked(&self) -> Option<Self> {
        let mut t = self.clone();
        if let Headcount::Person { full_name } = &mut t.headcount {
            *full_name = MaskedName::of(full_name).as_str().to_owned();
        }
        Some(t)
    }
}

/// 重点实验室, 院士工作站, 产业创新中心, and the 一港三基地 bases.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum PlatformKind {
    KeyLab,
    AcademicianStation,
    InnovationCentre,
    TalentBase,
}

impl PlatformKind {
    pub fn parse(s: &str) -> Result<Self, String> {
        match s.trim() {
            "重点实验室" | "key_lab" => Ok(Self::KeyLab),
            "院士工作站" | "academician_station" => Ok(Self::AcademicianStation),
            "产业创新中心" | "innovation_centre" => Ok(Self::InnovationCentre),
            "一港三基地" | "talent_base" => Ok(Self::TalentBase),
            other => Err(format!(
                "未知平台类型 \"{other}\"(应为 重点实验室/院士工作站/产业创新中心/一港三基地) / unknown platform kind \"{other}\""
            )),
        }
    }

    pub fn label(self, lang: crate::Lang) -> &'static str {
        match self {
            Self::KeyLab => lang.pick("重点实验室", "Key laboratory"),
            Self::AcademicianStation => lang.pick("院士工作站", "Academician workstation"),
            Self::InnovationCentre => lang.pick("产业创新中心", "Industry innovation centre"),
            Self::TalentBase => lang.pick("一港三基地", "Talent port and bases"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Platform {
    pub name: Name,
    pub kind: PlatformKind,
    /// The enterprise hosting it (credit code), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enterprise: Option<Code>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub park: Option<Code>,
    pub provenance: Provenance,
}

impl Record for Platform {
    const KIND: EntityKind = EntityKind::new("platform");
    const PLURAL: &'static str = "platforms";
    const LABEL_ZH: &'static str = "人才平台";
    const LABEL_EN: &'static str = "Talent platforms";
    const PERMS: RecordPerms = RecordPerms {
        list: Perm::new("talent:platform:list"),
        view: Perm::new("talent:platform:view"),
        export: Perm::new("talent:platform:export"),
    };

    fn name(&self) -> &Name {
        &self.name
    }

    fn provenance(&self) -> &Provenance {
        &self.provenance
    }

    /// A platform follows its park through a merge or rename.
    fn repoint(&mut self, kind: EntityKind, from: &Code, to: &Code) -> Option<Vec<&'static str>> {
        let moved = kind == crate::Park::KIND
            && self
                .park
                .as_mut()
                .is_some_and(|p| crate::record::repoint_slot(p, from, to));
        Some(if moved { vec!["park"] } else { Vec::new() })
    }

    fn references(&self) -> Vec<Reference<'_>> {
        let mut refs = Vec::new();
        if let Some(code) = &self.enterprise {
            refs.push(Reference {
                field: "enterprise",
                kind: crate::enterprise::Enterprise::KIND,
                code,
            });
        }
        if let Some(code) = &self.park {
            refs.push(Reference {
                field: "park",
                kind: crate::Park::KIND,
                code,
            });
        }
        refs
    }
}
