//! API tokens for machine clients: rows holding the hash of each secret, never the
//! secret (see `zonegov_domain::auth::token`).

use crate::StoreError;
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use zonegov_domain::Code;
use zonegov_domain::auth::DataScope;
use zonegov_domain::auth::token::{ApiToken, TokenName};

/// A token to create; the secret's random part arrives already hashed.
#[derive(Debug, Clone)]
pub struct NewToken {
    pub name: TokenName,
    pub role: Code,
    pub scope: DataScope,
    pub institution: Code,
    pub park: Option<Code>,
    pub rate_per_minute: u32,
    pub secret_hash: String,
    pub created_by: String,
    pub created_at: DateTime<Utc>,
    pub expires_at: Option<DateTime<Utc>>,
}

#[async_trait]
pub trait TokenStore: Send + Sync {
    /// Stores the token and returns its id. An unknown role is a conflict.
    async fn create_token(&self, token: &NewToken) -> Result<i64, StoreError>;
    async fn token(&self, id: i64) -> Result<Option<ApiToken>, StoreError>;
    /// Every token, newest first, revoked and expired ones included.
    async fn tokens(&self) -> Result<Vec<ApiToken>, StoreError>;
    /// Marks the token revoked at `at` by `by`; false when there is no such token
    /// or it was already revoked (the first revocation is kept).
    async fn revoke_token(&self, id: i64, by: &str, at: DateTime<Utc>) -> Result<bool, StoreError>;
    /// Sets `last_used_at` (the caller writes at most once a minute per token); does
    /// not move the revision.
    async fn touch_token(&self, id: i64, at: DateTime<Utc>) -> Result<(), StoreError>;
}
