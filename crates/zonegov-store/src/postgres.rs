//! PostgreSQL, for provincial or national deployments.

use crate::sql_accounts::impl_account_store;
use crate::sql_audit::impl_audit_store;
use crate::{Backend, StoreError, sql::impl_record_store};
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
    "(SELECT jsonb_array_elements_text(CAST($4 AS jsonb)))"
);

#[async_trait::async_trait]
impl crate::Store for PgStore {
    fn backend(&self) -> Backend {
        Backend::Postgres
    }

    async fn close(&self) {
        self.pool.close().await;
    }

    fn records(&self) -> &dyn crate::RecordStore {
        self
    }

    fn accounts(&self) -> &dyn crate::AccountStore {
        self
    }

    fn audit(&self) -> &dyn crate::AuditStore {
        self
    }
}
impl_account_store!(PgStore);
impl_audit_store!(PgStore);
