//! Counterpart bodies (对口单位): the parties outside the zone's own institutions that
//! the duty-boundary list divides work with — the territorial streets (属地街道), the
//! county-level governments (属地县市区) and the municipal departments (市直部门).

use crate::auth::{Perm, RecordPerms};
use crate::code::Code;
use crate::lang::{Lang, Name};
use crate::provenance::Provenance;
use crate::record::{Record, Reference, repoint_slot};
use crate::version::EntityKind;
use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CounterpartKind {
    /// 街道
    Street,
    /// 县市区
    County,
    /// 市直部门
    MunicipalDepartment,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "counterpart kind \"{0}\" must be one of 街道/street, 县市区/county, 市直部门/municipal_department"
)]
pub struct CounterpartKindError(pub String);

impl CounterpartKind {
    pub const ALL: [CounterpartKind; 3] = [
        CounterpartKind::Street,
        CounterpartKind::County,
        CounterpartKind::MunicipalDepartment,
    ];

    pub fn parse(s: &str) -> Result<Self, CounterpartKindError> {
        match s.trim() {
            "街道" | "street" => Ok(CounterpartKind::Street),
            "县市区" | "county" => Ok(CounterpartKind::County),
            "市直部门" | "municipal_department" => Ok(CounterpartKind::MunicipalDepartment),
            other => Err(CounterpartKindError(other.to_owned())),
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            CounterpartKind::Street => "street",
            CounterpartKind::County => "county",
            CounterpartKind::MunicipalDepartment => "municipal_department",
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            CounterpartKind::Street => lang.pick("街道", "Street"),
            CounterpartKind::County => lang.pick("县市区", "County-level government"),
            CounterpartKind::MunicipalDepartment => lang.pick("市直部门", "Municipal department"),
        }
    }
}

/// A statistical division code (统计用区划代码): 6 digits for a county, 9 for a
/// street or township, 12 for a village or community; the first two digits name a
/// province (11–82).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(value_type = String, example = "370871002"))]
#[serde(try_from = "String", into = "String")]
pub struct StatCode(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("statistical code \"{0}\" must be 6, 9 or 12 digits starting with a province code 11–82")]
pub struct StatCodeError(pub String);

impl StatCode {
    pub fn parse(s: &str) -> Result<Self, StatCodeError> {
        let s = s.trim();
        let digits = matches!(s.len(), 6 | 9 | 12) && s.bytes().all(|b| b.is_ascii_digit());
        if digits && matches!(s[..2].parse::<u8>(), Ok(11..=82)) {
            Ok(Self(s.to_owned()))
        } else {
            Err(StatCodeError(s.to_owned()))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for StatCode {
    type Error = StatCodeError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        StatCode::parse(&s)
    }
}

impl From<StatCode> for String {
    fn from(c: StatCode) -> Self {
        c.0
    }
}

impl fmt::Display for StatCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// What is true of a counterpart body during one version's period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Counterpart {
    pub name: Name,
    pub kind: CounterpartKind,
    /// 统计用区划代码, for streets and counties.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stat_code: Option<StatCode>,
    /// The counterpart it belongs to: a street's county, say.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<Code>,
    /// The phone and address published for the body (谁来管 gives them).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<crate::contact::Contact>,
    /// A street's outline (GeoJSON Polygon or MultiPolygon, checked at parse time):
    /// where an enterprise with coordinates is placed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Object>))]
    pub boundary: Option<serde_json::Value>,
    pub provenance: Provenance,
}

impl Record for Counterpart {
    const KIND: EntityKind = EntityKind::new("counterpart");
    const PLURAL: &'static str = "counterparts";
    const LABEL_ZH: &'static str = "对口单位";
    const LABEL_EN: &'static str = "Counterpart bodies";
    const PERMS: RecordPerms = RecordPerms {
        list: Perm::new("zone:counterpart:list"),
        view: Perm::new("zone:counterpart:view"),
        export: Perm::new("zone:counterpart:export"),
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
        Some(out)
    }

    fn references(&self) -> Vec<Reference<'_>> {
        self.parent
            .iter()
            .map(|code| Reference {
                field: "parent",
                kind: Self::KIND,
                code,
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stat_codes_have_six_nine_or_twelve_digits() {
        assert!(StatCode::parse("370871").is_ok());
        assert!(StatCode::parse("370871002").is_ok());
        assert!(StatCode::parse("370871002001").is_ok());
        assert!(StatCode::parse("3708710").is_err());
        assert!(StatCode::parse("990871002").is_err());
        assert!(StatCode::parse("37087100x").is_err());
    }

    #[test]
    fn kinds_parse_in_both_languages() {
        for k in CounterpartKind::ALL {
            assert_eq!(CounterpartKind::parse(k.code()), Ok(k));
            assert_eq!(CounterpartKind::parse(k.label(Lang::Zh)), Ok(k));
        }
        assert!(CounterpartKind::parse("村").is_err());
    }
}
