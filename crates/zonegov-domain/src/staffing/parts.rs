//! The pieces of a 三定 record, each a type that parses: an item code that follows
//! the list's coding rule, a leadership rank, a person's name, a function that has
//! text.

use crate::institution::QuotaType;
use crate::lang::Lang;
use crate::power::coding::CodingRule;
use crate::safety::MaskedName;
use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PartError {
    #[error("{0}")]
    ItemCode(String),
    #[error("领导职数级别 \"{0}\" 须为 正职/principal、副职/deputy、内设机构负责人/unit_head")]
    Rank(String),
    #[error("姓名为空 / a person needs a name")]
    EmptyName,
    #[error("职能内容为空 / a function needs its text")]
    EmptyFunction,
}

/// A power-list item code (`XK00012001`), checked against the list's coding rule.
/// Whether the item exists is a question for the list itself (it is not held in
/// memory), asked where a dataset is loaded.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(value_type = String))]
#[serde(try_from = "String", into = "String")]
pub struct ItemCode(String);

impl ItemCode {
    pub fn parse(s: &str) -> Result<Self, PartError> {
        let s = s.trim();
        CodingRule::default()
            .parse(s)
            .map_err(|e| PartError::ItemCode(e.to_string()))?;
        Ok(Self(s.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for ItemCode {
    type Error = PartError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        ItemCode::parse(&s)
    }
}

impl From<ItemCode> for String {
    fn from(c: ItemCode) -> Self {
        c.0
    }
}

impl fmt::Display for ItemCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// 领导职数 are set per rank.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum LeadRank {
    /// 正职
    Principal,
    /// 副职
    Deputy,
    /// 内设机构负责人 (科长、处长)
    UnitHead,
}

impl LeadRank {
    pub const ALL: [LeadRank; 3] = [LeadRank::Principal, LeadRank::Deputy, LeadRank::UnitHead];

    pub fn parse(s: &str) -> Result<Self, PartError> {
        match s.trim() {
            "正职" | "principal" => Ok(LeadRank::Principal),
            "副职" | "deputy" => Ok(LeadRank::Deputy),
            "内设机构负责人" | "unit_head" => Ok(LeadRank::UnitHead),
            other => Err(PartError::Rank(other.to_owned())),
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            LeadRank::Principal => lang.pick("正职", "Principal"),
            LeadRank::Deputy => lang.pick("副职", "Deputy"),
            LeadRank::UnitHead => lang.pick("内设机构负责人", "Unit head"),
        }
    }
}

/// A person's real name: personal data. It is serialised whole (the store must
/// keep it), so every view that leaves the domain goes through [`PersonName::masked`]
/// unless the reader holds the personal-data permission.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PersonName(String);

impl PersonName {
    pub fn parse(s: &str) -> Result<Self, PartError> {
        let s = s.trim();
        if s.is_empty() {
            return Err(PartError::EmptyName);
        }
        Ok(Self(s.to_owned()))
    }

    /// The full name; callers are the unmasked view and the store.
    pub fn reveal(&self) -> &str {
        &self.0
    }

    pub fn masked(&self) -> MaskedName {
        MaskedName::of(&self.0)
    }
}

impl TryFrom<String> for PersonName {
    type Error = PartError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        PersonName::parse(&s)
    }
}

impl From<PersonName> for String {
    fn from(p: PersonName) -> Self {
        p.0
    }
}

/// A function (职能) as the 三定 states it, with the list items it covers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Function {
    pub text: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<ItemCode>,
}

impl Function {
    pub fn new(text: &str, items: Vec<ItemCode>) -> Result<Self, PartError> {
        let text = text.trim();
        if text.is_empty() {
            return Err(PartError::EmptyFunction);
        }
        Ok(Function {
            text: text.to_owned(),
            items,
        })
    }
}

/// One person on the body's staff: which quota type they hold, in which unit, in
/// which leadership post (none for other staff).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Occupant {
    pub person: PersonName,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub post: Option<LeadRank>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    pub quota: QuotaType,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn item_codes_follow_the_coding_rule() {
        assert!(ItemCode::parse("XK00012001").is_ok());
        for bad in ["XK0001200", "xk00012001", "XK0001200A", "许可00012001", ""] {
            assert!(ItemCode::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn ranks_parse_in_both_languages_and_names_are_not_empty() {
        assert_eq!(LeadRank::parse("副职"), Ok(LeadRank::Deputy));
        assert_eq!(LeadRank::parse("unit_head"), Ok(LeadRank::UnitHead));
        assert!(LeadRank::parse("科员").is_err());
        assert_eq!(PersonName::parse("  "), Err(PartError::EmptyName));
        assert_eq!(
            PersonName::parse("王小明").unwrap().masked().as_str(),
            "王**"
        );
    }
}
