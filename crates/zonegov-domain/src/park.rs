//! Parks (园区) of the one-zone-many-parks layout.

use crate::auth::{Perm, RecordPerms};
use crate::code::Code;
use crate::lang::{Lang, Name};
use crate::provenance::Provenance;
use crate::record::{Record, Reference, ScopeAxis, repoint_list, repoint_slot};
use crate::version::EntityKind;
use serde::{Deserialize, Serialize};

/// The three kinds of park named by the reform. Fixed by the reform itself, unlike
/// institution categories, which are data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum ParkKind {
    /// 专业园区
    Specialized,
    /// 功能园区
    Functional,
    /// 属地园区
    Territorial,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "park kind \"{0}\" must be one of 专业园区/specialized, 功能园区/functional, 属地园区/territorial"
)]
pub struct ParkKindError(pub String);

impl ParkKind {
    pub const ALL: [ParkKind; 3] = [
        ParkKind::Specialized,
        ParkKind::Functional,
        ParkKind::Territorial,
    ];

    pub fn parse(s: &str) -> Result<Self, ParkKindError> {
        match s.trim() {
            "专业园区" | "specialized" => Ok(ParkKind::Specialized),
            "功能园区" | "functional" => Ok(ParkKind::Functional),
            "属地园区" | "territorial" => Ok(ParkKind::Territorial),
            other => Err(ParkKindError(other.to_owned())),
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            ParkKind::Specialized => "specialized",
            ParkKind::Functional => "functional",
            ParkKind::Territorial => "territorial",
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            ParkKind::Specialized => lang.pick("专业园区", "Specialised park"),
            ParkKind::Functional => lang.pick("功能园区", "Functional park"),
            ParkKind::Territorial => lang.pick("属地园区", "Territorial park"),
        }
    }
}

/// What is true of a park during one version's period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Park {
    pub name: Name,
    pub kind: ParkKind,
    pub industries: Vec<String>,
    /// The streets (counterpart bodies) the park lies in.
    pub streets: Vec<Code>,
    /// The institution that manages the park.
    pub managing_body: Option<Code>,
    /// A GeoJSON Polygon or MultiPolygon geometry, checked at parse time.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Object>))]
    pub boundary: Option<serde_json::Value>,
    /// The phone and address published for the body (谁来管 gives them).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<crate::contact::Contact>,
    pub provenance: Provenance,
}

impl Record for Park {
    const KIND: EntityKind = EntityKind::new("park");
    const PLURAL: &'static str = "parks";
    const LABEL_ZH: &'static str = "园区";
    const LABEL_EN: &'static str = "Parks";
    const SCOPE: Option<ScopeAxis> = Some(ScopeAxis::Parks);
    const PERMS: RecordPerms = RecordPerms {
        list: Perm::new("zone:park:list"),
        view: Perm::new("zone:park:view"),
        export: Perm::new("zone:park:export"),
    };

    fn name(&self) -> &Name {
        &self.name
    }

    fn provenance(&self) -> &Provenance {
        &self.provenance
    }

    fn repoint(&mut self, kind: EntityKind, from: &Code, to: &Code) -> Option<Vec<&'static str>> {
        let mut out = Vec::new();
        if kind == crate::Institution::KIND
            && let Some(b) = self.managing_body.as_mut()
            && repoint_slot(b, from, to)
        {
            out.push("managing_body");
        }
        if kind == crate::Counterpart::KIND && repoint_list(&mut self.streets, from, to) {
            out.push("streets");
        }
        Some(out)
    }

    fn references(&self) -> Vec<Reference<'_>> {
        let body = self.managing_body.iter().map(|code| Reference {
            field: "managing_body",
            kind: crate::Institution::KIND,
            code,
        });
        let streets = self.streets.iter().map(|code| Reference {
            field: "streets",
            kind: crate::Counterpart::KIND,
            code,
        });
        body.chain(streets).collect()
    }
}
