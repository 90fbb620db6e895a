//! A party of the boundary list is a body that already exists as a record: a zone
//! institution, a counterpart body (municipal department, county, street) or a
//! park. No registry of its own: the level says which kind the code is looked up in.

use crate::code::Code;
use crate::counterpart::CounterpartKind;
use crate::lang::Lang;
use crate::record::Record;
use crate::version::EntityKind;
use crate::{Counterpart, Institution, Park};
use serde::{Deserialize, Serialize};
use std::fmt;

/// The four levels the list divides work between (parks act beside streets).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PartyLevel {
    /// 区直机构: one of the zone's institutions.
    Zone,
    /// 市直部门
    MunicipalDepartment,
    /// 属地县市区
    County,
    /// 属地街道
    Street,
    /// 园区
    Park,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "party level \"{0}\" must be one of 区直/zone, 市直部门/municipal_department, 县市区/county, 街道/street, 园区/park"
)]
pub struct PartyLevelError(pub String);

impl PartyLevel {
    pub const ALL: [PartyLevel; 5] = [
        PartyLevel::Zone,
        PartyLevel::MunicipalDepartment,
        PartyLevel::County,
        PartyLevel::Street,
        PartyLevel::Park,
    ];

    pub fn parse(s: &str) -> Result<Self, PartyLevelError> {
        match s.trim() {
            "区直" | "zone" => Ok(PartyLevel::Zone),
            "市直部门" | "municipal_department" => Ok(PartyLevel::MunicipalDepartment),
            "县市区" | "county" => Ok(PartyLevel::County),
            "街道" | "street" => Ok(PartyLevel::Street),
            "园区" | "park" => Ok(PartyLevel::Park),
            other => Err(PartyLevelError(other.to_owned())),
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            PartyLevel::Zone => "zone",
            PartyLevel::MunicipalDepartment => "municipal_department",
            PartyLevel::County => "county",
            PartyLevel::Street => "street",
            PartyLevel::Park => "park",
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            PartyLevel::Zone => lang.pick("区直", "Zone body"),
            PartyLevel::MunicipalDepartment => lang.pick("市直部门", "Municipal department"),
            PartyLevel::County => lang.pick("县市区", "County-level government"),
            PartyLevel::Street => lang.pick("街道", "Street"),
            PartyLevel::Park => lang.pick("园区", "Park"),
        }
    }

    /// The record kind the party's code names.
    pub fn kind(self) -> EntityKind {
        match self {
            PartyLevel::Zone => Institution::KIND,
            PartyLevel::MunicipalDepartment | PartyLevel::County | PartyLevel::Street => {
                Counterpart::KIND
            }
            PartyLevel::Park => Park::KIND,
        }
    }

    /// The counterpart kind a code at this level must have, if it is a counterpart.
    pub fn counterpart_kind(self) -> Option<CounterpartKind> {
        match self {
            PartyLevel::MunicipalDepartment => Some(CounterpartKind::MunicipalDepartment),
            PartyLevel::County => Some(CounterpartKind::County),
            PartyLevel::Street => Some(CounterpartKind::Street),
            PartyLevel::Zone | PartyLevel::Park => None,
        }
    }
}

/// A body at a level, by its record code.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PartyRef {
    pub level: PartyLevel,
    pub code: Code,
}

impl PartyRef {
    pub fn new(level: PartyLevel, code: Code) -> Self {
        PartyRef { level, code }
    }
}

impl fmt::Display for PartyRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.level.code(), self.code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_parse_in_both_languages() {
        for l in PartyLevel::ALL {
            assert_eq!(PartyLevel::parse(l.code()), Ok(l));
            assert_eq!(PartyLevel::parse(l.label(Lang::Zh)), Ok(l));
        }
        assert!(PartyLevel::parse("村").is_err());
    }
}
