//! Accounts and access (等保 level 3): password and login policy, permissions,
//! data scopes, and the hash chain of the audit trail. Pure rules; the store keeps
//! the records and the web layer enforces them on every request.

pub mod audit;
pub mod password;
pub mod permission;
pub mod scope;
pub mod token;
pub mod user;

pub use audit::{AuditDraft, AuditEntry, ChainBreak, GENESIS_HASH};
pub use password::{LoginPolicy, PasswordPolicy, PasswordProblem};
pub use permission::{Perm, Permission, PermissionInfo, RecordPerms, catalogue};
pub use scope::{DataScope, Visible};
pub use user::{Role, User, Username};
