//! The power and responsibility list's use cases.

pub mod synth;
