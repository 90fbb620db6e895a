//! Accounts, roles and sessions: the records behind login and access control.

use crate::StoreError;
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use zonegov_domain::Code;
use zonegov_domain::auth::{Role, User};

/// A user to create. The password arrives already hashed (argon2, by the web layer).
#[derive(Debug, Clone)]
pub struct NewUser {
    pub username: zonegov_domain::auth::Username,
    pub display_name: String,
    pub password_hash: String,
    pub institution: Code,
    pub park: Option<Code>,
    pub must_change_password: bool,
    pub roles: Vec<Code>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub user_id: i64,
    pub csrf: String,
    pub ip: String,
    pub created_at: DateTime<Utc>,
    pub last_seen: DateTime<Utc>,
}

#[async_trait]
pub trait AccountStore: Send + Sync {
    async fn user_count(&self) -> Result<i64, StoreError>;
    /// Creates the user and its role links in one transaction; a taken name is a conflict.
    async fn create_user(&self, user: &NewUser) -> Result<i64, StoreError>;
    /// The user and the stored password hash.
    async fn user_by_name(&self, username: &str) -> Result<Option<(User, String)>, StoreError>;
    async fn user_by_id(&self, id: i64) -> Result<Option<User>, StoreError>;
    async fn users(&self) -> Result<Vec<User>, StoreError>;
    async fn record_login_failure(
        &self,
        id: i64,
        failures: u32,
        locked_until: Option<DateTime<Utc>>,
    ) -> Result<(), StoreError>;
    async fn record_login_success(&self, id: i64) -> Result<(), StoreError>;
    async fn set_password(
        &self,
        id: i64,
        hash: &str,
        must_change: bool,
        changed_at: DateTime<Utc>,
    ) -> Result<(), StoreError>;
    async fn set_user_roles(&self, id: i64, roles: &[Code]) -> Result<(), StoreError>;
    async fn set_user_body(
        &self,
        id: i64,
        institution: &Code,
        flag: Option<&str>,
    ) -> Result<(), StoreError>;
    /// The park of a park-scoped user, after a park reform (and the flag, as for
    /// [`AccountStore::set_user_body`]).
    async fn set_user_park(
        &self,
        id: i64,
        park: Option<&Code>,
        flag: Option<&str>,
    ) -> Result<(), StoreError>;
    async fn set_user_disabled(&self, id: i64, disabled: bool) -> Result<(), StoreError>;

    async fn roles(&self) -> Result<Vec<Role>, StoreError>;
    /// Creates or replaces a role and its permissions, in one transaction.
    async fn save_role(&self, role: &Role) -> Result<(), StoreError>;

    async fn create_session(&self, id_hash: &str, session: &Session) -> Result<(), StoreError>;
    async fn session(&self, id_hash: &str) -> Result<Option<Session>, StoreError>;
    async fn touch_session(&self, id_hash: &str, now: DateTime<Utc>) -> Result<(), StoreError>;
    async fn delete_session(&self, id_hash: &str) -> Result<(), StoreError>;
    async fn delete_sessions_of(&self, user_id: i64) -> Result<(), StoreError>;
    /// Deletes sessions not seen since `before` (abandoned without signing out).
    async fn purge_sessions(&self, before: DateTime<Utc>) -> Result<u64, StoreError>;
}
