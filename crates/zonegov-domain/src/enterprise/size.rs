//! Enterprise size (企业规模, 大中小微 as the statistical classification names them).

use crate::lang::Lang;
use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum EnterpriseSize {
    /// 大型
    Large,
    /// 中型
    Medium,
    /// 小型
    Small,
    /// 微型
    Micro,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "企业规模“{0}”须为 大型/中型/小型/微型 之一 / size \"{0}\" must be one of large, medium, small, micro"
)]
pub struct SizeError(pub String);

impl EnterpriseSize {
    pub const ALL: [EnterpriseSize; 4] = [Self::Large, Self::Medium, Self::Small, Self::Micro];

    /// Chinese with or without 型/企业, or the English code.
    pub fn parse(s: &str) -> Result<Self, SizeError> {
        let t = s.trim();
        let t = t.strip_suffix("企业").unwrap_or(t);
        match t.to_ascii_lowercase().as_str() {
            "大型" | "大" | "large" => Ok(Self::Large),
            "中型" | "中" | "medium" => Ok(Self::Medium),
            "小型" | "小" | "small" => Ok(Self::Small),
            "微型" | "微" | "micro" => Ok(Self::Micro),
            _ => Err(SizeError(s.trim().to_owned())),
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Self::Large => "large",
            Self::Medium => "medium",
            Self::Small => "small",
            Self::Micro => "micro",
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Self::Large => lang.pick("大型", "Large"),
            Self::Medium => lang.pick("中型", "Medium"),
            Self::Small => lang.pick("小型", "Small"),
            Self::Micro => lang.pick("微型", "Micro"),
        }
    }
}

impl fmt::Display for EnterpriseSize {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label(Lang::Zh))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_both_languages() {
        for s in EnterpriseSize::ALL {
            assert_eq!(EnterpriseSize::parse(s.label(Lang::Zh)), Ok(s));
            assert_eq!(EnterpriseSize::parse(s.code()), Ok(s));
        }
        assert_eq!(EnterpriseSize::parse("小型企业"), Ok(EnterpriseSize::Small));
        assert!(EnterpriseSize::parse("巨型").is_err());
    }
}
