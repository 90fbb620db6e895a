//! What the read caches need from the store (issue 6, point 4): a cheap change
//! counter, and the session and its user in one query.

use crate::StoreError;
use crate::accounts::Session;
use async_trait::async_trait;
use zonegov_domain::Code;
use zonegov_domain::auth::User;

/// The database's change counters (table `revision`, bumped by triggers in the
/// writing transaction; see migration 0005). They only grow, on every backend and
/// across processes sharing one database, so "unchanged counter" means "unchanged
/// data" for whatever a cache derived from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Revision {
    /// Writes to the zone's history (zone, categories, change sets and items,
    /// versions, lineage).
    pub data: i64,
    /// Writes to accounts, user roles, roles, permissions, and deleted sessions.
    pub auth: i64,
}

#[async_trait]
pub trait PerfStore: Send + Sync {
    /// The change counters: one indexed single-row read.
    async fn revision(&self) -> Result<Revision, StoreError>;

    /// A session and its user (without role codes) in one query. The user is `None`
    /// when the session names a user that no longer exists.
    async fn session_with_user(
        &self,
        id_hash: &str,
    ) -> Result<Option<(Session, Option<User>)>, StoreError>;

    /// The codes of a user's roles, sorted.
    async fn user_role_codes(&self, user_id: i64) -> Result<Vec<Code>, StoreError>;
}
