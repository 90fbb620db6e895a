//! Reforms as operations (issue 9): a decision and its ordered operations
//! ([`op`]), planned on the state of the effective day into new versions, ended
//! versions, lineage and the dependents that follow ([`plan`], [`follow`]), with the
//! quota ledger balanced ([`ledger`]) and every blocking problem named
//! ([`refusal`]). Pure: the app reads the non-resident dependents and writes the
//! plan in one transaction.

pub mod follow;
pub mod ledger;
pub mod op;
pub mod plan;
pub mod refusal;
pub mod replay;

pub use follow::{Ended, Flag, Followed, Moved, Rules, Successor, follow_record, follow_versions};
pub use ledger::{Entry, Ledger};
pub use op::{Assign, Family, ItemRef, Operation, Reform, Target};
pub use plan::{KindCount, Plan, plan};
pub use refusal::{Refusal, Refusals};
