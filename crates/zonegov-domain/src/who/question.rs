//! The question: which matter, where, on which day.

use crate::code::Code;
use crate::enterprise::CreditCode;
use crate::geo::LonLat;
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
/// Written as the question gives it (`park:P01`), in JSON too.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub enum Place {
    /// Where the register puts it (its street and park on the day).
    Enterprise(CreditCode),
    Park(Code),
    Street(Code),
    /// A point (longitude, latitude), placed by the outlines valid on the day.
    Point(LonLat),
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PlaceError {
    #[error(
        "地点须写作 enterprise:代码、park:编码、street:编码 或 point:经度,纬度，而不是“{0}” / a place is enterprise:CODE, park:CODE, street:CODE or point:LON,LAT, not \"{0}\""
    )]
    Form(String),
    #[error("地点“{0}”：{1}")]
    Value(String, String),
}

impl Place {
    /// `park:P01`, `street:ST02`, `enterprise:91370800…`, `point:116.60,35.41`
    /// (园区/街道/企业/坐标 also work).
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
            "point" | "坐标" => LonLat::parse(value)
                .map(Place::Point)
                .map_err(|e| bad(e.to_string())),
            _ => Err(PlaceError::Form(s.to_owned())),
        }
    }

    pub fn label(&self, lang: Lang) -> String {
        match self {
            Place::Enterprise(c) => format!("{}{c}", lang.pick("企业 ", "enterprise ")),
            Place::Park(c) => format!("{}{c}", lang.pick("园区 ", "park ")),
            Place::Street(c) => format!("{}{c}", lang.pick("街道 ", "street ")),
            Place::Point(p) => format!("{}{p}", lang.pick("坐标 ", "point ")),
        }
    }
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Place::Enterprise(c) => write!(f, "enterprise:{c}"),
            Place::Park(c) => write!(f, "park:{c}"),
            Place::Street(c) => write!(f, "street:{c}"),
            Place::Point(p) => write!(f, "point:{p}"),
        }
    }
}

impl TryFrom<String> for Place {
    type Error = PlaceError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Place::parse(&s)
    }
}

impl From<Place> for String {
    fn from(p: Place) -> Self {
        p.to_string()
    }
}
