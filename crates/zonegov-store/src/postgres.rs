//! PostgreSQL, for provincial or national deployments.

use crate::sql::{impl_record_store, impl_store_handle};
use crate::sql_accounts::impl_account_store;
use crate::sql_adjust::impl_adjustment_store;
use crate::sql_audit::impl_audit_store;
use crate::sql_bulk::impl_bulk;
use crate::sql_perf::impl_perf_store;
use crate::sql_search::impl_search;
use crate::sql_tokens::impl_token_store;
use crate::{Backend, StoreError};
use sqlx::PgPool;
use sqlx::postgres::PgPoolOptions;

pub struct PgStore {
    /// List counts kept per data revision.
    tallies: crate::tally_memo::TallyMemo,
    pool: PgPool,
}

impl PgStore {
    pub async fn open(url: &str) -> Result<Self, StoreError> {
        let pool = PgPoolOptions::new()
            .max_connections(10)
            .connect(url)
            .await?;
        sqlx::migrate!("./migrations/postgres").run(&pool).await?;
        Ok(Self {
            tallies: Default::default(),
            pool,
        })
    }

    /// Gathers the planner's statistics for the tables a bulk write filled.
    /// Autovacuum would, a minute later; until then the planner takes a freshly
    /// loaded list for empty and probes the search index row by row (50 ms for a
    /// search on 4,740 items instead of 2).
    pub(crate) async fn refresh_statistics(&self) -> Result<(), StoreError> {
        sqlx::query("ANALYZE entity_version")
            .execute(&self.pool)
            .await?;
        sqlx::query("ANALYZE search_index")
            .execute(&self.pool)
            .await?;
        sqlx::query("ANALYZE search_name")
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}

impl_record_store!(
    PgStore,
    sqlx::Postgres,
    "(SELECT jsonb_array_elements_text(CAST($4 AS jsonb)))",
    "(SELECT jsonb_array_elements_text(CAST($3 AS jsonb)))",
    "(attrs->'name'->>'en')",
    "(attrs->'provenance'->>'source')"
);

impl_store_handle!(PgStore, Backend::Postgres);
impl_account_store!(PgStore);
impl_audit_store!(PgStore);
impl_adjustment_store!(
    PgStore,
    sqlx::Postgres,
    "(SELECT jsonb_array_elements_text(CAST($2 AS jsonb)))"
);
impl_perf_store!(PgStore);

impl PgStore {
    /// One round trip (the web's `RevisionReader` lets concurrent requests share it).
    async fn read_revision(&self) -> Result<crate::perf::Revision, StoreError> {
        crate::sql_perf::pooled_revision!(&self.pool)
    }
}
impl_token_store!(PgStore);

// Ranking as `sql_search::search_window` describes. The name window `n` reads the
// narrow `search_name` (migration 0010); the all-field window `w` only runs when
// exact names and `n` do not fill the page, and takes each row's name tier from
// `search_name` by key, never from the wide `tokens` (a scalar subquery: as EXISTS
// the planner costed a hashed scan of the whole table, and the inflated estimate
// switched JIT on: 88 ms). `$1` is unweighted: on `search_name`, which holds only
// the name's positions, it matches exactly what `$9` (weight A) matches in the name.
// A window is gated by a condition on the earlier ones (a one-time filter: when
// false its scan never starts), not by a computed LIMIT: the planner cannot read a
// LIMIT holding a subquery, plans for 10 % of the matches and builds a whole GIN
// bitmap (18,700 rows for 用地: 2.5-6 ms) where walking the narrow table fills the
// window in 0.8 ms. Kind, dates, scope and name come from `entity_version_search`
// (0010), an index-only probe instead of a page of a wide row each; `top` repeats
// `superseded_by IS NULL` (true of every id there) so that the partial index serves it.
impl_search!(
    PgStore,
    sqlx::PgConnection,
    false,
    "WITH exact AS MATERIALIZED (SELECT ev.id AS id FROM entity_version ev \
        WHERE ev.kind = $3 AND ev.name_zh = $2 AND ev.superseded_by IS NULL \
          AND (CAST($4 AS DATE) IS NULL OR (ev.valid_from <= $4 AND (ev.valid_to IS NULL OR ev.valid_to > $4))) \
          AND (CAST($5 AS TEXT) IS NULL OR COALESCE(ev.owner, ev.code) IN (SELECT jsonb_array_elements_text(CAST($5 AS jsonb)))) \
        LIMIT $8), \
     n AS MATERIALIZED (SELECT s.version_id AS id \
        FROM search_name s JOIN entity_version ev ON ev.id = s.version_id \
        WHERE s.tokens @@ CAST($1 AS tsquery) AND ev.kind = $3 AND ev.superseded_by IS NULL \
          AND (CAST($4 AS DATE) IS NULL OR (ev.valid_from <= $4 AND (ev.valid_to IS NULL OR ev.valid_to > $4))) \
          AND (CAST($5 AS TEXT) IS NULL OR COALESCE(ev.owner, ev.code) IN (SELECT jsonb_array_elements_text(CAST($5 AS jsonb)))) \
          AND (SELECT COUNT(*) FROM exact) < $6 + $7 \
        LIMIT $8), \
     w AS MATERIALIZED (SELECT s.version_id AS id, \
            CASE WHEN (SELECT sn.tokens @@ CAST($9 AS tsquery) FROM search_name sn \
                       WHERE sn.version_id = s.version_id) THEN 2 ELSE 1 END AS tier \
        FROM search_index s JOIN entity_version ev ON ev.id = s.version_id \
        WHERE s.tokens @@ CAST($1 AS tsquery) AND ev.kind = $3 AND ev.superseded_by IS NULL \
          AND (CAST($4 AS DATE) IS NULL OR (ev.valid_from <= $4 AND (ev.valid_to IS NULL OR ev.valid_to > $4))) \
          AND (CAST($5 AS TEXT) IS NULL OR COALESCE(ev.owner, ev.code) IN (SELECT jsonb_array_elements_text(CAST($5 AS jsonb)))) \
          AND (SELECT COUNT(*) FROM (SELECT id FROM exact UNION SELECT id FROM n) k) < $6 + $7 \
        LIMIT $8), \
     c AS (SELECT id, MAX(tier) AS tier FROM \
            (SELECT id, tier FROM w UNION ALL SELECT id, 2 FROM n UNION ALL SELECT id, 3 FROM exact) u GROUP BY id), \
     top AS MATERIALIZED (SELECT ev.id, ev.code, ev.valid_from, \
            CAST(c.tier * 100000 - char_length(ev.name_zh) AS DOUBLE PRECISION) AS score \
        FROM c JOIN entity_version ev ON ev.id = c.id AND ev.superseded_by IS NULL \
        ORDER BY score DESC, ev.code, ev.valid_from LIMIT $6 OFFSET $7) \
     SELECT ev.code, ev.valid_from, ev.valid_to, ev.change_id, ev.name_zh, ev.attrs, ev.owner, ev.facet, CAST(ev.weight AS BIGINT) AS weight, top.score \
     FROM top JOIN entity_version ev ON ev.id = top.id ORDER BY top.score DESC, top.code, top.valid_from"
);

// The bulk path's SQL (see `sql_bulk`): the payload is cast to `jsonb` once and
// read by position (as `json`, every `->>` re-parsed the element's text: 0.7 s a
// chunk of 2,000). The keys to supersede are materialised first, so the planner looks
// each one up in the index instead of re-reading the JSON per version. One statement
// writes a chunk's versions and their change items (`ci`, a data-modifying CTE, which
// PostgreSQL runs to completion after the versions): the payload (3-4 MB a chunk)
// travels and is parsed once; as two statements its second parse was ~0.4 s of a
// 100,000-row import.
impl_bulk!(
    PgStore,
    "WITH j AS MATERIALIZED (SELECT j.value->>0 AS code, CAST(j.value->>1 AS DATE) AS valid_from \
                            FROM jsonb_array_elements(CAST($2 AS jsonb)) AS j(value)) \
     UPDATE entity_version AS ev SET superseded_by = $3 FROM j \
     WHERE ev.kind = $1 AND ev.superseded_by IS NULL AND ev.code = j.code AND ev.valid_from = j.valid_from \
     RETURNING ev.code, ev.valid_from, ev.valid_to, ev.change_id, ev.attrs",
    "WITH j AS MATERIALIZED (SELECT j.value, j.n FROM jsonb_array_elements(CAST($2 AS jsonb)) WITH ORDINALITY AS j(value, n)), \
     ci AS (INSERT INTO change_item (change_id, kind, code, before_json, after_json) \
            SELECT j.value->>3, $1, j.value->>0, CAST(j.value->>10 AS jsonb), CAST(j.value->>9 AS jsonb) \
            FROM j ORDER BY j.n) \
     INSERT INTO entity_version (kind, code, valid_from, valid_to, change_id, name_zh, attrs, owner, facet, weight) \
     SELECT $1, j.value->>0, CAST(j.value->>1 AS DATE), CAST(j.value->>2 AS DATE), j.value->>3, j.value->>4, \
            CAST(j.value->>5 AS jsonb), j.value->>6, j.value->>7, CAST(j.value->>8 AS INTEGER) \
     FROM j ORDER BY j.n \
     RETURNING id, code, valid_from",
    None
);

impl PgStore {
    /// Forgets this connection's cached plans before a bulk write, so the
    /// foreign-key checks of the search rows (`search_index`, `search_name` →
    /// `entity_version`) are planned again against the table as it is now. The
    /// server keeps a plan per connection for each check, made at its first use:
    /// on a connection that wrote a few versions while `entity_version` was nearly
    /// empty (the demo zone's load before an import) that plan is a sequential
    /// scan, and every check of an import on that connection then read the whole
    /// growing table — chunk statements of 1.3 s rising to 6.5 s, an import of
    /// 43-77 s instead of 10, depending on which pooled connection the import got
    /// (`pg_stat_user_tables`: 89,364 sequential scans of `entity_version`, 567
    /// million rows read, against 9,556 and 15.6 million in a normal run). Inside
    /// the transaction; the statements this store prepares are planned again too,
    /// once. Migration 0012 has since dropped those two foreign keys (the checks
    /// themselves cost ~0.75 s of server time an import); this stays for any other
    /// plan made while a table was small, and costs nothing measurable. The search
    /// indexes themselves stay: dropping the GIN indexes for a large write and
    /// building them at its end saved about 1 s of a 100,000-row import and was not
    /// kept (its slow runs were this stale plan).
    pub(crate) async fn bulk_search_begin(
        conn: &mut sqlx::PgConnection,
        _rows: usize,
    ) -> Result<(), StoreError> {
        sqlx::query("DISCARD PLANS").execute(conn).await?;
        Ok(())
    }

    /// A version's search row: its `tsvector` in the binary form (the server
    /// parsed the text literal at ~55 us a row, most of this statement's time).
    pub(crate) fn search_row(
        t: &zonegov_domain::search::SearchText,
    ) -> Result<crate::pg_tsvector::TsVectorBin, StoreError> {
        crate::pg_tsvector::TsVectorBin::new(t)
    }

    /// One chunk's search rows (or the single row of `index_search`): ids and
    /// binary tsvectors as two arrays.
    pub(crate) async fn write_search_rows(
        conn: &mut sqlx::PgConnection,
        rows: &[(i64, crate::pg_tsvector::TsVectorBin)],
    ) -> Result<(), StoreError> {
        let ids: Vec<i64> = rows.iter().map(|(id, _)| *id).collect();
        let tokens: Vec<&crate::pg_tsvector::TsVectorBin> = rows.iter().map(|(_, r)| r).collect();
        sqlx::query(
            "WITH s AS (INSERT INTO search_index (version_id, tokens) \
                        SELECT id, t FROM UNNEST(CAST($1 AS BIGINT[]), CAST($2 AS tsvector[])) AS u(id, t) \
                        RETURNING version_id, tokens) \
             INSERT INTO search_name (version_id, tokens) SELECT version_id, ts_filter(tokens, '{a}') FROM s",
        )
        .bind(ids)
        .bind(tokens)
        .execute(conn)
        .await?;
        Ok(())
    }

    pub(crate) async fn bulk_search_end(
        _conn: &mut sqlx::PgConnection,
        _state: (),
    ) -> Result<(), StoreError> {
        Ok(())
    }
}
