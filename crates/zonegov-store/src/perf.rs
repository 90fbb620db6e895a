//! What the read caches need from the store (issue 6, point 4): a cheap change
//! counter, the session and its user in one query, and key-paged as-of lists whose
//! cost does not grow with the size of the whole history.

use crate::StoreError;
use crate::accounts::Session;
use async_trait::async_trait;
use zonegov_domain::auth::{User, Visible};
use zonegov_domain::{Code, Institution, NaiveDate, Park, Version};

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

/// One page of an as-of list, ordered by code.
#[derive(Debug, Clone, Copy)]
pub struct PageQuery<'a> {
    pub day: NaiveDate,
    pub visible: &'a Visible,
    /// Only codes after this one (the last code of the previous page).
    pub after: Option<&'a Code>,
    /// Only entities whose Chinese or English name contains this text, or whose code
    /// is this text (ignoring ASCII case).
    pub search: Option<&'a str>,
    pub limit: u32,
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

    /// Parks valid on `q.day`, visible, ordered by code, at most `q.limit`.
    async fn parks_page(&self, q: PageQuery<'_>) -> Result<Vec<Version<Park>>, StoreError>;

    /// Institutions valid on `q.day`, visible, ordered by code, at most `q.limit`.
    async fn institutions_page(
        &self,
        q: PageQuery<'_>,
    ) -> Result<Vec<Version<Institution>>, StoreError>;
}
