//! The power and responsibility list (权责清单): what each body may do (power items,
//! 权力事项) and what it must answer for at each step (responsibility items, 责任事项).
//!
//! - [`catalog`]: item types and process-step sets, as data (localities differ);
//! - [`coding`]: the configurable item-code rule (type code + main item + sub-item);
//! - [`citation`]: legal bases as structured citations, parsed from published text;
//! - [`item`]: the effective-dated [`PowerItem`] record;
//! - [`counts`]: the list's headline counts, from the store's tally;
//! - [`adjustment`]: dynamic adjustment (动态调整) as a procedure, with
//!   [`publish_check`] (the invariants of a publication) and [`orphans`] (items a
//!   reform left without a body).

pub mod adjustment;
pub mod catalog;
pub mod citation;
pub mod coding;
pub mod counts;
pub mod item;
pub mod orphans;
pub mod publish_check;

pub use catalog::{PowerCatalog, PowerType, StepSet};
pub use citation::{BasisRole, Citation};
pub use coding::{CodeParts, CodingRule};
pub use counts::{ListCounts, ListGroup};
pub use item::{Accountability, PowerItem, Responsibility};
