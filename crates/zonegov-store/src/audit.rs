//! The audit trail: append-only, hash-chained entries.

use crate::StoreError;
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use zonegov_domain::auth::audit::Anchors;
use zonegov_domain::auth::{AuditDraft, AuditEntry};

/// Filters for the audit and login log screens. Paging is by key (`before_seq`),
/// never by OFFSET/COUNT, so deep pages stay as fast as the first.
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    pub actor: Option<String>,
    /// Actions starting with this text (`login` selects the login log).
    pub action_prefix: Option<String>,
    pub from: Option<DateTime<Utc>>,
    pub to: Option<DateTime<Utc>>,
    pub before_seq: Option<i64>,
    pub limit: i64,
}

#[async_trait]
pub trait AuditStore: Send + Sync {
    /// Appends one entry, chained to the head, in one transaction.
    async fn append_audit(&self, draft: &AuditDraft) -> Result<AuditEntry, StoreError>;
    /// Newest first.
    async fn audit_entries(&self, filter: &AuditFilter) -> Result<Vec<AuditEntry>, StoreError>;
    /// Oldest first, every retained entry: what `audit verify` walks.
    async fn audit_chain(&self) -> Result<Vec<AuditEntry>, StoreError>;
    async fn audit_anchors(&self) -> Result<Anchors, StoreError>;
    /// Deletes entries older than `before`, keeping a checkpoint so the rest still verifies.
    async fn purge_audit(&self, before: DateTime<Utc>) -> Result<u64, StoreError>;
}
