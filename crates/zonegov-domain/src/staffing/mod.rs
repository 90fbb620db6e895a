//! 三定 (定职能、定机构、定编制): a body's functions with the list items they cover,
//! its internal units, its leadership posts by rank, and who holds its quota by
//! name. The quota itself stays on the institution record (`quotas`, by type):
//! a 三定 record counts people against it, never repeats it, so a quota moved by a
//! reform is moved once.

mod ledger;
mod parts;
mod record;
mod view;

pub use crate::auth::permission::STAFFING_PERSONAL;
pub use ledger::{BodyLine, Ledger, LedgerCell, TypeLine, ledger};
pub use parts::{Function, ItemCode, LeadRank, Occupant, PartError, PersonName};
pub use record::Staffing;
pub use view::{OccupantView, PostLine, StaffingView, VacancyLine, view};

#[cfg(test)]
mod tests;
