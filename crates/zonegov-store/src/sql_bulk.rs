//! The fast write path for many new records of one kind (a national power list,
//! a synthetic benchmark list): multi-row INSERTs of `BATCH` rows inside one
//! transaction, instead of `load`'s two round trips per version. Every invariant of
//! `load` holds: all or nothing, every version has its change item, kinds with
//! search text are indexed. It only adds new records, one version each (so each
//! change item has no version before it); a record already stored is a conflict.

/// Rows per INSERT: 1,000 × 10 columns stays far below SQLite's 32,766 and
/// PostgreSQL's 65,535 bound parameters, and amortises the round trip.
pub(crate) const BATCH: usize = 1_000;

macro_rules! impl_bulk {
    ($store:ty, $db:ty, $fts5:literal, $in_set2:literal) => {
        impl $store {
            async fn load_bulk_impl(
                &self,
                changes: &[zonegov_domain::ChangeSet],
                versions: &dyn zonegov_domain::record::AnyVersions,
            ) -> Result<usize, $crate::StoreError> {
                use sqlx::Row as _;
                use sqlx::types::Json;
                let kind = versions.kind().code();
                let texts = versions.search_texts();
                let stored = versions
                    .to_stored()
                    .map_err(|e| $crate::StoreError::Corrupt(format!("cannot encode: {e}")))?;
                let mut seen = std::collections::HashSet::with_capacity(stored.len());
                if let Some(v) = stored.iter().find(|v| !seen.insert(v.code.as_str())) {
                    return Err($crate::StoreError::Conflict(format!("{kind} {} has two versions; the bulk path adds one version per new record", v.code)));
                }
                let mut tx = self.pool.begin().await?;
                let now = chrono::Utc::now();
                for c in changes {
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
                let pairs: Vec<_> = stored.into_iter().zip(texts).collect();
                for batch in pairs.chunks($crate::sql_bulk::BATCH) {
                    let codes: Vec<&str> = batch.iter().map(|(v, _)| v.code.as_str()).collect();
                    let codes = serde_json::to_string(&codes).map_err(|e| $crate::StoreError::Corrupt(e.to_string()))?;
                    let clash: Option<String> = sqlx::query_scalar(concat!(
                        "SELECT code FROM entity_version WHERE kind = $1 AND superseded_by IS NULL AND code IN ",
                        $in_set2,
                        " LIMIT 1"
                    ))
                    .bind(kind)
                    .bind(codes)
                    .fetch_optional(&mut *tx)
                    .await?;
                    if let Some(code) = clash {
                        return Err($crate::StoreError::Conflict(format!("{kind} {code} already exists; the bulk path only adds new records")));
                    }
                    let mut insert = sqlx::QueryBuilder::<$db>::new(
                        "INSERT INTO entity_version (kind, code, valid_from, valid_to, change_id, name_zh, attrs, owner, facet, weight) ",
                    );
                    insert.push_values(batch, |mut b, (v, _)| {
                        b.push_bind(kind)
                            .push_bind(v.code.as_str())
                            .push_bind(v.period.from())
                            .push_bind(v.period.to())
                            .push_bind(v.change.as_str())
                            .push_bind(v.name_zh.as_str())
                            .push_bind(Json(&v.attrs))
                            .push_bind(v.owner.as_ref().map(|c| c.as_str()))
                            .push_bind(v.facet.as_deref())
                            .push_bind(i64::from(v.weight));
                    });
                    insert.push(" RETURNING id, code, valid_from");
                    let rows = insert.build().fetch_all(&mut *tx).await?;
                    // RETURNING's order is not promised: match rows back by key.
                    let mut ids = std::collections::HashMap::with_capacity(rows.len());
                    for row in rows {
                        let code: String = row.try_get("code")?;
                        let from: zonegov_domain::NaiveDate = row.try_get("valid_from")?;
                        ids.insert((code, from), row.try_get::<i64, _>("id")?);
                    }
                    let indexed: Vec<(i64, zonegov_domain::search::DocTokens)> = batch
                        .iter()
                        .filter_map(|(v, text)| {
                            let id = ids.get(&(v.code.as_str().to_owned(), v.period.from()))?;
                            Some((*id, text.as_ref()?.tokens()))
                        })
                        .collect();
                    if !indexed.is_empty() {
                        if $fts5 {
                            let mut q = sqlx::QueryBuilder::<$db>::new("INSERT INTO search_index (rowid, name, body, basis) ");
                            q.push_values(&indexed, |mut b, (id, t)| {
                                b.push_bind(*id)
                                    .push_bind(t.name.join(" "))
                                    .push_bind(t.body.join(" "))
                                    .push_bind(t.basis.join(" "));
                            });
                            q.build().execute(&mut *tx).await?;
                        } else {
                            let mut q = sqlx::QueryBuilder::<$db>::new("INSERT INTO search_index (version_id, tokens) ");
                            q.push_values(&indexed, |mut b, (id, t)| {
                                b.push_bind(*id);
                                b.push("CAST(");
                                b.push_bind_unseparated(t.tsvector_literal());
                                b.push_unseparated(" AS tsvector)");
                            });
                            q.build().execute(&mut *tx).await?;
                        }
                    }
                    let mut items = sqlx::QueryBuilder::<$db>::new(
                        "INSERT INTO change_item (change_id, kind, code, before_json, after_json) ",
                    );
                    items.push_values(batch, |mut b, (v, _)| {
                        b.push_bind(v.change.as_str())
                            .push_bind(kind)
                            .push_bind(v.code.as_str())
                            .push_bind(None::<Json<serde_json::Value>>)
                            .push_bind(Json($crate::rows::whole(v)));
                    });
                    items.build().execute(&mut *tx).await?;
                }
                tx.commit().await?;
                Ok(pairs.len())
            }
        }
    };
}

pub(crate) use impl_bulk;
