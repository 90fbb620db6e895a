//! Who is asking, and may they: sessions, passwords, CSRF, per-route access rules,
//! data scopes, rate limits, and the accounts created at first start.

pub mod access;
pub mod bearer;
pub mod bucket;
pub mod csrf;
pub mod proxy;
pub mod rate;
pub mod session;
pub mod session_cache;

use std::collections::BTreeSet;
use std::sync::Arc;
use zonegov_domain::auth::{LoginPolicy, PasswordPolicy, Perm, Permission, Role, User, Visible};

/// The signed-in user of this request, read fresh from the store on every request,
/// so a permission or scope change applies to the very next request.
#[derive(Debug, Clone)]
pub struct CurrentUser {
    pub user: User,
    pub roles: Arc<Vec<Role>>,
    pub permissions: Arc<BTreeSet<Permission>>,
    pub visible: Visible,
    pub csrf: String,
    pub session_hash: String,
    /// The password must be changed before anything else (first login, expiry).
    pub must_change_password: bool,
    /// Signed in by an API token (`bearer`), not a session: no cookie, no CSRF token.
    pub bearer: bool,
}

impl CurrentUser {
    pub fn has(&self, permission: Perm) -> bool {
        self.permissions.iter().any(|p| p.is(permission))
    }
}

/// Security settings; every number is configurable, defaults per 等保 level 3.
#[derive(Debug, Clone)]
pub struct Security {
    pub password: PasswordPolicy,
    pub login: LoginPolicy,
    /// Mark cookies `Secure` (set when served over TLS, directly or behind a proxy).
    pub secure_cookies: bool,
    /// Audit entries older than this are purged (with a checkpoint); at least 180.
    pub audit_retention_days: u32,
    /// Login attempts per client address per minute.
    pub login_rate_per_minute: u32,
    /// Public searches per client address per minute.
    pub search_rate_per_minute: u32,
    /// Reverse proxies whose `X-Forwarded-For` names the client (see `proxy`).
    pub trusted_proxies: Vec<proxy::Cidr>,
}

/// The longest value, in characters, the server accepts in each form field,
/// whatever the page's `maxlength` says; longer submissions are refused (413)
/// before any handler, store or audit sees them.
pub fn field_limit(name: &str) -> usize {
    match name {
        "username" => 64,
        "password" | "old" | "new" | "confirm" => 256,
        "display_name" | "name_zh" | "name_en" => 100,
        "institution" | "park" | "roles" | "scope" | "permissions" | csrf::FIELD => 128,
        _ => 2000,
    }
}

impl Default for Security {
    fn default() -> Self {
        Self {
            password: PasswordPolicy::default(),
            login: LoginPolicy::default(),
            secure_cookies: false,
            audit_retention_days: 180,
            login_rate_per_minute: 10,
            search_rate_per_minute: 30,
            trusted_proxies: Vec::new(),
        }
    }
}
