//! The SQL both backends share for the generic record path. sqlx's query API is
//! generic over the database, and both SQLite and PostgreSQL accept `$N`
//! placeholders, so one text serves both; the macro stamps it out for each pool type
//! (a generic impl would need a wall of higher-ranked trait bounds for every bound
//! and decoded type).

macro_rules! impl_record_store {
    // `$in_set`: SQL for "the codes in the JSON array bound as $4", which the two
    // databases spell differently.
    // `$name_en`: the English name inside `attrs`, spelt per database.
    // `$in_set3`: the same over $3.
    // `$db`: the sqlx database type, for the transaction the load is written in.
    // `$source`: the provenance source inside `attrs`.
    ($store:ty, $db:ty, $in_set4:literal, $in_set3:literal, $name_en:literal, $source:literal) => {
        #[async_trait::async_trait]
        impl $crate::RecordStore for $store {
            async fn load(&self, parts: &zonegov_domain::HistoryParts) -> Result<$crate::LoadSummary, $crate::StoreError> {
                let mut tx = self.pool.begin().await?;
                let summary = Self::write_parts(&mut tx, parts, &[]).await?;
                tx.commit().await?;
                Ok(summary)
            }

            async fn load_ending(&self, parts: &zonegov_domain::HistoryParts, ends: &[$crate::VersionEnd]) -> Result<$crate::LoadSummary, $crate::StoreError> {
                let mut tx = self.pool.begin().await?;
                let summary = Self::write_parts(&mut tx, parts, ends).await?;
                tx.commit().await?;
                Ok(summary)
            }

            async fn has_zone(&self) -> Result<bool, $crate::StoreError> {
                Ok(sqlx::query("SELECT id FROM zone WHERE id = 1").fetch_optional(&self.pool).await?.is_some())
            }

            async fn history_parts(&self) -> Result<Option<zonegov_domain::HistoryParts>, $crate::StoreError> {
                let Some(zone) = self.zone().await? else {
                    return Ok(None);
                };
                let mut records = zonegov_domain::RecordSet::default();
                for spec in zonegov_domain::kinds::KINDS.iter().filter(|s| s.resident) {
                    use sqlx::Row as _;
                    let Some(list) = records.get_or_insert(spec.kind) else { continue };
                    // Streamed and decoded row by row from the JSON text straight into
                    // the kind's type: the whole history is never held twice.
                    let mut rows = sqlx::query(
                        "SELECT code, valid_from, valid_to, change_id, CAST(attrs AS TEXT) AS attrs FROM entity_version \
                         WHERE kind = $1 AND superseded_by IS NULL ORDER BY code, valid_from",
                    )
                    .bind(spec.kind.code())
                    .fetch(&self.pool);
                    while let Some(row) = futures_util::TryStreamExt::try_next(&mut rows).await? {
                        let code: String = row.try_get("code")?;
                        let from: zonegov_domain::NaiveDate = row.try_get("valid_from")?;
                        let period = zonegov_domain::Period::new(from, row.try_get("valid_to")?)
                            .map_err(|e| $crate::StoreError::Corrupt(format!("{code}: {e}")))?;
                        let attrs: String = row.try_get("attrs")?;
                        let change = $crate::rows::code(row.try_get("change_id")?)?;
                        list.push_json($crate::rows::code(code.clone())?, period, change, &attrs)
                            .map_err(|e| $crate::StoreError::Corrupt(format!("{} {code}: attrs: {e}", spec.kind)))?;
                    }
                }
                Ok(Some(zonegov_domain::HistoryParts {
                    zone,
                    categories: self.categories().await?,
                    changes: self.change_sets().await?,
                    records,
                    lineage: self.lineage(None).await?,
                }))
            }

            async fn versions(&self, q: &$crate::VersionQuery<'_>) -> Result<Vec<zonegov_domain::record::StoredVersion>, $crate::StoreError> {
                use sqlx::Row as _;
                use sqlx::types::Json;
                // The data scope is applied here, in the query, not after it. Only the
                // filters that are set are written into the statement (each still a
                // bound parameter): a `($n IS NULL OR code > $n)` form would keep the
                // planners from using the indexes, and a page deep in a national list
                // would cost the rows before it instead of one page.
                let scope = q.scope.map(serde_json::to_string).transpose().map_err(|e| $crate::StoreError::Corrupt(e.to_string()))?;
                let like = q.search.map(|t| format!("%{}%", $crate::rows::escape_like(t)));
                let mut sql = String::from(
                    "SELECT code, valid_from, valid_to, change_id, name_zh, attrs, owner, facet, CAST(weight AS BIGINT) AS weight FROM entity_version \
                     WHERE kind = $1 AND superseded_by IS NULL",
                );
                let mut n = 1;
                let mut next = || {
                    n += 1;
                    format!("${n}")
                };
                if q.code.is_some() {
                    sql.push_str(&format!(" AND code = {}", next()));
                }
                if q.as_of.is_some() {
                    let p = next();
                    sql.push_str(&format!(" AND valid_from <= {p} AND (valid_to IS NULL OR valid_to > {p})"));
                }
                if scope.is_some() {
                    sql.push_str(&format!(" AND COALESCE(owner, code) IN {}", $in_set4.replace("$4", &next())));
                }
                if q.owner.is_some() {
                    sql.push_str(&format!(" AND owner = {}", next()));
                }
                if q.facet.is_some() {
                    sql.push_str(&format!(" AND facet = {}", next()));
                }
                if q.after.is_some() {
                    sql.push_str(&format!(" AND code > {}", next()));
                }
                if like.is_some() {
                    let (l, t) = (next(), next());
                    sql.push_str(&format!(" AND (name_zh LIKE {l} ESCAPE '!' OR {} LIKE {l} ESCAPE '!' OR UPPER(code) = UPPER({t}))", $name_en));
                }
                sql.push_str(" ORDER BY code, valid_from");
                if q.limit.is_some() {
                    sql.push_str(&format!(" LIMIT {}", next()));
                }
                // Bound in the order the placeholders were numbered above. The text is
                // made of this function's literals and `$n` placeholders only: no
                // value is ever spliced into it.
                let mut query = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(q.kind.code());
                if let Some(c) = q.code {
                    query = query.bind(c.as_str().to_owned());
                }
                if let Some(d) = q.as_of {
                    query = query.bind(d);
                }
                if let Some(s) = scope {
                    query = query.bind(s);
                }
                if let Some(o) = q.owner {
                    query = query.bind(o.as_str().to_owned());
                }
                if let Some(f) = q.facet {
                    query = query.bind(f.to_owned());
                }
                if let Some(a) = q.after {
                    query = query.bind(a.as_str().to_owned());
                }
                if let (Some(l), Some(t)) = (like, q.search) {
                    query = query.bind(l).bind(t.to_owned());
                }
                if let Some(l) = q.limit {
                    query = query.bind(i64::from(l));
                }
                let rows = query.fetch(&self.pool);
                // Streamed and decoded row by row: reading the whole history never
                // holds every raw row and every decoded version at once (peak memory).
                let mut out = Vec::new();
                let mut rows = rows;
                while let Some(row) = futures_util::TryStreamExt::try_next(&mut rows).await? {
                    let attrs: Json<serde_json::Value> = row.try_get("attrs")?;
                    let mut v = $crate::rows::stored(row.try_get("code")?, row.try_get("valid_from")?, row.try_get("valid_to")?, row.try_get("change_id")?, row.try_get("name_zh")?, attrs.0)?;
                    v.owner = row.try_get::<Option<String>, _>("owner")?.map($crate::rows::code).transpose()?;
                    v.facet = row.try_get("facet")?;
                    v.weight = u32::try_from(row.try_get::<i64, _>("weight")?).unwrap_or(u32::MAX);
                    out.push(v);
                }
                Ok(out)
            }

            async fn tally(&self, kind: zonegov_domain::EntityKind, day: zonegov_domain::NaiveDate, scope: Option<&std::collections::BTreeSet<zonegov_domain::Code>>) -> Result<Vec<$crate::Tally>, $crate::StoreError> {
                use sqlx::Row as _;
                let scope = scope.map(serde_json::to_string).transpose().map_err(|e| $crate::StoreError::Corrupt(e.to_string()))?;
                // Kept per data revision (see `tally_memo`): read it first.
                let data: i64 = sqlx::query_scalar("SELECT data FROM revision WHERE id = 1").fetch_one(&self.pool).await?;
                let key = (kind.code(), day, scope.clone());
                if let Some(kept) = self.tallies.get(data, &key) {
                    return Ok(kept);
                }
                let rows = sqlx::query(concat!(
                    "SELECT owner, facet, COUNT(*) AS n, SUM(weight) AS w, \
                       SUM(CASE WHEN ", $source, " = 'illustrative' THEN 1 ELSE 0 END) AS ill FROM entity_version \
                     WHERE kind = $1 AND superseded_by IS NULL \
                       AND valid_from <= $2 AND (valid_to IS NULL OR valid_to > $2) \
                       AND ($3 IS NULL OR COALESCE(owner, code) IN ", $in_set3, ") \
                     GROUP BY owner, facet ORDER BY owner, facet",
                ))
                .bind(kind.code())
                .bind(day)
                .bind(scope)
                .fetch_all(&self.pool)
                .await?;
                rows.into_iter()
                    .map(|row| {
                        Ok($crate::Tally {
                            owner: row.try_get::<Option<String>, _>("owner")?.map($crate::rows::code).transpose()?,
                            facet: row.try_get("facet")?,
                            count: u64::try_from(row.try_get::<i64, _>("n")?).unwrap_or(0),
                            weight: u64::try_from(row.try_get::<Option<i64>, _>("w")?.unwrap_or(0)).unwrap_or(0),
                            illustrative: u64::try_from(row.try_get::<Option<i64>, _>("ill")?.unwrap_or(0)).unwrap_or(0),
                        })
                    })
                    .collect::<Result<Vec<_>, $crate::StoreError>>()
                    .inspect(|counted| self.tallies.put(data, key, counted.clone()))
            }

            async fn append_versions(&self, w: &$crate::BulkWrite<'_>) -> Result<usize, $crate::StoreError> {
                let written = self.append_versions_impl(w).await?;
                // A bulk write can multiply a table: the planners need to know.
                self.refresh_statistics().await?;
                Ok(written)
            }

            async fn changed_since(&self, kind: zonegov_domain::EntityKind, since: zonegov_domain::NaiveDate, until: zonegov_domain::NaiveDate, limit: u32) -> Result<Vec<zonegov_domain::record::StoredVersion>, $crate::StoreError> {
                self.changed_since_impl(kind, since, until, limit).await
            }

            async fn search(&self, q: &$crate::SearchQuery<'_>) -> Result<Vec<$crate::SearchHit>, $crate::StoreError> {
                self.search_impl(q).await
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
        }

        impl $store {
            /// Everything a load writes, inside the caller's transaction: change sets
            /// first, then the ends of versions (`ends`), then the new versions and
            /// their change items, then lineage. Publication of an adjustment adds its
            /// own rows to the same transaction.
            pub(crate) async fn write_parts(tx: &mut sqlx::Transaction<'static, $db>, parts: &zonegov_domain::HistoryParts, ends: &[$crate::VersionEnd]) -> Result<$crate::LoadSummary, $crate::StoreError> {
                use sqlx::Row as _;
                use sqlx::types::Json;
                let z = &parts.zone;
                let existing = sqlx::query("SELECT division FROM zone WHERE id = 1").fetch_optional(&mut **tx).await?;
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
                        sqlx::query("INSERT INTO zone (id, division, name_zh, name_en, level, source, basis, facts) VALUES (1, $1, $2, $3, $4, $5, $6, $7)")
                            .bind(z.division.as_str())
                            .bind(&z.name.zh)
                            .bind(&z.name.en)
                            .bind($crate::rows::to_json(&z.level)?.as_str().unwrap_or_default().to_owned())
                            .bind(z.provenance.source.to_string())
                            .bind(&z.provenance.basis)
                            .bind(z.provenance.facts_cell())
                            .execute(&mut **tx)
                            .await?;
                    }
                }
                for c in &parts.categories {
                    let found = sqlx::query("SELECT code FROM category WHERE code = $1").bind(c.code.as_str()).fetch_optional(&mut **tx).await?;
                    if found.is_some() {
                        return Err($crate::StoreError::Conflict(format!("category {} already exists", c.code)));
                    }
                    sqlx::query("INSERT INTO category (code, name_zh, name_en, internal, sort, source, basis, facts) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)")
                        .bind(c.code.as_str())
                        .bind(&c.name.zh)
                        .bind(&c.name.en)
                        .bind(c.internal)
                        .bind(c.sort)
                        .bind(c.provenance.source.to_string())
                        .bind(&c.provenance.basis)
                        .bind(c.provenance.facts_cell())
                        .execute(&mut **tx)
                        .await?;
                }
                let now = chrono::Utc::now();
                for c in &parts.changes {
                    let found = sqlx::query("SELECT id FROM change_set WHERE id = $1").bind(c.id.as_str()).fetch_optional(&mut **tx).await?;
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
                        .execute(&mut **tx)
                        .await?;
                }
                let mut ended = 0;
                for e in ends {
                    ended += Self::end_version(tx, e).await?;
                }
                let mut written = Vec::new();
                for (kind, versions) in parts.records.iter() {
                    let kind = kind.code();
                    let texts = versions.search_texts();
                    let stored = versions.to_stored().map_err(|e| $crate::StoreError::Corrupt(format!("cannot encode: {e}")))?;
                    for (v, text) in stored.into_iter().zip(texts) {
                        let clash = sqlx::query("SELECT valid_from FROM entity_version WHERE kind = $1 AND code = $2 AND valid_from = $3 AND superseded_by IS NULL")
                            .bind(kind).bind(v.code.as_str()).bind(v.period.from())
                            .fetch_optional(&mut **tx).await?;
                        if clash.is_some() {
                            return Err($crate::StoreError::Conflict(format!("{kind} {} already has a version from {}", v.code, v.period.from())));
                        }
                        let id: i64 = sqlx::query_scalar("INSERT INTO entity_version (kind, code, valid_from, valid_to, change_id, name_zh, attrs, owner, facet, weight) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id")
                            .bind(kind)
                            .bind(v.code.as_str())
                            .bind(v.period.from())
                            .bind(v.period.to())
                            .bind(v.change.as_str())
                            .bind(&v.name_zh)
                            .bind(Json(&v.attrs))
                            .bind(v.owner.as_ref().map(|c| c.as_str()))
                            .bind(v.facet.as_deref())
                            .bind(i64::from(v.weight))
                            .fetch_one(&mut **tx)
                            .await?;
                        // Kinds with search text are indexed in the same transaction.
                        if let Some(text) = &text {
                            Self::index_search(&mut **tx, id, text).await?;
                        }
                        written.push((kind, v));
                    }
                }
                // Each version's change item holds the version before it (the one
                // that ended the day it starts, stored earlier or in this load) and
                // the version itself.
                for (kind, v) in &written {
                    let before = sqlx::query("SELECT code, valid_from, valid_to, change_id, attrs FROM entity_version WHERE kind = $1 AND code = $2 AND valid_to = $3 AND superseded_by IS NULL")
                        .bind(*kind)
                        .bind(v.code.as_str())
                        .bind(v.period.from())
                        .fetch_optional(&mut **tx)
                        .await?
                        .map(|row| $crate::rows::whole_from_row(&row))
                        .transpose()?;
                    sqlx::query("INSERT INTO change_item (change_id, kind, code, before_json, after_json) VALUES ($1, $2, $3, $4, $5)")
                        .bind(v.change.as_str())
                        .bind(*kind)
                        .bind(v.code.as_str())
                        .bind(before.map(Json))
                        .bind(Some(Json($crate::rows::whole(v))))
                        .execute(&mut **tx)
                        .await?;
                }
                for l in &parts.lineage {
                    sqlx::query("INSERT INTO lineage (kind, predecessor, successor, relation, date, change_id, source, basis, facts) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)")
                        .bind(l.kind.code())
                        .bind(l.predecessor.as_str())
                        .bind(l.successor.as_str())
                        .bind(l.relation.code())
                        .bind(l.date)
                        .bind(l.change.as_str())
                        .bind(l.provenance.source.to_string())
                        .bind(&l.provenance.basis)
                        .bind(l.provenance.facts_cell())
                        .execute(&mut **tx)
                        .await?;
                }
                Ok($crate::LoadSummary {
                    categories: parts.categories.len(),
                    changes: parts.changes.len(),
                    versions: written.len() + ended,
                    lineage: parts.lineage.len(),
                })
            }

            /// Ends the current version of `e.code` on `e.to`. History is not rewritten:
            /// the open version is marked superseded by the ending change set (the one
            /// update a version allows) and a copy closed on `e.to` takes its place,
            /// written by that change set with a change item (before: open, after:
            /// closed). A version written later from `e.to` then finds the closed copy
            /// as its "before", as any load does.
            async fn end_version(tx: &mut sqlx::Transaction<'static, $db>, e: &$crate::VersionEnd) -> Result<usize, $crate::StoreError> {
                use sqlx::Row as _;
                use sqlx::types::Json;
                let kind = e.kind.code();
                let row = sqlx::query("SELECT id, code, valid_from, valid_to, change_id, name_zh, attrs, owner, facet, CAST(weight AS BIGINT) AS weight FROM entity_version WHERE kind = $1 AND code = $2 AND valid_from = $3 AND superseded_by IS NULL")
                    .bind(kind)
                    .bind(e.code.as_str())
                    .bind(e.from)
                    .fetch_optional(&mut **tx)
                    .await?
                    .ok_or_else(|| $crate::StoreError::Conflict(format!("{kind} {} has no current version from {}", e.code, e.from)))?;
                let id: i64 = row.try_get("id")?;
                let valid_to: Option<zonegov_domain::NaiveDate> = row.try_get("valid_to")?;
                if e.to <= e.from || valid_to.is_some_and(|t| t <= e.to) {
                    return Err($crate::StoreError::Conflict(format!(
                        "{kind} {}: the version from {} cannot end on {} (it ends {})",
                        e.code, e.from, e.to, valid_to.map_or_else(|| "never".to_owned(), |t| t.to_string())
                    )));
                }
                let before = $crate::rows::whole_from_row(&row)?;
                let attrs: Json<serde_json::Value> = row.try_get("attrs")?;
                let name_zh: String = row.try_get("name_zh")?;
                let owner: Option<String> = row.try_get("owner")?;
                let facet: Option<String> = row.try_get("facet")?;
                let weight: i64 = row.try_get("weight")?;
                sqlx::query("UPDATE entity_version SET superseded_by = $1 WHERE id = $2")
                    .bind(e.change.as_str())
                    .bind(id)
                    .execute(&mut **tx)
                    .await?;
                let closed: i64 = sqlx::query_scalar("INSERT INTO entity_version (kind, code, valid_from, valid_to, change_id, name_zh, attrs, owner, facet, weight) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id")
                    .bind(kind)
                    .bind(e.code.as_str())
                    .bind(e.from)
                    .bind(Some(e.to))
                    .bind(e.change.as_str())
                    .bind(&name_zh)
                    .bind(&attrs)
                    .bind(owner)
                    .bind(facet)
                    .bind(weight)
                    .fetch_one(&mut **tx)
                    .await?;
                // The closed copy stands for the record on its days: a search as of
                // one of them must still find it.
                if let Some(spec) = zonegov_domain::kinds::spec(e.kind) {
                    let mut one = (spec.empty)();
                    let period = zonegov_domain::Period::new(e.from, Some(e.to)).map_err(|err| $crate::StoreError::Conflict(err.to_string()))?;
                    one.push_json(e.code.clone(), period, e.change.clone(), &attrs.0.to_string())
                        .map_err(|err| $crate::StoreError::Corrupt(format!("{kind} {}: {err}", e.code)))?;
                    if let Some(Some(text)) = one.search_texts().pop() {
                        Self::index_search(&mut **tx, closed, &text).await?;
                    }
                }
                let mut after = before.clone();
                if let Some(o) = after.as_object_mut() {
                    o.insert("valid_to".into(), serde_json::Value::String(e.to.to_string()));
                    o.insert("change".into(), serde_json::Value::String(e.change.as_str().to_owned()));
                }
                sqlx::query("INSERT INTO change_item (change_id, kind, code, before_json, after_json) VALUES ($1, $2, $3, $4, $5)")
                    .bind(e.change.as_str())
                    .bind(kind)
                    .bind(e.code.as_str())
                    .bind(Some(Json(before)))
                    .bind(Some(Json(after)))
                    .execute(&mut **tx)
                    .await?;
                Ok(1)
            }

            async fn zone(&self) -> Result<Option<zonegov_domain::Zone>, $crate::StoreError> {
                use sqlx::Row as _;
                let Some(row) = sqlx::query("SELECT division, name_zh, name_en, level, source, basis, facts FROM zone WHERE id = 1")
                    .fetch_optional(&self.pool)
                    .await?
                else {
                    return Ok(None);
                };
                let corrupt = |e: String| $crate::StoreError::Corrupt(e);
                let division: String = row.try_get("division")?;
                let level: String = row.try_get("level")?;
                Ok(Some(zonegov_domain::Zone {
                    division: zonegov_domain::DivisionCode::parse(&division).map_err(|e| corrupt(e.to_string()))?,
                    name: zonegov_domain::Name::new(row.try_get::<String, _>("name_zh")?, row.try_get::<String, _>("name_en")?),
                    level: zonegov_domain::ZoneLevel::parse(&level).map_err(|e| corrupt(e.to_string()))?,
                    provenance: $crate::rows::provenance(row.try_get("source")?, row.try_get("basis")?, row.try_get("facts")?)?,
                }))
            }

            async fn categories(&self) -> Result<Vec<zonegov_domain::Category>, $crate::StoreError> {
                use sqlx::Row as _;
                let rows = sqlx::query("SELECT code, name_zh, name_en, internal, sort, source, basis, facts FROM category ORDER BY sort, code")
                    .fetch_all(&self.pool)
                    .await?;
                rows.into_iter()
                    .map(|row| {
                        Ok(zonegov_domain::Category {
                            code: $crate::rows::code(row.try_get("code")?)?,
                            name: zonegov_domain::Name::new(row.try_get::<String, _>("name_zh")?, row.try_get::<String, _>("name_en")?),
                            internal: row.try_get("internal")?,
                            sort: row.try_get("sort")?,
                            provenance: $crate::rows::provenance(row.try_get("source")?, row.try_get("basis")?, row.try_get("facts")?)?,
                        })
                    })
                    .collect()
            }

            async fn change_sets(&self) -> Result<Vec<zonegov_domain::ChangeSet>, $crate::StoreError> {
                use sqlx::Row as _;
                let rows = sqlx::query("SELECT id, effective, doc_no, reason_zh, reason_en, actor, recorded_at, source, basis, facts FROM change_set ORDER BY effective, id")
                    .fetch_all(&self.pool)
                    .await?;
                rows.into_iter()
                    .map(|row| {
                        Ok(zonegov_domain::ChangeSet {
                            id: $crate::rows::code(row.try_get("id")?)?,
                            effective: row.try_get("effective")?,
                            doc_no: row.try_get("doc_no")?,
                            reason: zonegov_domain::Name::new(row.try_get::<String, _>("reason_zh")?, row.try_get::<String, _>("reason_en")?),
                            actor: row.try_get("actor")?,
                            recorded_at: Some(row.try_get("recorded_at")?),
                            provenance: $crate::rows::provenance(row.try_get("source")?, row.try_get("basis")?, row.try_get("facts")?)?,
                        })
                    })
                    .collect()
            }

            async fn lineage(&self, of: Option<(zonegov_domain::EntityKind, &zonegov_domain::Code)>) -> Result<Vec<zonegov_domain::LineageLink>, $crate::StoreError> {
                use sqlx::Row as _;
                let rows = sqlx::query(
                    "SELECT kind, predecessor, successor, relation, date, change_id, source, basis, facts FROM lineage \
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
                            provenance: $crate::rows::provenance(row.try_get("source")?, row.try_get("basis")?, row.try_get("facts")?)?,
                        })
                    })
                    .collect()
            }
        }
    };
}

/// The `Store` handle of a backend: its kind, closing, and each capability's store
/// (all implemented by the backend type itself).
macro_rules! impl_store_handle {
    ($store:ty, $backend:expr) => {
        #[async_trait::async_trait]
        impl $crate::Store for $store {
            fn backend(&self) -> $crate::Backend {
                $backend
            }

            async fn close(&self) {
                self.pool.close().await;
            }

            fn records(&self) -> &dyn $crate::RecordStore {
                self
            }

            fn accounts(&self) -> &dyn $crate::AccountStore {
                self
            }

            fn audit(&self) -> &dyn $crate::AuditStore {
                self
            }

            fn adjustments(&self) -> &dyn $crate::AdjustmentStore {
                self
            }

            fn perf(&self) -> &dyn $crate::PerfStore {
                self
            }

            fn tokens(&self) -> &dyn $crate::TokenStore {
                self
            }
        }
    };
}

pub(crate) use impl_record_store;
pub(crate) use impl_store_handle;
