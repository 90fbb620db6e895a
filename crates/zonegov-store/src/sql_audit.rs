//! Audit SQL shared by both backends (see `sql.rs` for why it is a macro).

macro_rules! impl_audit_store {
    ($store:ty) => {
        #[async_trait::async_trait]
        impl $crate::audit::AuditStore for $store {
            async fn append_audit(&self, draft: &zonegov_domain::auth::AuditDraft) -> Result<zonegov_domain::auth::AuditEntry, $crate::StoreError> {
                use sqlx::Row as _;
                let mut tx = self.pool.begin().await?;
                // Taking the head with an UPDATE first makes concurrent appends queue
                // on the row (PostgreSQL) or the write lock (SQLite).
                let head = sqlx::query("UPDATE audit_anchor SET seq = seq + 1 WHERE name = 'head' RETURNING seq, hash")
                    .fetch_one(&mut *tx)
                    .await?;
                let seq: i64 = head.try_get("seq")?;
                let prev: String = head.try_get("hash")?;
                // Every field within its bound, whoever the writer (see `AuditDraft::bounded`).
                let entry = zonegov_domain::auth::AuditEntry::seal(seq, chrono::Utc::now(), draft.clone().bounded(), prev);
                sqlx::query(
                    "INSERT INTO audit_log (seq, at, actor, ip, action, target, outcome, detail, prev_hash, hash) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
                )
                .bind(entry.seq)
                .bind(entry.at)
                .bind(&entry.draft.actor)
                .bind(&entry.draft.ip)
                .bind(&entry.draft.action)
                .bind(&entry.draft.target)
                .bind(&entry.draft.outcome)
                .bind(entry.draft.detail.to_string())
                .bind(&entry.prev_hash)
                .bind(&entry.hash)
                .execute(&mut *tx)
                .await?;
                sqlx::query("UPDATE audit_anchor SET hash = $1 WHERE name = 'head'").bind(&entry.hash).execute(&mut *tx).await?;
                tx.commit().await?;
                Ok(entry)
            }

            async fn audit_entries(&self, f: &$crate::audit::AuditFilter) -> Result<Vec<zonegov_domain::auth::AuditEntry>, $crate::StoreError> {
                let rows = sqlx::query(concat!(
                    $crate::sql_audit::AUDIT_SELECT!(),
                    " WHERE ($1 IS NULL OR actor = $1) AND ($2 IS NULL OR substr(action, 1, length($2)) = $2) \
                      AND ($3 IS NULL OR at >= $3) AND ($4 IS NULL OR at < $4) AND ($5 IS NULL OR seq < $5) \
                      ORDER BY seq DESC LIMIT $6"
                ))
                .bind(f.actor.clone())
                .bind(f.action_prefix.clone())
                .bind(f.from)
                .bind(f.to)
                .bind(f.before_seq)
                .bind(f.limit)
                .fetch_all(&self.pool)
                .await?;
                rows.iter().map(|r| $crate::sql_audit::entry_from_row!(r)).collect()
            }

            async fn audit_chain(&self) -> Result<Vec<zonegov_domain::auth::AuditEntry>, $crate::StoreError> {
                let rows = sqlx::query(concat!($crate::sql_audit::AUDIT_SELECT!(), " ORDER BY seq")).fetch_all(&self.pool).await?;
                rows.iter().map(|r| $crate::sql_audit::entry_from_row!(r)).collect()
            }

            async fn audit_anchors(&self) -> Result<zonegov_domain::auth::audit::Anchors, $crate::StoreError> {
                use sqlx::Row as _;
                let rows = sqlx::query("SELECT name, seq, hash FROM audit_anchor").fetch_all(&self.pool).await?;
                let mut head = None;
                let mut checkpoint = None;
                for r in rows {
                    let name: String = r.try_get("name")?;
                    let v: (i64, String) = (r.try_get("seq")?, r.try_get("hash")?);
                    match name.as_str() {
                        "head" => head = Some(v),
                        "checkpoint" => checkpoint = Some(v),
                        _ => {}
                    }
                }
                match (head, checkpoint) {
                    (Some(head), Some(checkpoint)) => Ok(zonegov_domain::auth::audit::Anchors { checkpoint, head }),
                    _ => Err($crate::StoreError::Corrupt("audit anchors are missing".into())),
                }
            }

            async fn purge_audit(&self, before: chrono::DateTime<chrono::Utc>) -> Result<u64, $crate::StoreError> {
                use sqlx::Row as _;
                let mut tx = self.pool.begin().await?;
                let last = sqlx::query("SELECT seq, hash FROM audit_log WHERE at < $1 ORDER BY seq DESC LIMIT 1")
                    .bind(before)
                    .fetch_optional(&mut *tx)
                    .await?;
                let Some(last) = last else {
                    return Ok(0);
                };
                let seq: i64 = last.try_get("seq")?;
                let hash: String = last.try_get("hash")?;
                sqlx::query("UPDATE audit_anchor SET seq = $1, hash = $2 WHERE name = 'checkpoint'").bind(seq).bind(&hash).execute(&mut *tx).await?;
                let done = sqlx::query("DELETE FROM audit_log WHERE seq <= $1").bind(seq).execute(&mut *tx).await?;
                tx.commit().await?;
                Ok(done.rows_affected())
            }
        }
    };
}

macro_rules! AUDIT_SELECT {
    () => {
        "SELECT seq, at, actor, ip, action, target, outcome, detail, prev_hash, hash FROM audit_log"
    };
}

macro_rules! entry_from_row {
    ($row:expr) => {{
        use sqlx::Row as _;
        let row = $row;
        (|| -> Result<zonegov_domain::auth::AuditEntry, $crate::StoreError> {
            let detail: String = row.try_get("detail")?;
            Ok(zonegov_domain::auth::AuditEntry {
                seq: row.try_get("seq")?,
                at: row.try_get("at")?,
                draft: zonegov_domain::auth::AuditDraft {
                    actor: row.try_get("actor")?,
                    ip: row.try_get("ip")?,
                    action: row.try_get("action")?,
                    target: row.try_get("target")?,
                    outcome: row.try_get("outcome")?,
                    // An unparsable detail is kept as text: verification then fails on
                    // that entry instead of the whole trail becoming unreadable.
                    detail: serde_json::from_str(&detail)
                        .unwrap_or(serde_json::Value::String(detail)),
                },
                prev_hash: row.try_get("prev_hash")?,
                hash: row.try_get("hash")?,
            })
        })()
    }};
}

pub(crate) use {AUDIT_SELECT, entry_from_row, impl_audit_store};
