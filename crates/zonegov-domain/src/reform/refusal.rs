//! Why a reform cannot be carried out, each reason naming what it is about.

use crate::code::Code;
use crate::version::EntityKind;
use serde::Serialize;
use std::fmt;

/// One blocking problem: which operation (by position, from 1) if any, which
/// record, and what is wrong, in Chinese and English.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Refusal {
    pub operation: Option<usize>,
    pub kind: Option<EntityKind>,
    pub code: Option<Code>,
    pub message: String,
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(i) = self.operation {
            write!(f, "operation {i}: ")?;
        }
        if let (Some(k), Some(c)) = (self.kind, &self.code) {
            write!(f, "{k} {c}: ")?;
        }
        f.write_str(&self.message)
    }
}

/// Every refusal of one reform (never just the first).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[error("{}", self.0.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))]
pub struct Refusals(pub Vec<Refusal>);
