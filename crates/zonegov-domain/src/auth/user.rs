//! Users and roles.

use super::permission::Permission;
use super::scope::DataScope;
use crate::code::Code;
use crate::lang::Name;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::fmt;

/// A login name: 3–32 characters from `a–z 0–9 _ . -`, starting with a letter.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Username(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "user name \"{0}\" must be 3–32 characters of a–z, 0–9, '_', '.', '-' and start with a letter / 用户名须为 3–32 位小写字母、数字或 _.-,以字母开头"
)]
pub struct UsernameError(pub String);

impl Username {
    pub fn parse(s: &str) -> Result<Self, UsernameError> {
        let s = s.trim();
        let ok = (3..=32).contains(&s.len())
            && s.starts_with(|c: char| c.is_ascii_lowercase())
            && s.chars().all(|c| {
                c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '_' | '.' | '-')
            });
        if ok {
            Ok(Self(s.to_owned()))
        } else {
            Err(UsernameError(s.to_owned()))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The name an API token's requests act and are audited under (`token#12`):
    /// `#` is not allowed in a login name, so it can never name a person.
    pub fn of_token(id: i64) -> Self {
        Self(format!("token#{id}"))
    }
}

impl TryFrom<String> for Username {
    type Error = UsernameError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Username::parse(&s)
    }
}

impl From<Username> for String {
    fn from(u: Username) -> Self {
        u.0
    }
}

impl fmt::Display for Username {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Role {
    pub code: Code,
    pub name: Name,
    pub permissions: BTreeSet<Permission>,
    pub scope: DataScope,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct User {
    pub id: i64,
    pub username: Username,
    pub display_name: String,
    pub institution: Code,
    pub park: Option<Code>,
    pub roles: Vec<Code>,
    pub must_change_password: bool,
    pub password_changed_at: DateTime<Utc>,
    pub failed_logins: u32,
    pub locked_until: Option<DateTime<Utc>>,
    pub disabled: bool,
    /// Set when a reform abolished the user's body and no single successor exists.
    pub flag: Option<String>,
}

impl User {
    pub fn is_locked(&self, now: DateTime<Utc>) -> bool {
        self.locked_until.is_some_and(|t| t > now)
    }
}
