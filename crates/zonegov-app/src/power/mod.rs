//! The power and responsibility list (权责清单): its use cases.

pub mod adjust;
pub mod synth;
