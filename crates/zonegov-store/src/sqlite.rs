//! The embedded default: one SQLite file in WAL mode, so readers never wait on the writer.

use crate::sql::{impl_record_store, impl_store_handle};
use crate::sql_accounts::impl_account_store;
use crate::sql_adjust::impl_adjustment_store;
use crate::sql_audit::impl_audit_store;
use crate::sql_perf::impl_perf_store;
use crate::{Backend, StoreError};
use sqlx::SqlitePool;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use std::str::FromStr;
use std::time::Duration;

pub struct SqliteStore {
    pool: SqlitePool,
}

impl SqliteStore {
    /// Opens `sqlite://path` (or `sqlite::memory:`), creating and migrating it.
    pub async fn open(url: &str) -> Result<Self, StoreError> {
        let options = SqliteConnectOptions::from_str(url)?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(10));
        let in_memory = url.contains(":memory:");
        let pool = SqlitePoolOptions::new()
            // A file in this process cannot hang up: sqlx's default ping before every
            // acquire would double the round trips of every query.
            .test_before_acquire(false)
            // An in-memory database lives in one connection.
            .max_connections(if in_memory { 1 } else { 4 })
            .connect_with(options)
            .await?;
        sqlx::migrate!("./migrations/sqlite").run(&pool).await?;
        Ok(Self { pool })
    }
}

impl_record_store!(
    SqliteStore,
    sqlx::Sqlite,
    "(SELECT value FROM json_each($4))",
    "(SELECT value FROM json_each($3))",
    "json_extract(attrs, '$.name.en')"
);

impl_store_handle!(SqliteStore, Backend::Sqlite);
impl_account_store!(SqliteStore);
impl_audit_store!(SqliteStore);
impl_adjustment_store!(
    SqliteStore,
    sqlx::Sqlite,
    "(SELECT value FROM json_each($2))"
);
impl_perf_store!(SqliteStore);
