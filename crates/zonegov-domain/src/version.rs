//! One version of an effective-dated record, and the name of its kind.

use crate::code::Code;
use crate::period::Period;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// The kind of an effective-dated record (`park`, `institution`, `counterpart` …).
/// Open, not an enum: a kind exists when it is registered in [`crate::kinds`], so
/// adding one touches no `match` elsewhere. Parsing accepts only registered kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(value_type = String, example = "park"))]
pub struct EntityKind(&'static str);

impl EntityKind {
    /// For a record kind's own `KIND` constant; anything else parses.
    pub const fn new(code: &'static str) -> Self {
        Self(code)
    }

    pub fn code(self) -> &'static str {
        self.0
    }

    /// A registered kind by its code, e.g. from a CSV cell or a URL.
    pub fn parse(s: &str) -> Option<Self> {
        crate::kinds::spec_of(s.trim()).map(|spec| spec.kind)
    }
}

impl fmt::Display for EntityKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

impl Serialize for EntityKind {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.0)
    }
}

impl<'de> Deserialize<'de> for EntityKind {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        EntityKind::parse(&s)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown record kind {s:?}")))
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
