//! The SQL both backends share. sqlx's query API is generic over the database, and
//! both SQLite and PostgreSQL accept `$N` placeholders, so one text serves both; the
//! macro stamps it out for each pool type (a generic impl would need a wall of
//! higher-ranked trait bounds for every bound and decoded type).

macro_rules! impl_sql_store {
    // `$in_set4`: SQL for "the codes in the JSON array bound as $4", which the two
    // databases spell differently.
    ($store:ty, $backend:expr, $in_set4:literal) => {
        #[async_trait::async_trait]
        impl $crate::Store for $store {
            fn backend(&self) -> $crate::Backend {
                $backend
            }

            async fn close(&self) {
                self.pool.close().await;
            }

            async fn load(&self, parts: &zonegov_domain::HistoryParts) -> Result<$crate::LoadSummary, $crate::StoreError> {
                use sqlx::Row as _;
                use sqlx::types::Json;
                use $crate::rows::to_json;
                let mut tx = self.pool.begin().await?;
                let z = &parts.zone;
                let existing = sqlx::query("SELECT division FROM zone WHERE id = 1").fetch_optional(&mut *tx).await?;
                match existing {
                    Some(row) => {
                        let division: String = row.try_get("division")?;
                        if division != z.division.as_str() {
                            return Err($crate::StoreError::Conflict(format!(
                                "the database holds zone {division}; the dataset is for zone {}",
                                z.division
                            )));
                        }
                    }
                    None => {
                        sqlx::query("INSERT INTO zone (id, division, name_zh, name_en, level, source, basis) VALUES (1, $1, $2, $3, $4, $5, $6)")
                            .bind(z.division.as_str())
                            .bind(&z.name.zh)
                            .bind(&z.name.en)
                            .bind(to_json(&z.level)?.as_str().unwrap_or_default().to_owned())
                            .bind(z.provenance.source.to_string())
                            .bind(&z.provenance.basis)
                            .execute(&mut *tx)
                            .await?;
                    }
                }
                for c in &parts.categories {
                    let found = sqlx::query("SELECT code FROM category WHERE code = $1").bind(c.code.as_str()).fetch_optional(&mut *tx).await?;
                    if found.is_some() {
                        return Err($crate::StoreError::Conflict(format!("category {} already exists", c.code)));
                    }
                    sqlx::query("INSERT INTO category (code, name_zh, name_en, internal, sort, source, basis) VALUES ($1, $2, $3, $4, $5, $6, $7)")
                        .bind(c.code.as_str())
                        .bind(&c.name.zh)
                        .bind(&c.name.en)
                        .bind(c.internal)
                        .bind(c.sort)
                        .bind(c.provenance.source.to_string())
                        .bind(&c.provenance.basis)
                        .execute(&mut *tx)
                        .await?;
                }
                let now = chrono::Utc::now();
                for c in &parts.changes {
                    let found = sqlx::query("SELECT id FROM change_set WHERE id = $1").bind(c.id.as_str()).fetch_optional(&mut *tx).await?;
                    if found.is_some() {
                        return Err($crate::StoreError::Conflict(format!("change set {} already exists", c.id)));
                    }
                    sqlx::query("INSERT INTO change_set (id, effective, doc_no, reason_zh, reason_en, actor, recorded_at, source, basis) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)")
                        .bind(c.id.as_str())
                        .bind(c.effective)
                        .bind(&c.doc_no)
                        .bind(&c.reason.zh)
                        .bind(&c.reason.en)
                        .bind(&c.actor)
                        .bind(c.recorded_at.unwrap_or(now))
                        .bind(c.provenance.source.to_string())
                        .bind(&c.provenance.basis)
                        .execute(&mut *tx)
                        .await?;
                }
                let mut versions = 0;
                let park_rows = parts.parks.iter().map(|v| Ok::<_, $crate::StoreError>(("park", &v.code, v.period, &v.change, &v.attrs.name.zh, to_json(v)?, to_json(&v.attrs)?)));
                let inst_rows = parts.institutions.iter().map(|v| Ok(("institution", &v.code, v.period, &v.change, &v.attrs.name.zh, to_json(v)?, to_json(&v.attrs)?)));
                for row in park_rows.chain(inst_rows) {
                    let (kind, code, period, change, name_zh, whole, attrs) = row?;
                    let clash = sqlx::query("SELECT valid_from FROM entity_version WHERE kind = $1 AND code = $2 AND valid_from = $3 AND superseded_by IS NULL")
                        .bind(kind).bind(code.as_str()).bind(period.from())
                        .fetch_optional(&mut *tx).await?;
                    if clash.is_some() {
                        return Err($crate::StoreError::Conflict(format!("{kind} {code} already has a version from {}", period.from())));
                    }
                    sqlx::query("INSERT INTO entity_version (kind, code, valid_from, valid_to, change_id, name_zh, attrs) VALUES ($1, $2, $3, $4, $5, $6, $7)")
                        .bind(kind)
                        .bind(code.as_str())
                        .bind(period.from())
                        .bind(period.to())
                        .bind(change.as_str())
                        .bind(name_zh)
                        .bind(Json(attrs))
                        .execute(&mut *tx)
                        .await?;
                    sqlx::query("INSERT INTO change_item (change_id, kind, code, before_json, after_json) VALUES ($1, $2, $3, $4, $5)")
                        .bind(change.as_str())
                        .bind(kind)
                        .bind(code.as_str())
                        .bind(None::<Json<serde_json::Value>>)
                        .bind(Some(Json(whole)))
                        .execute(&mut *tx)
                        .await?;
                    versions += 1;
                }
                for l in &parts.lineage {
                    sqlx::query("INSERT INTO lineage (kind, predecessor, successor, relation, date, change_id) VALUES ($1, $2, $3, $4, $5, $6)")
                        .bind(l.kind.code())
                        .bind(l.predecessor.as_str())
                        .bind(l.successor.as_str())
                        .bind(l.relation.code())
                        .bind(l.date)
                        .bind(l.change.as_str())
                        .execute(&mut *tx)
                        .await?;
                }
                tx.commit().await?;
                Ok($crate::LoadSummary {
                    categories: parts.categories.len(),
                    changes: parts.changes.len(),
                    versions,
                    lineage: parts.lineage.len(),
                })
            }

            async fn zone(&self) -> Result<Option<zonegov_domain::Zone>, $crate::StoreError> {
                use sqlx::Row as _;
                let Some(row) = sqlx::query("SELECT division, name_zh, name_en, level, source, basis FROM zone WHERE id = 1")
                    .fetch_optional(&self.pool)
                    .await?
                else {
                    return Ok(None);
                };
                let corrupt = |e: String| $crate::StoreError::Corrupt(e);
                let division: String = row.try_get("division")?;
                let level: String = row.try_get("level")?;
                let source: String = row.try_get("source")?;
                Ok(Some(zonegov_domain::Zone {
                    division: zonegov_domain::DivisionCode::parse(&division).map_err(|e| corrupt(e.to_string()))?,
                    name: zonegov_domain::Name::new(row.try_get::<String, _>("name_zh")?, row.try_get::<String, _>("name_en")?),
                    level: zonegov_domain::ZoneLevel::parse(&level).map_err(|e| corrupt(e.to_string()))?,
                    provenance: zonegov_domain::Provenance {
                        source: zonegov_domain::Source::parse(&source).map_err(|e| corrupt(e.to_string()))?,
                        basis: row.try_get("basis")?,
                    },
                }))
            }

            async fn categories(&self) -> Result<Vec<zonegov_domain::Category>, $crate::StoreError> {
                use sqlx::Row as _;
                let rows = sqlx::query("SELECT code, name_zh, name_en, internal, sort, source, basis FROM category ORDER BY sort, code")
                    .fetch_all(&self.pool)
                    .await?;
                rows.into_iter()
                    .map(|row| {
                        let source: String = row.try_get("source")?;
                        Ok(zonegov_domain::Category {
                            code: $crate::rows::code(row.try_get("code")?)?,
                            name: zonegov_domain::Name::new(row.try_get::<String, _>("name_zh")?, row.try_get::<String, _>("name_en")?),
                            internal: row.try_get("internal")?,
                            sort: row.try_get("sort")?,
                            provenance: zonegov_domain::Provenance {
                                source: zonegov_domain::Source::parse(&source).map_err(|e| $crate::StoreError::Corrupt(e.to_string()))?,
                                basis: row.try_get("basis")?,
                            },
                        })
                    })
                    .collect()
            }

            async fn change_sets(&self) -> Result<Vec<zonegov_domain::ChangeSet>, $crate::StoreError> {
                use sqlx::Row as _;
                let rows = sqlx::query("SELECT id, effective, doc_no, reason_zh, reason_en, actor, recorded_at, source, basis FROM change_set ORDER BY effective, id")
                    .fetch_all(&self.pool)
                    .await?;
                rows.into_iter()
                    .map(|row| {
                        let source: String = row.try_get("source")?;
                        Ok(zonegov_domain::ChangeSet {
                            id: $crate::rows::code(row.try_get("id")?)?,
                            effective: row.try_get("effective")?,
                            doc_no: row.try_get("doc_no")?,
                            reason: zonegov_domain::Name::new(row.try_get::<String, _>("reason_zh")?, row.try_get::<String, _>("reason_en")?),
                            actor: row.try_get("actor")?,
                            recorded_at: Some(row.try_get("recorded_at")?),
                            provenance: zonegov_domain::Provenance {
                                source: zonegov_domain::Source::parse(&source).map_err(|e| $crate::StoreError::Corrupt(e.to_string()))?,
                                basis: row.try_get("basis")?,
                            },
                        })
                    })
                    .collect()
            }

            async fn change_items(&self, kind: zonegov_domain::EntityKind, code: &zonegov_domain::Code) -> Result<Vec<zonegov_domain::ChangeItem>, $crate::StoreError> {
                use sqlx::Row as _;
                use sqlx::types::Json;
                let rows = sqlx::query("SELECT change_id, before_json, after_json FROM change_item WHERE kind = $1 AND code = $2 ORDER BY id")
                    .bind(kind.code())
                    .bind(code.as_str())
                    .fetch_all(&self.pool)
                    .await?;
                rows.into_iter()
                    .map(|row| {
                        Ok(zonegov_domain::ChangeItem {
                            change: $crate::rows::code(row.try_get("change_id")?)?,
                            kind,
                            code: code.clone(),
                            before: row.try_get::<Option<Json<serde_json::Value>>, _>("before_json")?.map(|j| j.0),
                            after: row.try_get::<Option<Json<serde_json::Value>>, _>("after_json")?.map(|j| j.0),
                        })
                    })
                    .collect()
            }

            async fn history_parts(&self) -> Result<Option<zonegov_domain::HistoryParts>, $crate::StoreError> {
                let Some(zone) = self.zone().await? else {
                    return Ok(None);
                };
                Ok(Some(zonegov_domain::HistoryParts {
                    zone,
                    categories: self.categories().await?,
                    changes: self.change_sets().await?,
                    parks: self.versions("park", None, None, None).await?,
                    institutions: self.versions("institution", None, None, None).await?,
                    lineage: self.lineage(None).await?,
                }))
            }

            async fn parks_as_of(&self, day: zonegov_domain::NaiveDate, visible: &zonegov_domain::auth::Visible) -> Result<Vec<zonegov_domain::Version<zonegov_domain::Park>>, $crate::StoreError> {
                self.versions("park", None, Some(day), visible.parks.as_ref()).await
            }

            async fn institutions_as_of(&self, day: zonegov_domain::NaiveDate, visible: &zonegov_domain::auth::Visible) -> Result<Vec<zonegov_domain::Version<zonegov_domain::Institution>>, $crate::StoreError> {
                self.versions("institution", None, Some(day), visible.institutions.as_ref()).await
            }

            async fn park_versions(&self, code: &zonegov_domain::Code, visible: &zonegov_domain::auth::Visible) -> Result<Vec<zonegov_domain::Version<zonegov_domain::Park>>, $crate::StoreError> {
                self.versions("park", Some(code), None, visible.parks.as_ref()).await
            }

            async fn institution_versions(&self, code: &zonegov_domain::Code, visible: &zonegov_domain::auth::Visible) -> Result<Vec<zonegov_domain::Version<zonegov_domain::Institution>>, $crate::StoreError> {
                self.versions("institution", Some(code), None, visible.institutions.as_ref()).await
            }

            async fn lineage_of(&self, kind: zonegov_domain::EntityKind, code: &zonegov_domain::Code) -> Result<Vec<zonegov_domain::LineageLink>, $crate::StoreError> {
                Ok(self.lineage(Some((kind, code))).await?)
            }
        }

        impl $store {
            /// Current versions of one kind, optionally of one code and/or as of one day.
            /// Unset filters are passed as NULL so that the statement text stays constant.
            async fn versions<T: serde::de::DeserializeOwned>(
                &self,
                kind: &str,
                code: Option<&zonegov_domain::Code>,
                day: Option<zonegov_domain::NaiveDate>,
                visible: Option<&std::collections::BTreeSet<zonegov_domain::Code>>,
            ) -> Result<Vec<zonegov_domain::Version<T>>, $crate::StoreError> {
                use sqlx::Row as _;
                use sqlx::types::Json;
                // The data scope is applied here, in the query, not after it.
                let visible = visible.map(serde_json::to_string).transpose().map_err(|e| $crate::StoreError::Corrupt(e.to_string()))?;
                let rows = sqlx::query(concat!(
                    "SELECT code, valid_from, valid_to, change_id, attrs FROM entity_version \
                     WHERE kind = $1 AND superseded_by IS NULL \
                       AND ($2 IS NULL OR code = $2) \
                       AND ($3 IS NULL OR (valid_from <= $3 AND (valid_to IS NULL OR valid_to > $3))) \
                       AND ($4 IS NULL OR code IN ", $in_set4, ") \
                     ORDER BY code, valid_from",
                ))
                .bind(kind)
                .bind(code.map(|c| c.as_str().to_owned()))
                .bind(day)
                .bind(visible)
                .fetch(&self.pool);
                // Streamed and decoded row by row: reading the whole history never
                // holds every raw row and every decoded version at once (peak memory).
                let mut out = Vec::new();
                let mut rows = rows;
                while let Some(row) = futures_util::TryStreamExt::try_next(&mut rows).await? {
                    let attrs: Json<serde_json::Value> = row.try_get("attrs")?;
                    out.push($crate::rows::version(row.try_get("code")?, row.try_get("valid_from")?, row.try_get("valid_to")?, row.try_get("change_id")?, attrs.0)?);
                }
                Ok(out)
            }

            async fn lineage(&self, of: Option<(zonegov_domain::EntityKind, &zonegov_domain::Code)>) -> Result<Vec<zonegov_domain::LineageLink>, $crate::StoreError> {
                use sqlx::Row as _;
                let rows = sqlx::query(
                    "SELECT kind, predecessor, successor, relation, date, change_id FROM lineage \
                     WHERE ($1 IS NULL OR kind = $1) AND ($2 IS NULL OR predecessor = $2 OR successor = $2) ORDER BY id",
                )
                .bind(of.map(|(k, _)| k.code()))
                .bind(of.map(|(_, c)| c.as_str().to_owned()))
                .fetch_all(&self.pool)
                .await?;
                let corrupt = |m: String| $crate::StoreError::Corrupt(m);
                rows.into_iter()
                    .map(|row| {
                        let kind: String = row.try_get("kind")?;
                        let relation: String = row.try_get("relation")?;
                        Ok(zonegov_domain::LineageLink {
                            kind: zonegov_domain::EntityKind::parse(&kind).ok_or_else(|| corrupt(format!("lineage kind {kind}")))?,
                            predecessor: $crate::rows::code(row.try_get("predecessor")?)?,
                            successor: $crate::rows::code(row.try_get("successor")?)?,
                            relation: zonegov_domain::Relation::parse(&relation).map_err(|e| corrupt(e.to_string()))?,
                            date: row.try_get("date")?,
                            change: $crate::rows::code(row.try_get("change_id")?)?,
                        })
                    })
                    .collect()
            }
        }
    };
}

pub(crate) use impl_sql_store;
