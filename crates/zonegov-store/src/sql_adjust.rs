//! Adjustment SQL shared by both backends (see `sql.rs` for why it is a macro).

/// The columns of an adjustment, in the order `adjustment_from_row` reads them.
macro_rules! ADJUSTMENT_SELECT {
    () => {
        "SELECT id, kind, trigger_kind, trigger_date, body, status, stage_since, title, drafted_by, by_system, draft, doc_no, effective, change_id, created_at, updated_at FROM adjustment"
    };
}

macro_rules! impl_adjustment_store {
    // `$in_set2`: SQL for "the codes in the JSON array bound as $2".
    ($store:ty, $db:ty, $in_set2:literal) => {
        #[async_trait::async_trait]
        impl $crate::adjust::AdjustmentStore for $store {
            async fn create_adjustment(&self, a: &zonegov_domain::power::adjustment::NewAdjustment) -> Result<i64, $crate::StoreError> {
                use sqlx::Row as _;
                let draft = serde_json::to_string(&a.draft).map_err(|e| $crate::StoreError::Corrupt(format!("cannot encode the draft: {e}")))?;
                let now = chrono::Utc::now();
                let row = sqlx::query(
                    "INSERT INTO adjustment (kind, trigger_kind, trigger_date, body, status, stage_since, title, drafted_by, by_system, draft, created_at, updated_at) \
                     VALUES ($1, $2, $3, $4, $5, $3, $6, $7, $8, $9, $10, $10) RETURNING id",
                )
                .bind(a.kind.code())
                .bind(a.trigger.code())
                .bind(a.trigger_date)
                .bind(a.body.as_str())
                .bind(zonegov_domain::power::adjustment::Status::Draft.code())
                .bind(&a.title)
                .bind(&a.drafted_by)
                .bind(a.by_system)
                .bind(draft)
                .bind(now)
                .fetch_one(&self.pool)
                .await?;
                Ok(row.try_get("id")?)
            }

            async fn adjustment(&self, id: i64) -> Result<Option<zonegov_domain::power::adjustment::Adjustment>, $crate::StoreError> {
                let row = sqlx::query(concat!($crate::sql_adjust::ADJUSTMENT_SELECT!(), " WHERE id = $1")).bind(id).fetch_optional(&self.pool).await?;
                row.map(|r| $crate::sql_adjust::adjustment_from_row!(r)).transpose()
            }

            async fn list_adjustments(&self, f: &$crate::adjust::AdjustmentFilter<'_>) -> Result<Vec<zonegov_domain::power::adjustment::Adjustment>, $crate::StoreError> {
                let scope = f.scope.map(serde_json::to_string).transpose().map_err(|e| $crate::StoreError::Corrupt(e.to_string()))?;
                let rows = sqlx::query(concat!(
                    $crate::sql_adjust::ADJUSTMENT_SELECT!(),
                    " WHERE ($1 IS NULL OR status = $1) \
                        AND ($2 IS NULL OR body IN ", $in_set2, ") \
                        AND ($3 = FALSE OR status NOT IN ('published', 'withdrawn')) \
                      ORDER BY id DESC LIMIT $4"
                ))
                .bind(f.status.map(|s| s.code()))
                .bind(scope)
                .bind(f.open_only)
                .bind(i64::from(f.limit))
                .fetch_all(&self.pool)
                .await?;
                rows.into_iter().map(|r| $crate::sql_adjust::adjustment_from_row!(r)).collect()
            }

            async fn adjustment_steps(&self, id: i64) -> Result<Vec<zonegov_domain::power::adjustment::StepRecord>, $crate::StoreError> {
                use sqlx::Row as _;
                let rows = sqlx::query("SELECT step, role, actor, decision, notes, day, due, acted_at FROM adjustment_step WHERE adjustment_id = $1 ORDER BY id")
                    .bind(id)
                    .fetch_all(&self.pool)
                    .await?;
                rows.into_iter()
                    .map(|r| {
                        let step: String = r.try_get("step")?;
                        Ok(zonegov_domain::power::adjustment::StepRecord {
                            step: zonegov_domain::power::adjustment::Status::parse(&step).map_err(|e| $crate::StoreError::Corrupt(e.to_string()))?,
                            role: r.try_get("role")?,
                            actor: r.try_get("actor")?,
                            decision: r.try_get("decision")?,
                            notes: r.try_get("notes")?,
                            day: r.try_get("day")?,
                            due: r.try_get("due")?,
                            acted_at: Some(r.try_get("acted_at")?),
                        })
                    })
                    .collect()
            }

            async fn advance_adjustment(
                &self,
                id: i64,
                from: zonegov_domain::power::adjustment::Status,
                to: zonegov_domain::power::adjustment::Status,
                step: &zonegov_domain::power::adjustment::StepRecord,
                draft: Option<&[zonegov_domain::power::adjustment::ProposedItem]>,
            ) -> Result<(), $crate::StoreError> {
                let mut tx = self.pool.begin().await?;
                Self::move_adjustment(&mut tx, id, from, to, step).await?;
                if let Some(d) = draft {
                    let d = serde_json::to_string(d).map_err(|e| $crate::StoreError::Corrupt(format!("cannot encode the draft: {e}")))?;
                    sqlx::query("UPDATE adjustment SET draft = $1 WHERE id = $2").bind(d).bind(id).execute(&mut *tx).await?;
                }
                tx.commit().await?;
                Ok(())
            }

            async fn publish_adjustment(
                &self,
                id: i64,
                step: &zonegov_domain::power::adjustment::StepRecord,
                parts: &zonegov_domain::HistoryParts,
                ends: &[$crate::VersionEnd],
            ) -> Result<$crate::LoadSummary, $crate::StoreError> {
                use zonegov_domain::power::adjustment::Status;
                let change = parts.changes.first().ok_or_else(|| $crate::StoreError::Conflict("a publication needs its change set".into()))?;
                let mut tx = self.pool.begin().await?;
                let summary = Self::write_parts(&mut tx, parts, ends).await?;
                Self::move_adjustment(&mut tx, id, Status::Publication, Status::Published, step).await?;
                sqlx::query("UPDATE adjustment SET doc_no = $1, effective = $2, change_id = $3 WHERE id = $4")
                    .bind(&change.doc_no)
                    .bind(change.effective)
                    .bind(change.id.as_str())
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
                Ok(summary)
            }
        }

        impl $store {
            /// The status move and its step, inside the caller's transaction. The
            /// `WHERE status = from` makes two concurrent actors on one step a
            /// conflict, not a double step.
            async fn move_adjustment(
                tx: &mut sqlx::Transaction<'static, $db>,
                id: i64,
                from: zonegov_domain::power::adjustment::Status,
                to: zonegov_domain::power::adjustment::Status,
                step: &zonegov_domain::power::adjustment::StepRecord,
            ) -> Result<(), $crate::StoreError> {
                let now = chrono::Utc::now();
                let moved = sqlx::query("UPDATE adjustment SET status = $1, stage_since = $2, updated_at = $3 WHERE id = $4 AND status = $5")
                    .bind(to.code())
                    .bind(step.day)
                    .bind(now)
                    .bind(id)
                    .bind(from.code())
                    .execute(&mut **tx)
                    .await?;
                if moved.rows_affected() != 1 {
                    return Err($crate::StoreError::Conflict(format!("adjustment {id} is no longer at step {}", from.code())));
                }
                sqlx::query(
                    "INSERT INTO adjustment_step (adjustment_id, step, role, actor, decision, notes, day, due, acted_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                )
                .bind(id)
                .bind(step.step.code())
                .bind(&step.role)
                .bind(&step.actor)
                .bind(&step.decision)
                .bind(&step.notes)
                .bind(step.day)
                .bind(step.due)
                .bind(now)
                .execute(&mut **tx)
                .await?;
                Ok(())
            }
        }
    };
}

macro_rules! adjustment_from_row {
    ($r:expr) => {{
        use sqlx::Row as _;
        use zonegov_domain::power::adjustment as a;
        let r = &$r;
        let corrupt = |e: String| $crate::StoreError::Corrupt(e);
        (|| -> Result<a::Adjustment, $crate::StoreError> {
            let id: i64 = r.try_get("id")?;
            let kind: String = r.try_get("kind")?;
            let trigger: String = r.try_get("trigger_kind")?;
            let status: String = r.try_get("status")?;
            let draft: String = r.try_get("draft")?;
            Ok(a::Adjustment {
                id,
                kind: a::Kind::parse(&kind).map_err(|e| corrupt(e.to_string()))?,
                trigger: a::Trigger::parse(&trigger).map_err(|e| corrupt(e.to_string()))?,
                trigger_date: r.try_get("trigger_date")?,
                body: $crate::rows::code(r.try_get("body")?)?,
                status: a::Status::parse(&status).map_err(|e| corrupt(e.to_string()))?,
                stage_since: r.try_get("stage_since")?,
                title: r.try_get("title")?,
                drafted_by: r.try_get("drafted_by")?,
                by_system: r.try_get("by_system")?,
                draft: serde_json::from_str(&draft)
                    .map_err(|e| corrupt(format!("adjustment {id}: draft: {e}")))?,
                doc_no: r.try_get("doc_no")?,
                effective: r.try_get("effective")?,
                change_id: r
                    .try_get::<Option<String>, _>("change_id")?
                    .map($crate::rows::code)
                    .transpose()?,
                created_at: r.try_get("created_at")?,
                updated_at: r.try_get("updated_at")?,
            })
        })()
    }};
}

pub(crate) use ADJUSTMENT_SELECT;
pub(crate) use adjustment_from_row;
pub(crate) use impl_adjustment_store;
