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
impl_token_store!(PgStore);

// ts_rank_cd weights {D, C, B, A}: name (A) 1.0, body (B) 0.2, basis (C) 0.1, the
// ratios of SQLite's bm25 weights; an exact name adds 1000 so it ranks first.
impl_search!(
    PgStore,
    sqlx::PgConnection,
    false,
    "INSERT INTO search_index (version_id, tokens) SELECT $1, CAST($5 AS tsvector) \
     WHERE $2 IS NOT NULL AND $3 IS NOT NULL AND $4 IS NOT NULL",
    "WITH exact AS MATERIALIZED (SELECT ev.id AS id FROM entity_version ev \
        WHERE ev.kind = $3 AND ev.name_zh = $2 AND ev.superseded_by IS NULL \
          AND (CAST($4 AS DATE) IS NULL OR (ev.valid_from <= $4 AND (ev.valid_to IS NULL OR ev.valid_to > $4))) \
          AND (CAST($5 AS TEXT) IS NULL OR COALESCE(ev.owner, ev.code) IN (SELECT jsonb_array_elements_text(CAST($5 AS jsonb)))) \
        LIMIT $8), \
     w AS MATERIALIZED (SELECT s.version_id AS id, \
            CASE WHEN s.tokens @@ CAST($9 AS tsquery) THEN 2 ELSE 1 END AS tier \
        FROM search_index s JOIN entity_version ev ON ev.id = s.version_id \
        WHERE s.tokens @@ CAST($1 AS tsquery) AND ev.kind = $3 AND ev.superseded_by IS NULL \
          AND (CAST($4 AS DATE) IS NULL OR (ev.valid_from <= $4 AND (ev.valid_to IS NULL OR ev.valid_to > $4))) \
          AND (CAST($5 AS TEXT) IS NULL OR COALESCE(ev.owner, ev.code) IN (SELECT jsonb_array_elements_text(CAST($5 AS jsonb)))) \
        LIMIT (CASE WHEN (SELECT COUNT(*) FROM exact) < $6 + $7 THEN $8 ELSE 0 END)), \
     c AS (SELECT id, MAX(tier) AS tier FROM \
            (SELECT id, tier FROM w UNION ALL SELECT id, 3 FROM exact) u GROUP BY id), \
     top AS MATERIALIZED (SELECT ev.id, ev.code, ev.valid_from, \
            CAST(c.tier * 100000 - char_length(ev.name_zh) AS DOUBLE PRECISION) AS score \
        FROM c JOIN entity_version ev ON ev.id = c.id \
        ORDER BY score DESC, ev.code, ev.valid_from LIMIT $6 OFFSET $7) \
     SELECT ev.code, ev.valid_from, ev.valid_to, ev.change_id, ev.name_zh, ev.attrs, ev.owner, ev.facet, CAST(ev.weight AS BIGINT) AS weight, top.score \
     FROM top JOIN entity_version ev ON ev.id = top.id ORDER BY top.score DESC, top.code, top.valid_from"
);

// The bulk path's SQL (see `sql_bulk`): the payload is cast to `jsonb` once and
// read by position (as `json`, every `->>` re-parsed the element's text: 0.7 s a
// chunk of 2,000). The keys to supersede are materialised first, so the planner looks
// each one up in the index instead of re-reading the JSON per version.
impl_bulk!(
    PgStore,
    "WITH j AS MATERIALIZED (SELECT j.value->>0 AS code, CAST(j.value->>1 AS DATE) AS valid_from \
                            FROM jsonb_array_elements(CAST($2 AS jsonb)) AS j(value)) \
     UPDATE entity_version AS ev SET superseded_by = $3 FROM j \
     WHERE ev.kind = $1 AND ev.superseded_by IS NULL AND ev.code = j.code AND ev.valid_from = j.valid_from \
     RETURNING ev.code, ev.valid_from, ev.valid_to, ev.change_id, ev.attrs",
    "INSERT INTO entity_version (kind, code, valid_from, valid_to, change_id, name_zh, attrs, owner, facet, weight) \
     SELECT $1, j.value->>0, CAST(j.value->>1 AS DATE), CAST(j.value->>2 AS DATE), j.value->>3, j.value->>4, \
            CAST(j.value->>5 AS jsonb), j.value->>6, j.value->>7, CAST(j.value->>8 AS INTEGER) \
     FROM jsonb_array_elements(CAST($2 AS jsonb)) WITH ORDINALITY AS j(value, n) ORDER BY j.n \
     RETURNING id, code, valid_from",
    "INSERT INTO search_index (version_id, tokens) \
     SELECT CAST(j.value->>0 AS BIGINT), CAST(j.value->1->>'tsvector' AS tsvector) \
     FROM jsonb_array_elements(CAST($1 AS jsonb)) AS j(value)",
    "INSERT INTO change_item (change_id, kind, code, before_json, after_json) \
     SELECT j.value->>3, $1, j.value->>0, CAST(j.value->>10 AS jsonb), CAST(j.value->>9 AS jsonb) \
     FROM jsonb_array_elements(CAST($2 AS jsonb)) WITH ORDINALITY AS j(value, n) ORDER BY j.n"
);
