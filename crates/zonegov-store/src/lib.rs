//! Persistence for zonegov: one [`Store`] trait, implemented for SQLite (the embedded
//! default, in WAL mode) and PostgreSQL. Both implementations share their SQL (see
//! `sql.rs`), and one conformance suite (`tests/conformance.rs`) runs against both.

pub mod accounts;
pub mod adjust;
pub mod audit;
mod error;
pub mod perf;
mod pg_tsvector;
mod postgres;
mod revision_file;
mod rows;
mod sql;
mod sql_accounts;
mod sql_adjust;
mod sql_audit;
mod sql_bulk;
mod sql_perf;
mod sql_search;
mod sql_tokens;
mod sqlite;
mod tally_memo;
pub mod tokens;

pub use accounts::{AccountStore, NewUser, Session};
pub use adjust::{AdjustmentFilter, AdjustmentStore};
pub use audit::{AuditFilter, AuditStore};
pub use error::StoreError;
pub use perf::{PerfStore, Revision};
pub use postgres::PgStore;
pub use sqlite::SqliteStore;
pub use tally_memo::RevisionMemo;
pub use tokens::{NewToken, TokenStore};

use async_trait::async_trait;
use std::collections::BTreeSet;
use std::sync::Arc;
use zonegov_domain::auth::Visible;
use zonegov_domain::record::StoredVersion;
pub use zonegov_domain::record::Tally;
use zonegov_domain::{
    ChangeItem, ChangeSet, Code, EntityKind, HistoryParts, NaiveDate, Record, Version, ZoneHistory,
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

/// A database connection: which backend it is, and the store of each capability.
/// Capabilities get their own trait (records, accounts, audit); this handle grows
/// by an accessor, not by their methods.
#[async_trait]
pub trait Store: Send + Sync {
    fn backend(&self) -> Backend;

    /// Closes every connection; for SQLite this checkpoints the WAL into the main
    /// file, so a finished command leaves one self-contained database file.
    async fn close(&self);

    /// Effective-dated records of every kind, the zone, its change sets and lineage.
    fn records(&self) -> &dyn RecordStore;

    /// Users, roles and sessions.
    fn accounts(&self) -> &dyn AccountStore;

    /// The hash-chained audit trail.
    fn audit(&self) -> &dyn AuditStore;

    /// Dynamic adjustments of the power list and their steps.
    fn adjustments(&self) -> &dyn AdjustmentStore;

    /// What the read caches need: the change counters and the one-query session check.
    fn perf(&self) -> &dyn PerfStore;

    /// API tokens for machine clients.
    fn tokens(&self) -> &dyn TokenStore;
}

/// The zone's history: every effective-dated record kind goes through this one
/// generic path (`zonegov_domain::record`).
#[async_trait]
pub trait RecordStore: Send + Sync {
    /// Writes a checked history in one transaction: all of it or, on any error, none.
    /// The caller checks the union of what is stored and what is loaded with
    /// [`ZoneHistory::build`]; the store refuses duplicates on its own.
    async fn load(&self, parts: &HistoryParts) -> Result<LoadSummary, StoreError>;

    /// New records of one kind, one version each, through the one bulk path
    /// ([`RecordStore::append_versions`] without superseding anything): the
    /// synthetic national list. Two versions of one record with one start, or a
    /// record already stored from the same day, is a conflict and nothing is written.
    async fn load_bulk_versions(
        &self,
        changes: &[zonegov_domain::ChangeSet],
        versions: &dyn zonegov_domain::record::AnyVersions,
    ) -> Result<usize, StoreError> {
        self.append_versions(&BulkWrite {
            changes,
            supersede: &[],
            versions,
        })
        .await
    }

    /// [`RecordStore::load`] that also ends current versions (`ends`), all in the
    /// one transaction: how a publication replaces or ends records. The change sets
    /// the ends name must be in `parts`.
    async fn load_ending(
        &self,
        parts: &HistoryParts,
        ends: &[VersionEnd],
    ) -> Result<LoadSummary, StoreError>;

    /// Whether a zone has been loaded.
    async fn has_zone(&self) -> Result<bool, StoreError>;

    /// Every current version of every kind, in a stable order.
    async fn history_parts(&self) -> Result<Option<HistoryParts>, StoreError>;

    /// Versions of one kind, filtered in the query (see [`VersionQuery`]), ordered
    /// by code then start.
    async fn versions(&self, q: &VersionQuery<'_>) -> Result<Vec<StoredVersion>, StoreError>;

    /// Records of `kind` valid on `day` that `scope` allows, counted per owner and
    /// facet, with their weights summed: how non-resident kinds are counted.
    async fn tally(
        &self,
        kind: EntityKind,
        day: NaiveDate,
        scope: Option<&BTreeSet<Code>>,
    ) -> Result<Vec<Tally>, StoreError>;

    /// The one bulk write path (a list import of 100,000 rows, a national list):
    /// writes `w.changes`, marks the listed current versions of the kind superseded,
    /// and inserts `w.versions` with their search rows and change items, in chunks
    /// of set-based statements inside one transaction: all of it or, on any error,
    /// none. Each new version's change item holds, as its version before, the
    /// superseded version of the same code (if any). A version clashing with a
    /// current one (same code and start), or a supersede entry without its current
    /// version, is a conflict. The caller has checked the versions (as for
    /// [`RecordStore::load`]). Returns the versions written.
    async fn append_versions(&self, w: &BulkWrite<'_>) -> Result<usize, StoreError>;

    /// Versions of `q.kind` whose search text matches `q.text` (see
    /// `zonegov_domain::search`), best first; an exact name ranks first. Text that
    /// leaves no token finds nothing; no text is ever read as query syntax.
    async fn search(&self, q: &SearchQuery<'_>) -> Result<Vec<SearchHit>, StoreError>;

    /// Versions of `kind` that started or ended after `since` and on or before
    /// `until` (what changed in that period), newest first, at most `limit`.
    async fn changed_since(
        &self,
        kind: EntityKind,
        since: NaiveDate,
        until: NaiveDate,
        limit: u32,
    ) -> Result<Vec<StoredVersion>, StoreError>;

    /// What each change set did to one record: its version before and after.
    async fn change_items(
        &self,
        kind: EntityKind,
        code: &Code,
    ) -> Result<Vec<ChangeItem>, StoreError>;
}

/// What [`RecordStore::append_versions`] writes.
#[derive(Debug, Clone, Copy)]
pub struct BulkWrite<'a> {
    /// Change sets written first; none may be stored yet.
    pub changes: &'a [ChangeSet],
    /// Current versions of `versions.kind()` to mark superseded.
    pub supersede: &'a [Supersede],
    pub versions: &'a dyn zonegov_domain::record::AnyVersions,
}

/// The current version of `code` starting on `from`, superseded by change set `by`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Supersede {
    pub code: Code,
    pub from: NaiveDate,
    pub by: Code,
}

/// A full-text search (see [`RecordStore::search`]).
#[derive(Debug, Clone, Copy)]
pub struct SearchQuery<'a> {
    pub kind: EntityKind,
    /// What the user typed.
    pub text: &'a str,
    /// Only versions valid on this day; `None`: every version (history).
    pub as_of: Option<NaiveDate>,
    /// The codes a data scope allows, applied to `COALESCE(owner, code)` as
    /// [`RecordStore::versions`] does; `None`: all.
    pub scope: Option<&'a BTreeSet<Code>>,
    pub limit: u32,
    /// Hits to skip (ranked results page by offset: there is no stable key).
    pub offset: u32,
}

/// One ranked hit: the version and its score (higher is better; comparable within
/// one backend's results only).
#[derive(Debug, Clone, PartialEq)]
pub struct SearchHit {
    pub version: StoredVersion,
    pub score: f64,
}

/// Ends the current version of a record that starts on `from`, on `to` (exclusive),
/// by change set `change` (see [`RecordStore::load_ending`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VersionEnd {
    pub kind: EntityKind,
    pub code: Code,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub change: Code,
}

/// Which versions to read. Unset filters match everything; `scope` is the set of
/// codes a data scope allows (`None`: all).
#[derive(Debug, Clone, Copy)]
pub struct VersionQuery<'a> {
    pub kind: EntityKind,
    pub code: Option<&'a Code>,
    pub as_of: Option<NaiveDate>,
    pub scope: Option<&'a BTreeSet<Code>>,
    /// Keyset paging: codes after this one.
    pub after: Option<&'a Code>,
    pub limit: Option<u32>,
    /// Records whose Chinese or English name contains this text, or whose code is it
    /// (any case).
    pub search: Option<&'a str>,
    /// Only records of this owner ([`Record::owner`]).
    pub owner: Option<&'a Code>,
    /// Only records of this facet ([`Record::facet`]).
    pub facet: Option<&'a str>,
}

impl<'a> VersionQuery<'a> {
    pub fn all_of(kind: EntityKind) -> Self {
        Self {
            kind,
            code: None,
            as_of: None,
            scope: None,
            after: None,
            limit: None,
            search: None,
            owner: None,
            facet: None,
        }
    }

    /// The versions `visible` allows of kind `R`, under the kind's scope axis.
    pub fn scoped<R: Record>(visible: &'a Visible) -> Self {
        Self {
            scope: visible.set_for(R::KIND),
            ..Self::all_of(R::KIND)
        }
    }
}

/// Versions of kind `R` valid on `day` that `visible` allows, in code order.
pub async fn as_of<R: Record>(
    store: &dyn RecordStore,
    day: NaiveDate,
    visible: &Visible,
) -> Result<Vec<Version<R>>, StoreError> {
    let q = VersionQuery {
        as_of: Some(day),
        ..VersionQuery::scoped::<R>(visible)
    };
    typed(store.versions(&q).await?)
}

/// One page of [`as_of`]: at most `limit` records with codes after `after`,
/// optionally only those matching `search`.
pub async fn page_as_of<R: Record>(
    store: &dyn RecordStore,
    day: NaiveDate,
    visible: &Visible,
    after: Option<&Code>,
    limit: u32,
    search: Option<&str>,
) -> Result<Vec<Version<R>>, StoreError> {
    let q = VersionQuery {
        as_of: Some(day),
        after,
        limit: Some(limit),
        search,
        ..VersionQuery::scoped::<R>(visible)
    };
    typed(store.versions(&q).await?)
}

/// Every version of one record of kind `R`; empty when unknown or out of scope.
pub async fn versions_of<R: Record>(
    store: &dyn RecordStore,
    code: &Code,
    visible: &Visible,
) -> Result<Vec<Version<R>>, StoreError> {
    let q = VersionQuery {
        code: Some(code),
        ..VersionQuery::scoped::<R>(visible)
    };
    typed(store.versions(&q).await?)
}

pub fn typed<R: Record>(rows: Vec<StoredVersion>) -> Result<Vec<Version<R>>, StoreError> {
    rows.into_iter()
        .map(|row| {
            let code = row.code.clone();
            Ok(Version {
                code: row.code,
                period: row.period,
                change: row.change,
                attrs: serde_json::from_value(row.attrs)
                    .map_err(|e| StoreError::Corrupt(format!("{} {code}: attrs: {e}", R::KIND)))?,
            })
        })
        .collect()
}

/// The zone's whole history, checked again on the way out of the database.
pub async fn history(store: &dyn Store) -> Result<Option<ZoneHistory>, StoreError> {
    let Some(parts) = store.records().history_parts().await? else {
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
