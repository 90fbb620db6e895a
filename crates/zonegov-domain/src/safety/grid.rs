//! Safety grids (安全生产网格): numbered, levelled, one person in charge each. An enterprise
//! finds its territorial grid through its park or street (`Place`), by a mapping the zone
//! keeps in `SafetyRules`.

use super::MaskedName;
use crate::code::Code;
use crate::lang::{Lang, Name};
use serde::{Deserialize, Serialize};
use std::fmt;

/// Four levels are common (domain notes §3); the zone's grids use the first three, the
/// fourth is the enterprise itself (一企一格).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GridLevel {
    /// 一级网格: the zone.
    Zone = 1,
    /// 二级网格: a street or a park.
    Area = 2,
    /// 三级网格: a community or block.
    Block = 3,
    /// 四级网格: one enterprise.
    Enterprise = 4,
}

impl GridLevel {
    pub fn number(self) -> u8 {
        self as u8
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Self::Zone => lang.pick("一级网格（园区/高新区）", "Level 1 grid (zone)"),
            Self::Area => lang.pick("二级网格（街道/园区）", "Level 2 grid (street/park)"),
            Self::Block => lang.pick("三级网格（社区/片区）", "Level 3 grid (community/block)"),
            Self::Enterprise => lang.pick("四级网格（企业）", "Level 4 grid (enterprise)"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Grid {
    /// The grid's number (网格编号), e.g. `G1-02-03`.
    pub number: Code,
    pub level: GridLevel,
    pub name: Name,
    pub parent: Option<Code>,
    /// 网格长 (full name): personal data, never on a public page — use `person_masked`.
    #[serde(skip)]
    pub person_in_charge: Option<String>,
}

impl Grid {
    /// The person in charge as a public page may show them.
    pub fn person_masked(&self) -> Option<MaskedName> {
        self.person_in_charge.as_deref().map(MaskedName::of)
    }
}

/// Where an enterprise is, as far as its grid is concerned.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(tag = "kind", content = "code", rename_all = "snake_case")]
pub enum Place {
    Park(Code),
    Street(Code),
}

impl Place {
    pub fn code(&self) -> &Code {
        match self {
            Self::Park(c) | Self::Street(c) => c,
        }
    }

    pub fn label(&self, lang: Lang) -> String {
        match self {
            Self::Park(c) => format!("{}{}", lang.pick("园区 ", "park "), c),
            Self::Street(c) => format!("{}{}", lang.pick("街道 ", "street "), c),
        }
    }
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label(Lang::Zh))
    }
}
