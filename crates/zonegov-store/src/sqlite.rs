//! The embedded default: one SQLite file in WAL mode, so readers never wait on the writer.

use crate::sql::{impl_record_store, impl_store_handle};
use crate::sql_accounts::impl_account_store;
use crate::sql_adjust::impl_adjustment_store;
use crate::sql_audit::impl_audit_store;
use crate::sql_bulk::impl_bulk;
use crate::sql_perf::impl_perf_store;
use crate::sql_search::impl_search;
use crate::sql_tokens::impl_token_store;
use crate::{Backend, StoreError};
use sqlx::SqlitePool;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use std::str::FromStr;
use std::time::Duration;

pub struct SqliteStore {
    /// List counts kept per data revision.
    tallies: crate::tally_memo::TallyMemo,
    pool: SqlitePool,
    /// The revision counters read in place (a file database; `None` in memory).
    revision_file: Option<crate::revision_file::RevisionFile>,
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
            .connect_with(options.clone())
            .await?;
        sqlx::migrate!("./migrations/sqlite").run(&pool).await?;
        let revision_file = if in_memory {
            None
        } else {
            Some(crate::revision_file::RevisionFile::open(
                options.get_filename(),
            )?)
        };
        Ok(Self {
            tallies: Default::default(),
            pool,
            revision_file,
        })
    }

    async fn read_revision(&self) -> Result<crate::perf::Revision, StoreError> {
        match &self.revision_file {
            Some(file) => file.read(),
            None => crate::sql_perf::pooled_revision!(&self.pool),
        }
    }

    /// Brings the planner's statistics up to date where tables changed much since
    /// they were gathered (SQLite's `PRAGMA optimize`; a no-op when nothing did).
    /// Without them SQLite reads "valid on day D" as selective and sorts a whole
    /// national list for its first page instead of walking the code index; with
    /// them it pages by code. Run after bulk writes (not at open: opening a
    /// database must not write to it, so a refused load leaves the file as it
    /// was). Unsampled: with
    /// `analysis_limit` the estimates are too coarse to prefer a body's index for
    /// one body's page (a national list's full ANALYZE takes about a second, and
    /// only after the tables grew tenfold).
    pub(crate) async fn refresh_statistics(&self) -> Result<(), StoreError> {
        sqlx::query("PRAGMA optimize = 0x10002")
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}

impl_record_store!(
    SqliteStore,
    sqlx::Sqlite,
    "(SELECT value FROM json_each($4))",
    "(SELECT value FROM json_each($3))",
    "json_extract(attrs, '$.name.en')",
    "json_extract(attrs, '$.provenance.source')"
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
impl_token_store!(SqliteStore);

// bm25 weights name 10, body 2, basis 1 (bm25 is lower-is-better, so negated); an
// exact name adds 1000 so it ranks first. The matches are computed first
// (MATERIALIZED): joined the other way round, SQLite ran the MATCH once per
// version row (1.5 s for 4,740 items). Only the page's rows are then read whole
// (their `attrs`): the ranking sorts ids and scores, not documents.
impl_search!(
    SqliteStore,
    sqlx::SqliteConnection,
    true,
    "WITH exact AS MATERIALIZED (SELECT ev.id AS id FROM entity_version ev \
        WHERE ev.kind = $3 AND ev.name_zh = $2 AND ev.superseded_by IS NULL \
          AND ($4 IS NULL OR (ev.valid_from <= $4 AND (ev.valid_to IS NULL OR ev.valid_to > $4))) \
          AND ($5 IS NULL OR COALESCE(ev.owner, ev.code) IN (SELECT value FROM json_each($5))) \
        LIMIT $8), \
     w AS MATERIALIZED (SELECT ev.id AS id \
        FROM search_index CROSS JOIN entity_version ev ON ev.id = search_index.rowid \
        WHERE search_index MATCH $1 AND ev.kind = $3 AND ev.superseded_by IS NULL \
          AND ($4 IS NULL OR (ev.valid_from <= $4 AND (ev.valid_to IS NULL OR ev.valid_to > $4))) \
          AND ($5 IS NULL OR COALESCE(ev.owner, ev.code) IN (SELECT value FROM json_each($5))) \
        ORDER BY search_index.rowid LIMIT (CASE WHEN (SELECT COUNT(*) FROM exact) < $6 + $7 THEN $8 ELSE 0 END)), \
     n AS MATERIALIZED (SELECT ev.id AS id \
        FROM search_index CROSS JOIN entity_version ev ON ev.id = search_index.rowid \
        WHERE search_index MATCH $9 AND ev.kind = $3 AND ev.superseded_by IS NULL \
          AND ($4 IS NULL OR (ev.valid_from <= $4 AND (ev.valid_to IS NULL OR ev.valid_to > $4))) \
          AND ($5 IS NULL OR COALESCE(ev.owner, ev.code) IN (SELECT value FROM json_each($5))) \
        ORDER BY search_index.rowid LIMIT (CASE WHEN (SELECT COUNT(*) FROM exact) < $6 + $7 THEN $8 ELSE 0 END)), \
     c AS (SELECT id, MAX(tier) AS tier FROM \
            (SELECT id, 1 AS tier FROM w UNION ALL SELECT id, 2 FROM n UNION ALL SELECT id, 3 FROM exact) GROUP BY id), \
     top AS MATERIALIZED (SELECT ev.id, ev.code, ev.valid_from, \
            CAST(c.tier * 100000 - length(ev.name_zh) AS DOUBLE PRECISION) AS score \
        FROM c JOIN entity_version ev ON ev.id = c.id \
        ORDER BY score DESC, ev.code, ev.valid_from LIMIT $6 OFFSET $7) \
     SELECT ev.code, ev.valid_from, ev.valid_to, ev.change_id, ev.name_zh, ev.attrs, ev.owner, ev.facet, CAST(ev.weight AS BIGINT) AS weight, top.score \
     FROM top JOIN entity_version ev ON ev.id = top.id ORDER BY top.score DESC, top.code, top.valid_from"
);

// The bulk path's SQL (see `sql_bulk`): `->>` reads the payload row by position.
// CROSS JOIN keeps the payload as the
// outer loop: left to itself, SQLite scanned every version of the kind and the
// payload once per version.
impl_bulk!(
    SqliteStore,
    "UPDATE entity_version SET superseded_by = $3 WHERE id IN ( \
       SELECT ev.id FROM json_each($2) AS j CROSS JOIN entity_version AS ev \
       WHERE ev.kind = $1 AND ev.code = j.value->>0 AND ev.valid_from = j.value->>1 AND ev.superseded_by IS NULL) \
     RETURNING code, valid_from, valid_to, change_id, attrs",
    "INSERT INTO entity_version (kind, code, valid_from, valid_to, change_id, name_zh, attrs, owner, facet, weight) \
     SELECT $1, value->>0, value->>1, value->>2, value->>3, value->>4, value->>5, value->>6, value->>7, value->>8 \
     FROM json_each($2) ORDER BY key RETURNING id, code, valid_from",
    Some(
        "INSERT INTO change_item (change_id, kind, code, before_json, after_json) \
         SELECT value->>3, $1, value->>0, value->>10, value->>9 FROM json_each($2) ORDER BY key"
    )
);

/// The bulk path's search rows (see `sql_bulk`): FTS5 takes them as they come, so
/// there is nothing to prepare or finish.
impl SqliteStore {
    pub(crate) async fn bulk_search_begin(
        _conn: &mut sqlx::SqliteConnection,
        _rows: usize,
    ) -> Result<(), StoreError> {
        Ok(())
    }

    /// A version's search row: its FTS5 columns.
    pub(crate) fn search_row(
        t: &zonegov_domain::search::SearchText,
    ) -> Result<crate::sql_search::SearchRow, StoreError> {
        Ok(crate::sql_search::search_row(t))
    }

    /// One chunk's rows (or the single row of `index_search`) as one JSON array
    /// of `[id, search row]`: `$[1].name` is a field of the search row.
    pub(crate) async fn write_search_rows(
        conn: &mut sqlx::SqliteConnection,
        rows: &[(i64, crate::sql_search::SearchRow)],
    ) -> Result<(), StoreError> {
        let payload = serde_json::to_string(rows)
            .map_err(|e| StoreError::Corrupt(format!("cannot encode: {e}")))?;
        sqlx::query(
            "INSERT INTO search_index (rowid, name, body, basis) \
             SELECT value->>0, value->>'$[1].name', value->>'$[1].body', value->>'$[1].basis' \
             FROM json_each($1) ORDER BY key",
        )
        .bind(payload)
        .execute(conn)
        .await?;
        Ok(())
    }

    pub(crate) async fn bulk_search_end(
        _conn: &mut sqlx::SqliteConnection,
        _state: (),
    ) -> Result<(), StoreError> {
        Ok(())
    }
}
