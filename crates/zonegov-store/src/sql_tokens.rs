//! API token SQL shared by both backends (see `sql.rs` for why it is a macro).

macro_rules! impl_token_store {
    ($store:ty) => {
        #[async_trait::async_trait]
        impl $crate::tokens::TokenStore for $store {
            async fn create_token(&self, t: &$crate::tokens::NewToken) -> Result<i64, $crate::StoreError> {
                use sqlx::Row as _;
                let bodies = match &t.scope {
                    zonegov_domain::auth::DataScope::Custom(set) => serde_json::to_string(set),
                    _ => Ok("[]".to_owned()),
                }
                .map_err(|e| $crate::StoreError::Corrupt(e.to_string()))?;
                let mut tx = self.pool.begin().await?;
                let role = sqlx::query("SELECT code FROM role WHERE code = $1").bind(t.role.as_str()).fetch_optional(&mut *tx).await?;
                if role.is_none() {
                    return Err($crate::StoreError::Conflict(format!("unknown role {} / 未知角色 {}", t.role, t.role)));
                }
                let row = sqlx::query(
                    "INSERT INTO api_token (name, role, scope, scope_bodies, institution, park, rate_per_minute, secret_hash, created_at, created_by, expires_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
                )
                .bind(t.name.as_str())
                .bind(t.role.as_str())
                .bind(t.scope.code())
                .bind(bodies)
                .bind(t.institution.as_str())
                .bind(t.park.as_ref().map(|p| p.as_str().to_owned()))
                .bind(i64::from(t.rate_per_minute))
                .bind(&t.secret_hash)
                .bind(t.created_at)
                .bind(&t.created_by)
                .bind(t.expires_at)
                .fetch_one(&mut *tx)
                .await?;
                let id: i64 = row.try_get("id")?;
                tx.commit().await?;
                Ok(id)
            }

            async fn token(&self, id: i64) -> Result<Option<zonegov_domain::auth::token::ApiToken>, $crate::StoreError> {
                let Some(row) = sqlx::query(concat!($crate::sql_tokens::TOKEN_SELECT!(), " WHERE id = $1")).bind(id).fetch_optional(&self.pool).await? else {
                    return Ok(None);
                };
                Ok(Some($crate::sql_tokens::token_from_row!(row)?))
            }

            async fn tokens(&self) -> Result<Vec<zonegov_domain::auth::token::ApiToken>, $crate::StoreError> {
                let rows = sqlx::query(concat!($crate::sql_tokens::TOKEN_SELECT!(), " ORDER BY id DESC")).fetch_all(&self.pool).await?;
                rows.iter().map(|row| $crate::sql_tokens::token_from_row!(row)).collect()
            }

            async fn revoke_token(&self, id: i64, by: &str, at: chrono::DateTime<chrono::Utc>) -> Result<bool, $crate::StoreError> {
                let done = sqlx::query("UPDATE api_token SET revoked_at = $2, revoked_by = $3 WHERE id = $1 AND revoked_at IS NULL")
                    .bind(id).bind(at).bind(by)
                    .execute(&self.pool).await?;
                Ok(done.rows_affected() == 1)
            }

            async fn touch_token(&self, id: i64, at: chrono::DateTime<chrono::Utc>) -> Result<(), $crate::StoreError> {
                sqlx::query("UPDATE api_token SET last_used_at = $2 WHERE id = $1")
                    .bind(id).bind(at)
                    .execute(&self.pool).await?;
                Ok(())
            }
        }
    };
}

macro_rules! TOKEN_SELECT {
    () => {
        "SELECT id, name, role, scope, scope_bodies, institution, park, rate_per_minute, secret_hash, created_at, created_by, expires_at, revoked_at, revoked_by, last_used_at FROM api_token"
    };
}

macro_rules! token_from_row {
    ($row:expr) => {{
        use sqlx::Row as _;
        let row = &$row;
        (|| -> Result<zonegov_domain::auth::token::ApiToken, $crate::StoreError> {
            let id: i64 = row.try_get("id")?;
            let corrupt = |m: String| $crate::StoreError::Corrupt(format!("api_token {id}: {m}"));
            let name: String = row.try_get("name")?;
            let scope: String = row.try_get("scope")?;
            let bodies: String = row.try_get("scope_bodies")?;
            let bodies: std::collections::BTreeSet<zonegov_domain::Code> =
                serde_json::from_str(&bodies).map_err(|e| corrupt(format!("scope_bodies: {e}")))?;
            let rate: i64 = row.try_get("rate_per_minute")?;
            Ok(zonegov_domain::auth::token::ApiToken {
                id,
                name: zonegov_domain::auth::token::TokenName::parse(&name)
                    .map_err(|e| corrupt(e.to_string()))?,
                role: $crate::rows::code(row.try_get("role")?)?,
                scope: zonegov_domain::auth::DataScope::parse(&scope, bodies)
                    .ok_or_else(|| corrupt(format!("scope {scope}")))?,
                institution: $crate::rows::code(row.try_get("institution")?)?,
                park: row
                    .try_get::<Option<String>, _>("park")?
                    .map($crate::rows::code)
                    .transpose()?,
                rate_per_minute: u32::try_from(rate)
                    .map_err(|_| corrupt(format!("rate_per_minute {rate}")))?,
                secret_hash: row.try_get("secret_hash")?,
                created_at: row.try_get("created_at")?,
                created_by: row.try_get("created_by")?,
                expires_at: row.try_get("expires_at")?,
                revoked_at: row.try_get("revoked_at")?,
                revoked_by: row.try_get("revoked_by")?,
                last_used_at: row.try_get("last_used_at")?,
            })
        })()
    }};
}

pub(crate) use {TOKEN_SELECT, impl_token_store, token_from_row};
