//! PostgreSQL, for provincial or national deployments.

use crate::sql::{impl_record_store, impl_store_handle};
use crate::sql_accounts::impl_account_store;
use crate::sql_adjust::impl_adjustment_store;
use crate::sql_audit::impl_audit_store;
use crate::sql_perf::impl_perf_store;
use crate::{Backend, StoreError};
use sqlx::PgPool;
use sqlx::postgres::PgPoolOptions;

pub struct PgStore {
    pool: PgPool,
}

impl PgStore {
    pub async fn open(url: &str) -> Result<Self, StoreError> {
        let pool = PgPoolOptions::new()
            .max_connections(10)
            .connect(url)
            .await?;
        sqlx::migrate!("./migrations/postgres").run(&pool).await?;
        Ok(Self { pool })
    }
}

impl_record_store!(
    PgStore,
    sqlx::Postgres,
    "(SELECT jsonb_array_elements_text(CAST($4 AS jsonb)))",
    "(SELECT jsonb_array_elements_text(CAST($3 AS jsonb)))",
    "(attrs->'name'->>'en')"
);

impl_store_handle!(PgStore, Backend::Postgres);
impl_account_store!(PgStore);
impl_audit_store!(PgStore);
impl_adjustment_store!(
    PgStore,
    sqlx::Postgres,
    "(SELECT jsonb_array_elements_text(CAST($2 AS jsonb)))"
);
impl_perf_store!(PgStore);
