//! Work-safety responsibility (安全生产责任): synthetic enterprises and mappings, and the
//! coverage audit's benchmark.

pub mod audit;
pub mod bench;
pub mod synth;

#[cfg(test)]
mod tests;
