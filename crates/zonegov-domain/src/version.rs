//! One version of an effective-dated entity.

use crate::code::Code;
use crate::period::Period;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    Park,
    Institution,
}

impl EntityKind {
    pub fn code(self) -> &'static str {
        match self {
            EntityKind::Park => "park",
            EntityKind::Institution => "institution",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "park" => Some(EntityKind::Park),
            "institution" => Some(EntityKind::Institution),
            _ => None,
        }
    }
}

/// `attrs` held by entity `code` during `period`, written by change set `change`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Version<T> {
    pub code: Code,
    #[serde(flatten)]
    pub period: Period,
    pub change: Code,
    #[serde(flatten)]
    pub attrs: T,
}
