//! Account SQL shared by both backends (see `sql.rs` for why it is a macro).

macro_rules! impl_account_store {
    ($store:ty) => {
        #[async_trait::async_trait]
        impl $crate::accounts::AccountStore for $store {
            async fn user_count(&self) -> Result<i64, $crate::StoreError> {
                use sqlx::Row as _;
                let row = sqlx::query("SELECT COUNT(*) AS n FROM app_user").fetch_one(&self.pool).await?;
                Ok(row.try_get("n")?)
            }

            async fn create_user(&self, u: &$crate::accounts::NewUser) -> Result<i64, $crate::StoreError> {
                use sqlx::Row as _;
                let mut tx = self.pool.begin().await?;
                let taken = sqlx::query("SELECT id FROM app_user WHERE username = $1").bind(u.username.as_str()).fetch_optional(&mut *tx).await?;
                if taken.is_some() {
                    return Err($crate::StoreError::Conflict(format!("user name {} is taken", u.username)));
                }
                let now = chrono::Utc::now();
                let row = sqlx::query(
                    "INSERT INTO app_user (username, display_name, password_hash, institution, park, must_change_password, password_changed_at, created_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id",
                )
                .bind(u.username.as_str())
                .bind(&u.display_name)
                .bind(&u.password_hash)
                .bind(u.institution.as_str())
                .bind(u.park.as_ref().map(|p| p.as_str().to_owned()))
                .bind(u.must_change_password)
                .bind(now)
                .fetch_one(&mut *tx)
                .await?;
                let id: i64 = row.try_get("id")?;
                for r in &u.roles {
                    sqlx::query("INSERT INTO user_role (user_id, role) VALUES ($1, $2)").bind(id).bind(r.as_str()).execute(&mut *tx).await?;
                }
                tx.commit().await?;
                Ok(id)
            }

            async fn user_by_name(&self, username: &str) -> Result<Option<(zonegov_domain::auth::User, String)>, $crate::StoreError> {
                use sqlx::Row as _;
                let Some(row) = sqlx::query(concat!($crate::sql_accounts::USER_SELECT!(), " WHERE username = $1"))
                    .bind(username)
                    .fetch_optional(&self.pool)
                    .await?
                else {
                    return Ok(None);
                };
                let hash: String = row.try_get("password_hash")?;
                let mut user = $crate::sql_accounts::user_from_row!(row)?;
                user.roles = self.role_codes(user.id).await?;
                Ok(Some((user, hash)))
            }

            async fn user_by_id(&self, id: i64) -> Result<Option<zonegov_domain::auth::User>, $crate::StoreError> {
                let Some(row) = sqlx::query(concat!($crate::sql_accounts::USER_SELECT!(), " WHERE id = $1")).bind(id).fetch_optional(&self.pool).await? else {
                    return Ok(None);
                };
                let mut user = $crate::sql_accounts::user_from_row!(row)?;
                user.roles = self.role_codes(user.id).await?;
                Ok(Some(user))
            }

            async fn users(&self) -> Result<Vec<zonegov_domain::auth::User>, $crate::StoreError> {
                let rows = sqlx::query(concat!($crate::sql_accounts::USER_SELECT!(), " ORDER BY username")).fetch_all(&self.pool).await?;
                let mut out = Vec::with_capacity(rows.len());
                for row in rows {
                    let mut user = $crate::sql_accounts::user_from_row!(row)?;
                    user.roles = self.role_codes(user.id).await?;
                    out.push(user);
                }
                Ok(out)
            }

            async fn record_login_failure(&self, id: i64, failures: u32, locked_until: Option<chrono::DateTime<chrono::Utc>>) -> Result<(), $crate::StoreError> {
                sqlx::query("UPDATE app_user SET failed_logins = $2, locked_until = $3 WHERE id = $1")
                    .bind(id).bind(i64::from(failures)).bind(locked_until)
                    .execute(&self.pool).await?;
                Ok(())
            }

            async fn record_login_success(&self, id: i64) -> Result<(), $crate::StoreError> {
                sqlx::query("UPDATE app_user SET failed_logins = 0, locked_until = NULL WHERE id = $1").bind(id).execute(&self.pool).await?;
                Ok(())
            }

            async fn set_password(&self, id: i64, hash: &str, must_change: bool, changed_at: chrono::DateTime<chrono::Utc>) -> Result<(), $crate::StoreError> {
                sqlx::query("UPDATE app_user SET password_hash = $2, must_change_password = $3, password_changed_at = $4, failed_logins = 0, locked_until = NULL WHERE id = $1")
                    .bind(id).bind(hash).bind(must_change).bind(changed_at)
                    .execute(&self.pool).await?;
                Ok(())
            }

            async fn set_user_roles(&self, id: i64, roles: &[zonegov_domain::Code]) -> Result<(), $crate::StoreError> {
                let mut tx = self.pool.begin().await?;
                sqlx::query("DELETE FROM user_role WHERE user_id = $1").bind(id).execute(&mut *tx).await?;
                for r in roles {
                    sqlx::query("INSERT INTO user_role (user_id, role) VALUES ($1, $2)").bind(id).bind(r.as_str()).execute(&mut *tx).await?;
                }
                tx.commit().await?;
                Ok(())
            }

            async fn set_user_body(&self, id: i64, institution: &zonegov_domain::Code, flag: Option<&str>) -> Result<(), $crate::StoreError> {
                sqlx::query("UPDATE app_user SET institution = $2, flag = $3 WHERE id = $1")
                    .bind(id).bind(institution.as_str()).bind(flag)
                    .execute(&self.pool).await?;
                Ok(())
            }

            async fn set_user_park(&self, id: i64, park: Option<&zonegov_domain::Code>, flag: Option<&str>) -> Result<(), $crate::StoreError> {
                sqlx::query("UPDATE app_user SET park = $2, flag = $3 WHERE id = $1")
                    .bind(id).bind(park.map(|p| p.as_str())).bind(flag)
                    .execute(&self.pool).await?;
                Ok(())
            }

            async fn set_user_disabled(&self, id: i64, disabled: bool) -> Result<(), $crate::StoreError> {
                sqlx::query("UPDATE app_user SET disabled = $2 WHERE id = $1").bind(id).bind(disabled).execute(&self.pool).await?;
                Ok(())
            }

            async fn roles(&self) -> Result<Vec<zonegov_domain::auth::Role>, $crate::StoreError> {
                use sqlx::Row as _;
                let rows = sqlx::query("SELECT code, name_zh, name_en, scope, scope_bodies FROM role ORDER BY code").fetch_all(&self.pool).await?;
                let perms = sqlx::query("SELECT role, permission FROM role_permission").fetch_all(&self.pool).await?;
                let corrupt = |m: String| $crate::StoreError::Corrupt(m);
                let mut out = Vec::with_capacity(rows.len());
                for row in rows {
                    let code: String = row.try_get("code")?;
                    let scope: String = row.try_get("scope")?;
                    let bodies: String = row.try_get("scope_bodies")?;
                    let bodies: std::collections::BTreeSet<zonegov_domain::Code> =
                        serde_json::from_str(&bodies).map_err(|e| corrupt(format!("role {code}: scope_bodies: {e}")))?;
                    let mut permissions = std::collections::BTreeSet::new();
                    for p in &perms {
                        if p.try_get::<String, _>("role")? == code {
                            let text: String = p.try_get("permission")?;
                            // A permission removed from the catalogue simply stops granting anything.
                            if let Ok(perm) = zonegov_domain::auth::Permission::parse(&text) {
                                permissions.insert(perm);
                            }
                        }
                    }
                    out.push(zonegov_domain::auth::Role {
                        code: $crate::rows::code(code.clone())?,
                        name: zonegov_domain::Name::new(row.try_get::<String, _>("name_zh")?, row.try_get::<String, _>("name_en")?),
                        permissions,
                        scope: zonegov_domain::auth::DataScope::parse(&scope, bodies).ok_or_else(|| corrupt(format!("role {code}: scope {scope}")))?,
                    });
                }
                Ok(out)
            }

            async fn save_role(&self, role: &zonegov_domain::auth::Role) -> Result<(), $crate::StoreError> {
                let bodies = match &role.scope {
                    zonegov_domain::auth::DataScope::Custom(set) => serde_json::to_string(set),
                    _ => Ok("[]".to_owned()),
                }
                .map_err(|e| $crate::StoreError::Corrupt(e.to_string()))?;
                let mut tx = self.pool.begin().await?;
                sqlx::query("DELETE FROM role_permission WHERE role = $1").bind(role.code.as_str()).execute(&mut *tx).await?;
                sqlx::query(
                    "INSERT INTO role (code, name_zh, name_en, scope, scope_bodies) VALUES ($1, $2, $3, $4, $5) \
                     ON CONFLICT (code) DO UPDATE SET name_zh = $2, name_en = $3, scope = $4, scope_bodies = $5",
                )
                .bind(role.code.as_str())
                .bind(&role.name.zh)
                .bind(&role.name.en)
                .bind(role.scope.code())
                .bind(bodies)
                .execute(&mut *tx)
                .await?;
                for p in &role.permissions {
                    sqlx::query("INSERT INTO role_permission (role, permission) VALUES ($1, $2)").bind(role.code.as_str()).bind(p.as_str()).execute(&mut *tx).await?;
                }
                tx.commit().await?;
                Ok(())
            }

            async fn create_session(&self, id_hash: &str, s: &$crate::accounts::Session) -> Result<(), $crate::StoreError> {
                sqlx::query("INSERT INTO session (id_hash, user_id, csrf, ip, created_at, last_seen) VALUES ($1, $2, $3, $4, $5, $6)")
                    .bind(id_hash).bind(s.user_id).bind(&s.csrf).bind(&s.ip).bind(s.created_at).bind(s.last_seen)
                    .execute(&self.pool).await?;
                Ok(())
            }

            async fn session(&self, id_hash: &str) -> Result<Option<$crate::accounts::Session>, $crate::StoreError> {
                use sqlx::Row as _;
                let Some(row) = sqlx::query("SELECT user_id, csrf, ip, created_at, last_seen FROM session WHERE id_hash = $1")
                    .bind(id_hash).fetch_optional(&self.pool).await?
                else {
                    return Ok(None);
                };
                Ok(Some($crate::accounts::Session {
                    user_id: row.try_get("user_id")?,
                    csrf: row.try_get("csrf")?,
                    ip: row.try_get("ip")?,
                    created_at: row.try_get("created_at")?,
                    last_seen: row.try_get("last_seen")?,
                }))
            }

            async fn touch_session(&self, id_hash: &str, now: chrono::DateTime<chrono::Utc>) -> Result<(), $crate::StoreError> {
                sqlx::query("UPDATE session SET last_seen = $2 WHERE id_hash = $1").bind(id_hash).bind(now).execute(&self.pool).await?;
                Ok(())
            }

            async fn delete_session(&self, id_hash: &str) -> Result<(), $crate::StoreError> {
                sqlx::query("DELETE FROM session WHERE id_hash = $1").bind(id_hash).execute(&self.pool).await?;
                Ok(())
            }

            async fn purge_sessions(&self, before: chrono::DateTime<chrono::Utc>) -> Result<u64, $crate::StoreError> {
                let done = sqlx::query("DELETE FROM session WHERE last_seen < $1").bind(before).execute(&self.pool).await?;
                Ok(done.rows_affected())
            }

            async fn delete_sessions_of(&self, user_id: i64) -> Result<(), $crate::StoreError> {
                sqlx::query("DELETE FROM session WHERE user_id = $1").bind(user_id).execute(&self.pool).await?;
                Ok(())
            }
        }

        impl $store {
            async fn role_codes(&self, user_id: i64) -> Result<Vec<zonegov_domain::Code>, $crate::StoreError> {
                use sqlx::Row as _;
                let rows = sqlx::query("SELECT role FROM user_role WHERE user_id = $1 ORDER BY role").bind(user_id).fetch_all(&self.pool).await?;
                rows.into_iter().map(|r| $crate::rows::code(r.try_get("role")?)).collect()
            }
        }
    };
}

macro_rules! USER_SELECT {
    () => {
        "SELECT id, username, display_name, password_hash, institution, park, must_change_password, password_changed_at, failed_logins, locked_until, disabled, flag FROM app_user"
    };
}

macro_rules! user_from_row {
    ($row:expr) => {{
        use sqlx::Row as _;
        let row = &$row;
        (|| -> Result<zonegov_domain::auth::User, $crate::StoreError> {
            let username: String = row.try_get("username")?;
            let failed: i64 = row.try_get("failed_logins")?;
            Ok(zonegov_domain::auth::User {
                id: row.try_get("id")?,
                username: zonegov_domain::auth::Username::parse(&username)
                    .map_err(|e| $crate::StoreError::Corrupt(e.to_string()))?,
                display_name: row.try_get("display_name")?,
                institution: $crate::rows::code(row.try_get("institution")?)?,
                park: row
                    .try_get::<Option<String>, _>("park")?
                    .map($crate::rows::code)
                    .transpose()?,
                roles: Vec::new(),
                must_change_password: row.try_get("must_change_password")?,
                password_changed_at: row.try_get("password_changed_at")?,
                failed_logins: u32::try_from(failed).unwrap_or(u32::MAX),
                locked_until: row.try_get("locked_until")?,
                disabled: row.try_get("disabled")?,
                flag: row.try_get("flag")?,
            })
        })()
    }};
}

pub(crate) use {USER_SELECT, impl_account_store, user_from_row};
