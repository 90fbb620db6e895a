//! The four responsible parties every enterprise posts publicly (安全生产"四个责任主体"
//! beside the enterprise's own primary duty): 纵到底 (territory, down to the grid),
//! 横到边 (sector and specialist lines), 全覆盖 (no enterprise without all four).

use crate::lang::Lang;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Party {
    /// 属地监管: the grid of the enterprise's street or park.
    Territorial,
    /// 行业管理: the body in charge of its industry (管行业必须管安全).
    Sector,
    /// 专业监管: one body per hazard flag.
    Specialist,
    /// 综合监管: the emergency-management body.
    Comprehensive,
}

impl Party {
    pub const ALL: [Party; 4] = [
        Self::Territorial,
        Self::Sector,
        Self::Specialist,
        Self::Comprehensive,
    ];

    /// Position in `ALL`, for counting in arrays.
    pub fn index(self) -> usize {
        self as usize
    }

    pub fn code(self) -> &'static str {
        match self {
            Self::Territorial => "territorial",
            Self::Sector => "sector",
            Self::Specialist => "specialist",
            Self::Comprehensive => "comprehensive",
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Self::Territorial => lang.pick("属地监管", "Territorial supervision"),
            Self::Sector => lang.pick("行业管理", "Sector management"),
            Self::Specialist => lang.pick("专业监管", "Specialist supervision"),
            Self::Comprehensive => lang.pick("综合监管", "Comprehensive supervision"),
        }
    }
}
