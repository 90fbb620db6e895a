//! [`crate::perf::PerfStore`] SQL shared by both backends (see `sql.rs` for why it
//! is a macro). `$in_set4`: "the codes in the JSON array bound as $4"; `$name_en`:
//! the English name inside `attrs`; `$pos`: the substring-position function.

macro_rules! impl_perf_store {
    ($store:ty, $in_set4:literal, $name_en:literal, $pos:literal) => {
        #[async_trait::async_trait]
        impl $crate::perf::PerfStore for $store {
            async fn revision(&self) -> Result<$crate::perf::Revision, $crate::StoreError> {
                use sqlx::Row as _;
                let row = sqlx::query("SELECT data, auth FROM revision WHERE id = 1")
                    .fetch_one(&self.pool)
                    .await?;
                Ok($crate::perf::Revision {
                    data: row.try_get("data")?,
                    auth: row.try_get("auth")?,
                })
            }

            async fn session_with_user(
                &self,
                id_hash: &str,
            ) -> Result<Option<($crate::accounts::Session, Option<zonegov_domain::auth::User>)>, $crate::StoreError> {
                use sqlx::Row as _;
                let Some(row) = sqlx::query(
                    "SELECT s.user_id AS s_user_id, s.csrf AS s_csrf, s.ip AS s_ip, s.created_at AS s_created_at, s.last_seen AS s_last_seen, \
                     u.id, u.username, u.display_name, u.institution, u.park, u.must_change_password, u.password_changed_at, \
                     u.failed_logins, u.locked_until, u.disabled, u.flag \
                     FROM session s LEFT JOIN app_user u ON u.id = s.user_id WHERE s.id_hash = $1",
                )
                .bind(id_hash)
                .fetch_optional(&self.pool)
                .await?
                else {
                    return Ok(None);
                };
                let session = $crate::accounts::Session {
                    user_id: row.try_get("s_user_id")?,
                    csrf: row.try_get("s_csrf")?,
                    ip: row.try_get("s_ip")?,
                    created_at: row.try_get("s_created_at")?,
                    last_seen: row.try_get("s_last_seen")?,
                };
                let user = match row.try_get::<Option<i64>, _>("id")? {
                    None => None,
                    Some(_) => Some($crate::sql_accounts::user_from_row!(row)?),
                };
                Ok(Some((session, user)))
            }

            async fn user_role_codes(&self, user_id: i64) -> Result<Vec<zonegov_domain::Code>, $crate::StoreError> {
                self.role_codes(user_id).await
            }

            async fn parks_page(
                &self,
                q: $crate::perf::PageQuery<'_>,
            ) -> Result<Vec<zonegov_domain::Version<zonegov_domain::Park>>, $crate::StoreError> {
                self.page("park", q, q.visible.parks.as_ref()).await
            }

            async fn institutions_page(
                &self,
                q: $crate::perf::PageQuery<'_>,
            ) -> Result<Vec<zonegov_domain::Version<zonegov_domain::Institution>>, $crate::StoreError> {
                self.page("institution", q, q.visible.institutions.as_ref()).await
            }
        }

        impl $store {
            /// One page by key: `code > after … ORDER BY code LIMIT n` walks the
            /// `(kind, code, valid_from)` index from the key, so a page costs the same
            /// on the first page as on the last, however long the table.
            async fn page<T: serde::de::DeserializeOwned>(
                &self,
                kind: &str,
                q: $crate::perf::PageQuery<'_>,
                visible: Option<&std::collections::BTreeSet<zonegov_domain::Code>>,
            ) -> Result<Vec<zonegov_domain::Version<T>>, $crate::StoreError> {
                use sqlx::Row as _;
                use sqlx::types::Json;
                let visible = visible
                    .map(serde_json::to_string)
                    .transpose()
                    .map_err(|e| $crate::StoreError::Corrupt(e.to_string()))?;
                let search = q.search.map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned);
                let rows = sqlx::query(concat!(
                    "SELECT code, valid_from, valid_to, change_id, attrs FROM entity_version \
                     WHERE kind = $1 AND superseded_by IS NULL AND code > $2 \
                       AND valid_from <= $3 AND (valid_to IS NULL OR valid_to > $3) \
                       AND ($4 IS NULL OR code IN ", $in_set4, ") \
                       AND ($5 IS NULL OR ", $pos, "(name_zh, $5) > 0 OR ", $pos, "(", $name_en, ", $5) > 0 OR lower(code) = lower($5)) \
                     ORDER BY code LIMIT $6",
                ))
                .bind(kind)
                .bind(q.after.map(|c| c.as_str().to_owned()).unwrap_or_default())
                .bind(q.day)
                .bind(visible)
                .bind(search)
                .bind(i64::from(q.limit))
                .fetch_all(&self.pool)
                .await?;
                rows.into_iter()
                    .map(|row| {
                        let attrs: Json<serde_json::Value> = row.try_get("attrs")?;
                        $crate::rows::version(row.try_get("code")?, row.try_get("valid_from")?, row.try_get("valid_to")?, row.try_get("change_id")?, attrs.0)
                    })
                    .collect()
            }
        }
    };
}

pub(crate) use impl_perf_store;
