//! What an enterprise record is built on: its identity (统一社会信用代码, GB 32100-2015), its
//! industry (GB/T 4754-2017, the table compiled in) and its hazard flags. Pure values that
//! parse or say why not; the record kind itself comes later.

pub mod credit_code;
pub mod hazard;
pub mod industry;

pub use credit_code::{CreditCode, CreditCodeError};
pub use hazard::{HazardError, HazardFlag};
pub use industry::{IndustryCode, IndustryError, IndustryLevel};
