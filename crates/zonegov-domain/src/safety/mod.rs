//! Work-safety responsibility (安全生产责任): the four parties of every enterprise, each
//! derived by a rule of the zone's mapping and shown with that rule, and the coverage
//! audit proving "纵到底、横到边、全覆盖" over all enterprises. Pure: the mappings and the
//! enterprises are given.

mod audit;
mod derive;
mod exception;
mod grid;
mod mapping;
mod mask;
mod party;
mod rules;

pub use audit::{CoverageAudit, CoverageReport, KindSummary, MappingOverlap, PartyCoverage};
pub use derive::{Derivation, Outcome, Responsibilities, Responsible};
pub use exception::{CoverageException, ExceptionKind};
pub use grid::{Grid, GridLevel, Place};
pub use mapping::{BodyKind, MappingError, SafetyGrid, SafetyRule, build_rules, rules_on};
pub use mask::MaskedName;
pub use party::Party;
pub use rules::{Assignee, RuleKey, RulesError, SafetyRules, SafetySubject};

#[cfg(test)]
mod tests;
