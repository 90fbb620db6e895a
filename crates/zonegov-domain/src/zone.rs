//! The zone itself: the root every park and institution belongs to.

use crate::code::DivisionCode;
use crate::lang::{Lang, Name};
use crate::provenance::Provenance;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum ZoneLevel {
    /// 国家级高新区
    National,
    /// 省级高新区
    Provincial,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("zone level \"{0}\" must be 国家级/national or 省级/provincial")]
pub struct ZoneLevelError(pub String);

impl ZoneLevel {
    pub fn parse(s: &str) -> Result<Self, ZoneLevelError> {
        match s.trim() {
            "国家级" | "national" => Ok(ZoneLevel::National),
            "省级" | "provincial" => Ok(ZoneLevel::Provincial),
            other => Err(ZoneLevelError(other.to_owned())),
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            ZoneLevel::National => lang.pick("国家级", "National"),
            ZoneLevel::Provincial => lang.pick("省级", "Provincial"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Zone {
    /// The zone's division code: its statistical division code (统计用区划代码, e.g.
    /// 370871) where it has one, else the GB/T 2260 code of the area it lies in.
    pub division: DivisionCode,
    pub name: Name,
    pub level: ZoneLevel,
    pub provenance: Provenance,
}
