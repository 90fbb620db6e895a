//! Full-text search: writing a version's tokens into the index and the ranked
//! query. The tokens and the match expression come from `zonegov_domain::search`
//! (identical on both databases); only how they are stored and matched differs, so
//! each backend passes its SQL as literals and writes its own search rows:
//!
//! - `Self::search_row(&SearchText)` makes a version's row (SQLite a [`SearchRow`],
//!   PostgreSQL a binary `tsvector`, `pg_tsvector.rs`) and
//!   `Self::write_search_rows(conn, &[(id, row)])` writes rows: the one place for
//!   both the single-row write (`index_search`) and the bulk path (`sql_bulk`).
//! - `$search_sql`: binds `$1` the match expression of this backend, `$2` the query
//!   text (an exact name ranks first), `$3` kind, `$4` as-of day, `$5` scope (JSON
//!   array), `$6` limit, `$7` offset, `$8` the window (see [`search_window`]),
//!   `$9` the match expression restricted to the name; selects the version's
//!   columns and `score` (see [`search_window`]: higher is better).
//! - `$fts5`: whether `$1` is the FTS5 expression (else the tsquery literal).

/// A version's FTS5 columns, from its tokens: `name`, `body` and `basis`, tokens
/// space-separated (SQLite's search row; `sql_bulk` and `sqlite.rs` read these
/// fields by name).
#[derive(Debug, Clone, serde::Serialize)]
pub(crate) struct SearchRow {
    pub name: String,
    pub body: String,
    pub basis: String,
}

pub(crate) fn search_row(t: &zonegov_domain::search::SearchText) -> SearchRow {
    SearchRow {
        name: joined(&t.name),
        body: joined(&t.body),
        basis: joined(&t.basis),
    }
}

/// `doc_tokens(text).join(" ")` without a `String` per token.
fn joined(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    zonegov_domain::search::each_token(text, &mut |t| {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(t);
    });
    out
}

macro_rules! impl_search {
    ($store:ty, $conn:ty, $fts5:literal, $search_sql:literal) => {
        impl $store {
            /// Indexes one stored version's search text, inside the writing
            /// transaction, as the bulk path does (one row).
            pub(crate) async fn index_search(
                conn: &mut $conn,
                id: i64,
                text: &zonegov_domain::search::SearchText,
            ) -> Result<(), $crate::StoreError> {
                let row = Self::search_row(text)?;
                Self::write_search_rows(conn, &[(id, row)]).await
            }

            async fn changed_since_impl(
                &self,
                kind: zonegov_domain::EntityKind,
                since: zonegov_domain::NaiveDate,
                until: zonegov_domain::NaiveDate,
                limit: u32,
            ) -> Result<Vec<zonegov_domain::record::StoredVersion>, $crate::StoreError> {
                use sqlx::Row as _;
                use sqlx::types::Json;
                let rows = sqlx::query(
                    "SELECT code, valid_from, valid_to, change_id, name_zh, attrs, owner, facet, CAST(weight AS BIGINT) AS weight FROM entity_version \
                     WHERE kind = $1 AND superseded_by IS NULL \
                       AND ((valid_from > $2 AND valid_from <= $3) OR (valid_to > $2 AND valid_to <= $3)) \
                     ORDER BY COALESCE(valid_to, valid_from) DESC, valid_from DESC, code LIMIT $4",
                )
                .bind(kind.code())
                .bind(since)
                .bind(until)
                .bind(i64::from(limit))
                .fetch_all(&self.pool)
                .await?;
                rows.into_iter()
                    .map(|row| {
                        let attrs: Json<serde_json::Value> = row.try_get("attrs")?;
                        let mut v = $crate::rows::stored(
                            row.try_get("code")?,
                            row.try_get("valid_from")?,
                            row.try_get("valid_to")?,
                            row.try_get("change_id")?,
                            row.try_get("name_zh")?,
                            attrs.0,
                        )?;
                        v.owner = row.try_get::<Option<String>, _>("owner")?.map($crate::rows::code).transpose()?;
                        v.facet = row.try_get("facet")?;
                        Ok(v)
                    })
                    .collect()
            }

            async fn search_impl(
                &self,
                q: &$crate::SearchQuery<'_>,
            ) -> Result<Vec<$crate::SearchHit>, $crate::StoreError> {
                use sqlx::Row as _;
                use sqlx::types::Json;
                let Some(parsed) = zonegov_domain::search::parse_query(q.text) else {
                    return Ok(Vec::new());
                };
                let (expr, in_name) = if $fts5 {
                    (parsed.fts5(), parsed.fts5_in_name())
                } else {
                    (parsed.tsquery(), parsed.tsquery_in_name())
                };
                let scope = q
                    .scope
                    .map(serde_json::to_string)
                    .transpose()
                    .map_err(|e| $crate::StoreError::Corrupt(e.to_string()))?;
                // Not a prepared statement kept for reuse: PostgreSQL plans an unnamed
                // one with the values, and whether to walk the key order or the GIN
                // index depends on how common the words are (a cached generic plan
                // would pick one for every query). SQLite plans the same either way.
                // In a transaction of its own so that the settings (PostgreSQL, local
                // to it) end with it: no parallel workers and no JIT for a query that
                // reads one window — starting workers, or compiling (tens of ms when a
                // misestimate crosses `jit_above_cost`), costs more than the query.
                let mut tx = self.pool.begin().await?;
                if !$fts5 {
                    sqlx::query(
                        "SELECT set_config('max_parallel_workers_per_gather', '0', true), \
                                set_config('jit', 'off', true)",
                    )
                    .execute(&mut *tx)
                    .await?;
                }
                let rows = sqlx::query($search_sql)
                    .persistent(false)
                    .bind(expr)
                    .bind(q.text.trim())
                    .bind(q.kind.code())
                    .bind(q.as_of)
                    .bind(scope)
                    .bind(i64::from(q.limit))
                    .bind(i64::from(q.offset))
                    .bind(i64::from($crate::sql_search::search_window(q)))
                    .bind(in_name)
                    .fetch_all(&mut *tx)
                    .await?;
                tx.commit().await?;
                rows.into_iter()
                    .map(|row| {
                        let attrs: Json<serde_json::Value> = row.try_get("attrs")?;
                        let mut v = $crate::rows::stored(
                            row.try_get("code")?,
                            row.try_get("valid_from")?,
                            row.try_get("valid_to")?,
                            row.try_get("change_id")?,
                            row.try_get("name_zh")?,
                            attrs.0,
                        )?;
                        v.owner = row
                            .try_get::<Option<String>, _>("owner")?
                            .map($crate::rows::code)
                            .transpose()?;
                        v.facet = row.try_get("facet")?;
                        v.weight =
                            u32::try_from(row.try_get::<i64, _>("weight")?).unwrap_or(u32::MAX);
                        Ok($crate::SearchHit {
                            version: v,
                            score: row.try_get("score")?,
                        })
                    })
                    .collect()
            }
        }
    };
}

pub(crate) use impl_search;

/// The fewest matches a search ranks.
const MIN_WINDOW: u32 = 200;

/// How many matches a search ranks, and how.
///
/// Which: every exact name (by its own index) and, unless exact names fill the
/// page, the first `window` matches that pass the kind, date and scope filters.
/// The window is `MIN_WINDOW`, or twice the end of the page asked for. "First":
/// in FTS5's rowid order (forwards: it walks a long phrase's doclists twice as
/// fast as backwards); in PostgreSQL in whatever order the plan yields them (a GIN
/// bitmap in storage order, or a scan that stops at the window for a very common
/// word), so no sort forces it to collect every match first. Both also take a
/// second window of name matches, so name matches further down a national list are
/// found too: SQLite from FTS5 (which stops early at no cost), PostgreSQL from the
/// narrow `search_name` (migration 0010). PostgreSQL reads its all-field window only
/// when exact names and name matches do not fill the page: when they do, a match in
/// the duties only ranks below every row of the page, so the page is the same (its
/// GIN bitmap of a mid-frequency word was the search's main cost). Within one
/// zone's list every match is in the window: both agree.
///
/// Order: an exact name, then a match in the name, then a match in the duties or
/// bases only; within each, the shorter name first (the closer the name is to
/// the words), then the code. The same on both databases, and explainable to the
/// person who searched.
///
/// Why not BM25 or `ts_rank` over every match: both cost time in proportion to
/// the matches (FTS5's bm25 counts each phrase's documents for its IDF on every
/// query; `ts_rank` reads every matching row's tsvector), and a two-character word
/// such as 处罚 matches most of a national list (170,000 of 281,000 items). Both
/// engines can hand back matches in key order and stop, so a search costs the
/// window, not the matches. Within one zone's list (1,580 items) every match fits
/// in the window and the order is exact; over a national list a very common word
/// orders the first of its matches, and the portal asks for narrower words.
pub(crate) fn search_window(q: &crate::SearchQuery<'_>) -> u32 {
    MIN_WINDOW.max(q.offset.saturating_add(q.limit).saturating_mul(2))
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_joined_field_is_its_tokens_joined() {
        for text in [
            "",
            "火",
            "对违反消防安全管理规定的处罚，ＸＫ０１ ab",
            "a:b \"c\"",
        ] {
            assert_eq!(
                super::joined(text),
                zonegov_domain::search::doc_tokens(text).join(" ")
            );
        }
    }
}
