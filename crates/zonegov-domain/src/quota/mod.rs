//! The revolving staffing quota (高层次人才周转编制): the pool, its loans and the
//! ledger that keeps it from ever being overdrawn.

mod ledger;
mod record;
#[cfg(test)]
mod tests;

pub use ledger::{Ledger, Loan, QuotaError, Reminder};
pub use record::{QUOTA_LIST, QuotaLoan, QuotaPool, ledger_of};
