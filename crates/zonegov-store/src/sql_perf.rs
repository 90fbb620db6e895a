//! [`crate::perf::PerfStore`] SQL shared by both backends (see `sql.rs` for why it
//! is a macro).

macro_rules! impl_perf_store {
    ($store:ty) => {
        #[async_trait::async_trait]
        impl $crate::perf::PerfStore for $store {
            async fn revision(&self) -> Result<$crate::perf::Revision, $crate::StoreError> {
                self.read_revision().await
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
        }
    };
}

pub(crate) use impl_perf_store;

/// The counters' row, read through the pool.
pub(crate) const REVISION_SQL: &str = "SELECT data, auth FROM revision WHERE id = 1";

/// [`REVISION_SQL`] through a pool of either backend.
macro_rules! pooled_revision {
    ($pool:expr) => {{
        use sqlx::Row as _;
        let row = sqlx::query($crate::sql_perf::REVISION_SQL)
            .fetch_one($pool)
            .await?;
        Ok($crate::perf::Revision {
            data: row.try_get("data")?,
            auth: row.try_get("auth")?,
        })
    }};
}

pub(crate) use pooled_revision;
