//! zonegov's application layer: the use cases that the CLI and the web both run.
//! Neither front end holds business logic; each calls these with a store and says
//! who acts. Depends on the domain, the store and io, never on a front end.

pub mod accounts;
pub mod audit;
pub mod dataset;
pub mod enterprise_import;
pub mod exports;
pub mod password;
pub mod power;
pub mod power_export;
pub mod power_import;
pub mod project_import;
pub mod project_synth;
pub mod reform;
pub mod reform_queue;
pub mod report;
pub mod safety;
pub mod staffing;
mod synth_rng;
pub mod tokens;
pub mod who;
