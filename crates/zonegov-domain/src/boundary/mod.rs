//! The duty-boundary list (职责边界清单): matters several bodies share, split into
//! process steps, each with exactly one lead (牵头) and any number of cooperating
//! parties (配合), each party with a concrete duty and its basis.
//!
//! - [`party`]: who a party is — a zone institution, a municipal department, a
//!   county-level government, a street or a park — by the codes of existing kinds;
//! - [`item`]: the effective-dated [`BoundaryItem`] record and its steps;
//! - [`raw`]: the flat one-row-per-party layout files use, which can say anything
//!   (two leads, none), and its assembly into steps;
//! - [`lint`]: vague duties, missing or double leads, parties that do not exist on a
//!   day or were abolished by a reform (with the successor from lineage);
//! - [`dispute`]: disputes between bodies over an item, and the ruling that becomes
//!   the item's next version.

pub mod dispute;
pub mod item;
pub mod lint;
pub mod party;
pub mod raw;
pub mod status;

pub use dispute::{Dispute, DisputeError, Ruling, RulingChange};
pub use item::{Assignment, BoundaryItem, ItemError, Step};
pub use lint::{Finding, Rule, lint, vague_verb};
pub use party::{LOCAL, LocalLevelError, PartyCode, PartyLevel, PartyRef};
pub use raw::{RawAssignment, Role, assemble};
pub use status::{PartyStatus, party_status};
