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

/// Who the party is at its level: a named body, or 属地 — the body of that level
/// where the matter arises (the street, park or county of the place asked about).
/// Lists name territorial parties that way ("属地街道"), and only a question with a
/// place can say which body that is.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub enum PartyCode {
    Named(Code),
    /// 属地
    Local,
}

/// How files and JSON write [`PartyCode::Local`]. A [`Code`] refuses CJK, so this
/// can never be mistaken for a body's code.
pub const LOCAL: &str = "属地";

impl PartyCode {
    pub fn parse(s: &str) -> Result<Self, crate::code::CodeError> {
        match s.trim() {
            LOCAL => Ok(PartyCode::Local),
            other => Code::parse(other).map(PartyCode::Named),
        }
    }

    pub fn named(&self) -> Option<&Code> {
        match self {
            PartyCode::Named(c) => Some(c),
            PartyCode::Local => None,
        }
    }
}

impl TryFrom<String> for PartyCode {
    type Error = crate::code::CodeError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        PartyCode::parse(&s)
    }
}

impl From<PartyCode> for String {
    fn from(c: PartyCode) -> Self {
        c.to_string()
    }
}

impl fmt::Display for PartyCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PartyCode::Named(c) => write!(f, "{c}"),
            PartyCode::Local => f.write_str(LOCAL),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("“属地” only names a street, a park or a county-level government, not a {0:?} party")]
pub struct LocalLevelError(pub PartyLevel);

/// A body at a level: by its record code, or 属地 at a territorial level.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(try_from = "RawPartyRef")]
pub struct PartyRef {
    pub level: PartyLevel,
    /// A body's code, or 属地.
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "N10"))]
    pub code: PartyCode,
}

#[derive(Deserialize)]
struct RawPartyRef {
    level: PartyLevel,
    code: PartyCode,
}

impl TryFrom<RawPartyRef> for PartyRef {
    type Error = LocalLevelError;
    fn try_from(r: RawPartyRef) -> Result<Self, Self::Error> {
        PartyRef::at(r.level, r.code)
    }
}

impl PartyLevel {
    /// How a list names the 属地 party of this level.
    pub fn local_label(self, lang: Lang) -> &'static str {
        match self {
            PartyLevel::Street => lang.pick("属地街道", "Local street"),
            PartyLevel::Park => lang.pick("属地园区", "Local park"),
            PartyLevel::County => lang.pick("属地县市区", "Local county-level government"),
            PartyLevel::Zone | PartyLevel::MunicipalDepartment => self.label(lang),
        }
    }

    /// Levels tied to a territory, whose body depends on where the matter arises.
    pub fn is_territorial(self) -> bool {
        matches!(
            self,
            PartyLevel::Street | PartyLevel::Park | PartyLevel::County
        )
    }
}

impl PartyRef {
    /// A named body.
    pub fn new(level: PartyLevel, code: Code) -> Self {
        PartyRef {
            level,
            code: PartyCode::Named(code),
        }
    }

    /// 属地 at `level`, which must be territorial.
    pub fn local(level: PartyLevel) -> Result<Self, LocalLevelError> {
        Self::at(level, PartyCode::Local)
    }

    pub fn at(level: PartyLevel, code: PartyCode) -> Result<Self, LocalLevelError> {
        if code == PartyCode::Local && !level.is_territorial() {
            return Err(LocalLevelError(level));
        }
        Ok(PartyRef { level, code })
    }

    pub fn is_local(&self) -> bool {
        self.code == PartyCode::Local
    }

    /// The body's code, when the party is named.
    pub fn named(&self) -> Option<&Code> {
        self.code.named()
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

    #[test]
    fn local_is_only_territorial_and_round_trips_through_json() {
        assert!(PartyRef::local(PartyLevel::Street).is_ok());
        assert!(PartyRef::local(PartyLevel::Zone).is_err());
        assert!(PartyRef::local(PartyLevel::MunicipalDepartment).is_err());
        let p = PartyRef::local(PartyLevel::Park).unwrap();
        let json = serde_json::to_string(&p).unwrap();
        assert_eq!(json, r#"{"level":"park","code":"属地"}"#);
        assert_eq!(serde_json::from_str::<PartyRef>(&json).unwrap(), p);
        let bad = r#"{"level":"zone","code":"属地"}"#;
        assert!(serde_json::from_str::<PartyRef>(bad).is_err());
        let named: PartyRef = serde_json::from_str(r#"{"level":"zone","code":"N10"}"#).unwrap();
        assert_eq!(named.named().map(Code::as_str), Some("N10"));
    }
}
