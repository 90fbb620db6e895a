//! The question: which matter, where, on which day.

use crate::code::Code;
use crate::enterprise::CreditCode;
use crate::lang::Lang;
use serde::{Deserialize, Serialize};
use std::fmt;

/// What is asked about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "by", content = "value", rename_all = "snake_case")]
pub enum Matter {
    /// A duty-boundary item, by code (B101).
    Boundary(Code),
    /// A power item, by code.
    Power(Code),
    /// Free text, searched against both lists.
    Text(String),
}

/// Where the matter arises. A place decides what 属地 parties are.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "by", content = "value", rename_all = "snake_case")]
pub enum Place {
    Enterprise(CreditCode),
    Park(Code),
    Street(Code),
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PlaceError {
    #[error(
        "地点须写作 enterprise:代码、park:编码 或 street:编码，而不是“{0}” / a place is enterprise:CODE, park:CODE or street:CODE, not \"{0}\""
    )]
    Form(String),
    #[error("地点“{0}”：{1}")]
    Value(String, String),
}

impl Place {
    /// `park:P01`, `street:ST02`, `enterprise:91370800…` (园区/街道/企业 also work).
    pub fn parse(s: &str) -> Result<Self, PlaceError> {
        let s = s.trim();
        let Some((kind, value)) = s.split_once([':', '：']) else {
            return Err(PlaceError::Form(s.to_owned()));
        };
        let value = value.trim();
        let bad = |e: String| PlaceError::Value(s.to_owned(), e);
        match kind.trim() {
            "park" | "园区" => Code::parse(value)
                .map(Place::Park)
                .map_err(|e| bad(e.to_string())),
            "street" | "街道" => Code::parse(value)
                .map(Place::Street)
                .map_err(|e| bad(e.to_string())),
            "enterprise" | "企业" => CreditCode::parse(value)
                .map(Place::Enterprise)
                .map_err(|e| bad(e.to_string())),
            _ => Err(PlaceError::Form(s.to_owned())),
        }
    }

    pub fn label(&self, lang: Lang) -> String {
        match self {
            Place::Enterprise(c) => format!("{}{c}", lang.pick("企业 ", "enterprise ")),
            Place::Park(c) => format!("{}{c}", lang.pick("园区 ", "park ")),
            Place::Street(c) => format!("{}{c}", lang.pick("街道 ", "street ")),
        }
    }
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Place::Enterprise(c) => write!(f, "enterprise:{c}"),
            Place::Park(c) => write!(f, "park:{c}"),
            Place::Street(c) => write!(f, "street:{c}"),
        }
    }
}
