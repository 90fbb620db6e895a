//! Investment projects (招商引资): money that never floats, the pipeline's stages as
//! data, the two industry classifications, the project record, the industry chains
//! and their gaps, and the pipeline's filters and breakdowns.

mod amount;
pub mod chain;
mod industry;
pub mod pipeline;
mod record;
mod stage;
#[cfg(test)]
mod tests;

pub use amount::{Amount, AmountError};
pub use chain::{CHAIN_LIST, ChainNode, Segment};
pub use industry::{CHARACTERISTIC, CharIndustry, TEN_STRONG, TenStrong};
pub use record::{
    ChainRole, Investor, PROJECT_CONFIDENTIAL, PROJECT_IMPORT, PROJECT_LIST, Project, StageProblem,
    WITHHELD,
};
pub use stage::{STAGES, Stage, StageDef, StageError};
