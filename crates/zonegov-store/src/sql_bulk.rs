//! The one bulk write path ([`crate::RecordStore::append_versions`]): a list import
//! of 100,000 rows and the synthetic national list both go through it. Set-based:
//! each chunk of versions travels as ONE JSON array parameter, and three statements
//! per chunk write the versions, their search rows and their change items
//! (`INSERT … SELECT … FROM json_each($2)` on SQLite, `json_array_elements` on
//! PostgreSQL), instead of a round trip or a bound parameter per row (sqlx looks
//! each `$N` up by name: 10,000 parameters a statement made binding quadratic, 23 %
//! of the old import's CPU). Everything
//! runs in one transaction: any failure (a clash with a current version, a missing
//! version to supersede) leaves nothing behind.
//!
//! A version's row in the payload is an array, read by position in the SQL:
//! `[code, valid_from, valid_to, change, name_zh, attrs (JSON text), owner, facet,
//! weight, after_json (text), before_json (text or null)]`. The versions' INSERT
//! returns the new ids; the search rows then go to the backend's
//! `write_search_rows` as `(id, row)`, the row from the backend's `search_row`,
//! the one place a version becomes its search row (FTS5 columns in SQLite, a
//! binary `tsvector` in PostgreSQL). (Joining the payload back to the new rows by key in SQL let both
//! planners loop over the JSON once per version: 10 s for 800 items.)

use crate::StoreError;
use serde_json::Value;
use zonegov_domain::record::StoredVersion;

/// Versions per chunk: big enough that the three statements' overhead is noise,
/// small enough that a chunk's JSON (a few MB) never matters for memory.
pub(crate) const CHUNK: usize = 2_000;

/// Supersede entries per UPDATE.
pub(crate) const SUPERSEDE_CHUNK: usize = 2_000;

/// The keys [`crate::rows::whole`] puts before a version's attributes.
const HEAD_KEYS: [&str; 4] = ["code", "valid_from", "valid_to", "change"];

/// A version as the payload row described above.
pub(crate) fn payload_row(v: &StoredVersion, before: Option<&String>) -> Result<Value, StoreError> {
    let encode = |e: serde_json::Error| StoreError::Corrupt(format!("cannot encode: {e}"));
    let attrs = serde_json::to_string(&v.attrs).map_err(encode)?;
    let after = whole_text(v, &attrs).map_err(encode)?;
    Ok(Value::Array(vec![
        Value::from(v.code.as_str()),
        Value::from(v.period.from().to_string()),
        v.period
            .to()
            .map_or(Value::Null, |d| Value::from(d.to_string())),
        Value::from(v.change.as_str()),
        Value::from(v.name_zh.as_str()),
        Value::from(attrs),
        v.owner
            .as_ref()
            .map_or(Value::Null, |o| Value::from(o.as_str())),
        v.facet.as_deref().map_or(Value::Null, Value::from),
        Value::from(v.weight),
        Value::from(after),
        before.map_or(Value::Null, |b| Value::from(b.as_str())),
    ]))
}

/// [`crate::rows::whole`] as JSON text, spliced from the already-encoded attributes
/// instead of building and encoding a second tree per version.
fn whole_text(v: &StoredVersion, attrs: &str) -> Result<String, serde_json::Error> {
    let clashes = v
        .attrs
        .as_object()
        .is_none_or(|o| HEAD_KEYS.iter().any(|k| o.contains_key(*k)));
    if clashes {
        return serde_json::to_string(&crate::rows::whole(v));
    }
    let head = serde_json::json!({
        "code": v.code.as_str(),
        "valid_from": v.period.from(),
        "valid_to": v.period.to(),
        "change": v.change.as_str(),
    })
    .to_string();
    let (Some(head), Some(rest)) = (head.strip_suffix('}'), attrs.strip_prefix('{')) else {
        return serde_json::to_string(&crate::rows::whole(v));
    };
    Ok(if rest == "}" {
        format!("{head}}}")
    } else {
        format!("{head},{rest}")
    })
}

/// The bulk write for one backend. SQL, by position of the macro's literals:
/// - `$supersede_sql`: binds `$1` kind, `$2` a JSON array of `[code, valid_from]`,
///   `$3` the superseding change set; marks each current version superseded and
///   returns `code, valid_from, valid_to, change_id, attrs` of each row it changed;
/// - `$version_sql`, `$item_sql`: bind `$1` kind, `$2` the chunk's payload; write
///   the versions (returning `id, code, valid_from`) and the change items.
///   `$item_sql` is an `Option`: `None` when `$version_sql` writes the change items
///   too (PostgreSQL: one statement parses the chunk's payload once, instead of
///   receiving and parsing its 3-4 MB a second time);
///
/// The search rows are each backend's own (`bulk_search_begin`, `write_search_rows`,
/// `bulk_search_end` in `sqlite.rs` / `postgres.rs`): PostgreSQL's GIN index is the
/// one part of a bulk write whose cost depends on how it is written.
macro_rules! impl_bulk {
    ($store:ty, $supersede_sql:literal, $version_sql:literal, $item_sql:expr) => {
        impl $store {
            async fn append_versions_impl(
                &self,
                w: &$crate::BulkWrite<'_>,
            ) -> Result<usize, $crate::StoreError> {
                use sqlx::Row as _;
                let kind = w.versions.kind();
                let kind_code = kind.code();
                let encode = |e: serde_json::Error| $crate::StoreError::Corrupt(format!("cannot encode: {e}"));
                let mut tx = self.pool.begin().await?;
                let now = chrono::Utc::now();
                for c in w.changes {
                    let found = sqlx::query("SELECT id FROM change_set WHERE id = $1")
                        .bind(c.id.as_str())
                        .fetch_optional(&mut *tx)
                        .await?;
                    if found.is_some() {
                        return Err($crate::StoreError::Conflict(format!("change set {} already exists", c.id)));
                    }
                    sqlx::query("INSERT INTO change_set (id, effective, doc_no, reason_zh, reason_en, actor, recorded_at, source, basis, facts) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)")
                        .bind(c.id.as_str())
                        .bind(c.effective)
                        .bind(&c.doc_no)
                        .bind(&c.reason.zh)
                        .bind(&c.reason.en)
                        .bind(&c.actor)
                        .bind(c.recorded_at.unwrap_or(now))
                        .bind(c.provenance.source.to_string())
                        .bind(&c.provenance.basis)
                        .bind(c.provenance.facts_cell())
                        .execute(&mut *tx)
                        .await?;
                }
                // The superseded versions, as each new version of the same code's "before".
                let mut before: std::collections::HashMap<String, String> = std::collections::HashMap::new();
                let mut by_change: std::collections::BTreeMap<&str, Vec<(&str, zonegov_domain::NaiveDate)>> = std::collections::BTreeMap::new();
                for s in w.supersede {
                    by_change.entry(s.by.as_str()).or_default().push((s.code.as_str(), s.from));
                }
                for (by, all) in &by_change {
                    for chunk in all.chunks($crate::sql_bulk::SUPERSEDE_CHUNK) {
                        let payload = serde_json::to_string(chunk).map_err(encode)?;
                        let rows = sqlx::query($supersede_sql).bind(kind_code).bind(payload).bind(*by).fetch_all(&mut *tx).await?;
                        let mut found = std::collections::HashSet::with_capacity(rows.len());
                        for row in &rows {
                            let code: String = row.try_get("code")?;
                            let from: zonegov_domain::NaiveDate = row.try_get("valid_from")?;
                            found.insert((code.clone(), from));
                            let whole = $crate::rows::whole_from_row(row)?;
                            before.insert(code, serde_json::to_string(&whole).map_err(encode)?);
                        }
                        if let Some((code, from)) = chunk.iter().find(|(c, f)| !found.contains(&((*c).to_owned(), *f))) {
                            return Err($crate::StoreError::Conflict(format!("{kind_code} {code} has no current version from {from}")));
                        }
                    }
                }
                let total = w.versions.len();
                let index = Self::bulk_search_begin(&mut tx, total).await?;
                // Encoded chunk by chunk: only one chunk's JSON trees exist at a time.
                let prepare = |start: usize| -> Result<_, $crate::StoreError> {
                    let range = start..(start + $crate::sql_bulk::CHUNK).min(total);
                    let chunk = w.versions.to_stored_range(range.clone()).map_err(encode)?;
                    let rows = chunk
                        .iter()
                        .map(|v| $crate::sql_bulk::payload_row(v, before.get(v.code.as_str())))
                        .collect::<Result<Vec<_>, _>>()?;
                    let payload = serde_json::to_string(&rows).map_err(encode)?;
                    Ok((range, chunk, payload))
                };
                // The database and this process work at the same time: while a
                // statement runs (its future has sent it and waits), the other future
                // of each `join` computes what the next statement needs (search
                // tokens, the next chunk's payload). Run one after the other, a
                // 2-core machine left one core idle for most of an import.
                let mut next = if total > 0 { Some(prepare(0)?) } else { None };
                while let Some((range, chunk, payload)) = next.take() {
                    let start = range.start;
                    let chunk = chunk.as_slice();
                    let insert = sqlx::query($version_sql)
                        .bind(kind_code)
                        .bind(&payload)
                        .fetch_all(&mut *tx);
                    let tokens = async {
                        w.versions
                            .search_texts_range(range)
                            .iter()
                            .map(|t| t.as_ref().map(Self::search_row).transpose())
                            .collect::<Result<Vec<_>, $crate::StoreError>>()
                    };
                    let (ids, tokens) = futures_util::future::join(insert, tokens).await;
                    let ids = ids.map_err(|e| match e {
                        sqlx::Error::Database(d) if d.is_unique_violation() => $crate::StoreError::Conflict(format!(
                            "{kind_code}: a version clashes with a current one (same code and start): {d}"
                        )),
                        e => e.into(),
                    })?;
                    let tokens = tokens?;
                    // RETURNING's order is not promised: new ids are matched by key.
                    let mut id_of = std::collections::HashMap::with_capacity(ids.len());
                    for row in ids {
                        let code: String = row.try_get("code")?;
                        let from: zonegov_domain::NaiveDate = row.try_get("valid_from")?;
                        id_of.insert((code, from), row.try_get::<i64, _>("id")?);
                    }
                    let search = chunk
                        .iter()
                        .zip(tokens)
                        .filter_map(|(v, row)| {
                            let id = id_of.get(&(v.code.as_str().to_owned(), v.period.from()))?;
                            Some((*id, row?))
                        })
                        .collect::<Vec<_>>();
                    let write = async {
                        if !search.is_empty() {
                            Self::write_search_rows(&mut tx, &search).await?;
                        }
                        let items: Option<&'static str> = $item_sql;
                        if let Some(sql) = items {
                            sqlx::query(sql).bind(kind_code).bind(&payload).execute(&mut *tx).await?;
                        }
                        Ok::<_, $crate::StoreError>(())
                    };
                    let following = start + $crate::sql_bulk::CHUNK;
                    let prepared = async { (following < total).then(|| prepare(following)).transpose() };
                    let (written, prepared) = futures_util::future::join(write, prepared).await;
                    written?;
                    next = prepared?;
                }
                Self::bulk_search_end(&mut tx, index).await?;
                tx.commit().await?;
                Ok(total)
            }
        }
    };
}

pub(crate) use impl_bulk;

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use zonegov_domain::{Code, NaiveDate, Period};

    fn version(attrs: Value, to: Option<&str>) -> StoredVersion {
        StoredVersion {
            code: Code::parse("CF00001000").unwrap(),
            period: Period::new(
                NaiveDate::from_ymd_opt(2024, 1, 1).unwrap(),
                to.map(|t| t.parse().unwrap()),
            )
            .unwrap(),
            change: Code::parse("C1").unwrap(),
            name_zh: "名".into(),
            owner: None,
            facet: None,
            weight: 0,
            attrs,
        }
    }

    #[test]
    fn the_spliced_change_item_equals_the_whole_version() {
        for (attrs, to) in [
            (
                serde_json::json!({"name": {"zh": "名"}, "sub_item": null}),
                None,
            ),
            (serde_json::json!({}), Some("2025-01-01")),
            (serde_json::json!({"code": "X", "z": 1}), None),
        ] {
            let v = version(attrs, to);
            let text = whole_text(&v, &serde_json::to_string(&v.attrs).unwrap()).unwrap();
            let parsed: Value = serde_json::from_str(&text).unwrap();
            assert_eq!(parsed, crate::rows::whole(&v), "{text}");
        }
    }
}
