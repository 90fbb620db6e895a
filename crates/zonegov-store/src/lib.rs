//! Persistence for zonegov: one [`Store`] trait, implemented for SQLite (the embedded
//! default, in WAL mode) and PostgreSQL. Both implementations share their SQL (see
//! `sql.rs`), and one conformance suite (`tests/conformance.rs`) runs against both.

pub mod accounts;
pub mod audit;
mod error;
pub mod perf;
mod postgres;
mod rows;
mod sql;
mod sql_accounts;
mod sql_audit;
mod sql_perf;
mod sqlite;

pub use accounts::{AccountStore, NewUser, Session};
pub use audit::{AuditFilter, AuditStore};
pub use error::StoreError;
pub use perf::{PageQuery, PerfStore, Revision};
pub use postgres::PgStore;
pub use sqlite::SqliteStore;

use async_trait::async_trait;
use std::sync::Arc;
use zonegov_domain::auth::Visible;
use zonegov_domain::{
    Category, ChangeItem, ChangeSet, Code, EntityKind, HistoryParts, Institution, LineageLink,
    NaiveDate, Park, Version, Zone, ZoneHistory,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// What a load wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LoadSummary {
    pub categories: usize,
    pub changes: usize,
    pub versions: usize,
    pub lineage: usize,
}

#[async_trait]
pub trait Store: AccountStore + AuditStore + PerfStore + Send + Sync {
    fn backend(&self) -> Backend;

    /// Closes every connection; for SQLite this checkpoints the WAL into the main
    /// file, so a finished command leaves one self-contained database file.
    async fn close(&self);

    /// Writes a checked history in one transaction: all of it or, on any error, none.
    /// The caller checks the union of what is stored and what is loaded with
    /// [`ZoneHistory::build`]; the store refuses duplicates on its own.
    async fn load(&self, parts: &HistoryParts) -> Result<LoadSummary, StoreError>;

    async fn zone(&self) -> Result<Option<Zone>, StoreError>;
    async fn categories(&self) -> Result<Vec<Category>, StoreError>;
    async fn change_sets(&self) -> Result<Vec<ChangeSet>, StoreError>;
    async fn change_items(
        &self,
        kind: EntityKind,
        code: &Code,
    ) -> Result<Vec<ChangeItem>, StoreError>;

    /// Every current version of every entity, in a stable order.
    async fn history_parts(&self) -> Result<Option<HistoryParts>, StoreError>;

    /// Parks valid on `day` that `visible` lets the caller see.
    async fn parks_as_of(
        &self,
        day: NaiveDate,
        visible: &Visible,
    ) -> Result<Vec<Version<Park>>, StoreError>;
    async fn institutions_as_of(
        &self,
        day: NaiveDate,
        visible: &Visible,
    ) -> Result<Vec<Version<Institution>>, StoreError>;
    /// Every version of one park; empty when unknown or outside `visible`.
    async fn park_versions(
        &self,
        code: &Code,
        visible: &Visible,
    ) -> Result<Vec<Version<Park>>, StoreError>;
    async fn institution_versions(
        &self,
        code: &Code,
        visible: &Visible,
    ) -> Result<Vec<Version<Institution>>, StoreError>;
    async fn lineage_of(
        &self,
        kind: EntityKind,
        code: &Code,
    ) -> Result<Vec<LineageLink>, StoreError>;
}

/// The zone's whole history, checked again on the way out of the database.
pub async fn history(store: &dyn Store) -> Result<Option<ZoneHistory>, StoreError> {
    let Some(parts) = store.history_parts().await? else {
        return Ok(None);
    };
    ZoneHistory::build(parts).map(Some).map_err(|problems| {
        let first: Vec<String> = problems
            .iter()
            .take(5)
            .map(|p| format!("{:?}.{}: {}", p.at, p.field, p.message))
            .collect();
        StoreError::Corrupt(format!(
            "stored history fails its checks: {}",
            first.join("; ")
        ))
    })
}

/// Opens (creating and migrating if needed) the database named by `url`:
/// `sqlite://path` or `postgres://…`.
pub async fn connect(url: &str) -> Result<Arc<dyn Store>, StoreError> {
    if url.starts_with("sqlite:") {
        Ok(Arc::new(SqliteStore::open(url).await?))
    } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        Ok(Arc::new(PgStore::open(url).await?))
    } else {
        Err(StoreError::UnsupportedUrl(url.to_owned()))
    }
}
