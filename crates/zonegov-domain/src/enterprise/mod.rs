//! What an enterprise record is built on: its identity (统一社会信用代码, GB 32100-2015), its
//! industry (GB/T 4754-2017, the table compiled in) and its hazard flags. Pure values that
//! parse or say why not, and the record kind (`record.rs`).

pub mod credit_code;
pub mod hazard;
pub mod industry;
pub mod placement;
mod record;
mod size;

pub use credit_code::{CreditCode, CreditCodeError};
pub use hazard::{HazardError, HazardFlag};
pub use industry::{IndustryCode, IndustryError, IndustryLevel};
pub use record::Enterprise;
pub use size::{EnterpriseSize, SizeError};
