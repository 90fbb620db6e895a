//! Identifiers that parse: a value of these types is always well-formed.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A stable entity code (park, institution, category, change set): 1–40 characters
/// from `A–Z a–z 0–9 - _ .`. Codes appear in URLs and file names, so anything else
/// (spaces, slashes, CJK) is refused rather than escaped everywhere.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(value_type = String, example = "P01"))]
#[serde(try_from = "String", into = "String")]
pub struct Code(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CodeError {
    #[error("code is empty")]
    Empty,
    #[error("code \"{0}\" is longer than 40 characters")]
    TooLong(String),
    #[error("code \"{0}\" may only contain A–Z, a–z, 0–9, '-', '_' and '.'")]
    BadChar(String),
}

impl Code {
    pub fn parse(s: &str) -> Result<Self, CodeError> {
        let s = s.trim();
        if s.is_empty() {
            return Err(CodeError::Empty);
        }
        if s.chars().count() > 40 {
            return Err(CodeError::TooLong(s.to_owned()));
        }
        if !s
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        {
            return Err(CodeError::BadChar(s.to_owned()));
        }
        Ok(Self(s.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Code {
    type Error = CodeError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Code::parse(&s)
    }
}

impl From<Code> for String {
    fn from(c: Code) -> Self {
        c.0
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::str::FromStr for Code {
    type Err = CodeError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Code::parse(s)
    }
}

/// A division code: six digits per GB/T 2260 (a city code ends in `00`), or a
/// statistical division code (统计用区划代码) of 6, 9 or 12 digits, which also covers
/// units GB/T 2260 does not list, such as a development zone (370871) and its streets
/// (370871001). The first two digits name a province (11–82).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(value_type = String, example = "370871"))]
#[serde(try_from = "String", into = "String")]
pub struct DivisionCode(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "division code \"{0}\" is not 6, 9 or 12 digits starting with a province code 11–82 (GB/T 2260, 统计用区划代码)"
)]
pub struct DivisionCodeError(pub String);

impl DivisionCode {
    pub fn parse(s: &str) -> Result<Self, DivisionCodeError> {
        let s = s.trim();
        let digits = matches!(s.len(), 6 | 9 | 12) && s.bytes().all(|b| b.is_ascii_digit());
        let province_ok = digits && matches!(s[..2].parse::<u8>(), Ok(11..=82));
        if province_ok {
            Ok(Self(s.to_owned()))
        } else {
            Err(DivisionCodeError(s.to_owned()))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for DivisionCode {
    type Error = DivisionCodeError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        DivisionCode::parse(&s)
    }
}

impl From<DivisionCode> for String {
    fn from(c: DivisionCode) -> Self {
        c.0
    }
}

impl fmt::Display for DivisionCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_parse_or_name_the_problem() {
        assert_eq!(Code::parse(" P01 ").unwrap().as_str(), "P01");
        assert_eq!(Code::parse(""), Err(CodeError::Empty));
        assert!(matches!(Code::parse("园区"), Err(CodeError::BadChar(_))));
        assert!(matches!(Code::parse("a/b"), Err(CodeError::BadChar(_))));
        assert!(matches!(
            Code::parse(&"x".repeat(41)),
            Err(CodeError::TooLong(_))
        ));
    }

    #[test]
    fn division_codes() {
        assert!(DivisionCode::parse("370800").is_ok());
        assert!(DivisionCode::parse("370871").is_ok());
        assert!(DivisionCode::parse("370871001").is_ok());
        assert!(DivisionCode::parse("370871001000").is_ok());
        assert!(DivisionCode::parse("3708710").is_err());
        assert!(DivisionCode::parse("3708710010").is_err());
        assert!(DivisionCode::parse("990800").is_err());
        assert!(DivisionCode::parse("37080").is_err());
        assert!(DivisionCode::parse("37080a").is_err());
    }
}
