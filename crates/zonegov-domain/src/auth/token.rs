//! API tokens for machine clients (a 12345 hotline platform, a grid platform):
//! created and revoked by an administrator, scoped like a user (one role for the
//! permissions, one data scope), stored only as a hash.
//!
//! The secret a client presents is `zgt_<id>_<64 hex digits>`: the id finds the row,
//! then the hash of the random part is compared with the row's in constant time. The
//! 64 hex digits are 256 random bits.
//!
//! Why a plain hash and not a slow KDF (argon2, as for passwords): a slow KDF exists
//! to make guessing a low-entropy secret from its stolen hash expensive. A 256-bit
//! random secret cannot be guessed whatever the hash costs (2^255 tries on average),
//! so one fast preimage-resistant hash is as strong here, and it keeps every API
//! request cheap (a KDF would cost tens of milliseconds per request). The hash is
//! SM3 (GB/T 32905, 256-bit output, the class of SHA-256): the workspace already uses
//! it for session ids and the audit chain, and 等保 deployments expect the national
//! algorithms.

use super::scope::DataScope;
use crate::code::Code;
use chrono::{DateTime, Utc};
use sm3::{Digest, Sm3};
use std::fmt;

/// What every token begins with, so a leaked one is recognisable (secret scanners,
/// logs) and never mistaken for a session id.
pub const PREFIX: &str = "zgt_";

/// Hex digits of the random part: 32 bytes, 256 bits.
pub const SECRET_HEX_LEN: usize = 64;

/// Requests per minute a token may make unless its creator says otherwise.
pub const DEFAULT_RATE_PER_MINUTE: u32 = 600;

/// The highest per-token rate an administrator may set (per minute).
pub const MAX_RATE_PER_MINUTE: u32 = 10_000_000;

/// A token's label, chosen by the administrator: 1–64 characters, no control
/// characters (it is shown in lists and the audit trail).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenName(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TokenError {
    #[error(
        "token name \"{0}\" must be 1–64 characters without control characters / 令牌名称须为 1–64 个字符,不含控制字符"
    )]
    Name(String),
    #[error(
        "rate {0} per minute must be between 1 and {MAX_RATE_PER_MINUTE} / 每分钟请求数 {0} 须在 1 与 {MAX_RATE_PER_MINUTE} 之间"
    )]
    Rate(u64),
    #[error(
        "scope \"{0}\" is not one of all, custom, own_body, own_body_and_below, own_park (own_records means nothing for a token, which writes nothing) / 数据范围 \"{0}\" 无效"
    )]
    Scope(String),
    #[error("scope custom needs at least one body (--bodies) / 自定义数据范围至少需要一个机构")]
    EmptyCustom,
    #[error("scope own_park needs a park (--park) / 本园区数据范围需要指定园区")]
    NoPark,
}

impl TokenName {
    pub fn parse(s: &str) -> Result<Self, TokenError> {
        let s = s.trim();
        let n = s.chars().count();
        if (1..=64).contains(&n) && !s.chars().any(char::is_control) {
            Ok(Self(s.to_owned()))
        } else {
            Err(TokenError::Name(s.chars().take(80).collect()))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for TokenName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A per-minute request limit within bounds.
pub fn rate(per_minute: u64) -> Result<u32, TokenError> {
    u32::try_from(per_minute)
        .ok()
        .filter(|r| (1..=MAX_RATE_PER_MINUTE).contains(r))
        .ok_or(TokenError::Rate(per_minute))
}

/// A data scope a token may carry, checked against what it needs: `custom` needs
/// bodies, `own_park` a park; `own_records` is refused (a token writes no records).
pub fn token_scope(
    code: &str,
    bodies: std::collections::BTreeSet<Code>,
    park: Option<&Code>,
) -> Result<DataScope, TokenError> {
    let scope = match DataScope::parse(code.trim(), bodies) {
        Some(DataScope::OwnRecords) | None => return Err(TokenError::Scope(code.to_owned())),
        Some(s) => s,
    };
    match &scope {
        DataScope::Custom(set) if set.is_empty() => Err(TokenError::EmptyCustom),
        DataScope::OwnPark if park.is_none() => Err(TokenError::NoPark),
        _ => Ok(scope),
    }
}

/// A token as stored (its hash included, never its secret).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiToken {
    pub id: i64,
    pub name: TokenName,
    /// The role whose permissions the token has.
    pub role: Code,
    /// What the token may see, resolved like a user's scope with `institution` as
    /// its own body and `park` as its own park.
    pub scope: DataScope,
    pub institution: Code,
    pub park: Option<Code>,
    pub rate_per_minute: u32,
    /// The SM3 hash (hex) of the secret's random part.
    pub secret_hash: String,
    pub created_at: DateTime<Utc>,
    pub created_by: String,
    pub expires_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
    pub revoked_by: Option<String>,
    /// Kept at most once a minute per token (see the web layer's bearer check).
    pub last_used_at: Option<DateTime<Utc>>,
}

/// Why a token with a matching secret is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unusable {
    Revoked,
    Expired,
}

impl Unusable {
    pub fn code(self) -> &'static str {
        match self {
            Unusable::Revoked => "revoked",
            Unusable::Expired => "expired",
        }
    }
}

impl ApiToken {
    /// Whether the token may be used at `now`; revocation is reported first.
    pub fn usable(&self, now: DateTime<Utc>) -> Result<(), Unusable> {
        if self.revoked_at.is_some_and(|t| t <= now) {
            Err(Unusable::Revoked)
        } else if self.expires_at.is_some_and(|t| t <= now) {
            Err(Unusable::Expired)
        } else {
            Ok(())
        }
    }

    /// Whether `presented` is this token's secret (constant time in the hash).
    pub fn matches(&self, presented: &Presented) -> bool {
        presented.id == self.id && equal(&hash_secret(&presented.random), &self.secret_hash)
    }
}

/// A secret as a client presented it: the id it names and its random part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Presented {
    pub id: i64,
    random: String,
}

impl Presented {
    /// Parses `zgt_<id>_<64 lowercase hex>`; anything else is not a token.
    pub fn parse(s: &str) -> Option<Self> {
        let rest = s.strip_prefix(PREFIX)?;
        let (id, secret) = rest.split_once('_')?;
        let id: i64 = id.parse().ok().filter(|i| *i > 0)?;
        let hex_ok = secret.len() == SECRET_HEX_LEN
            && secret
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
        hex_ok.then(|| Self {
            id,
            random: secret.to_owned(),
        })
    }
}

/// The secret string for token `id` with random part `random_hex` (64 hex digits
/// from the caller's random source).
pub fn secret_string(id: i64, random_hex: &str) -> String {
    format!("{PREFIX}{id}_{random_hex}")
}

/// The stored form of a secret's random part: SM3, hex (see the module note for why
/// no KDF).
pub fn hash_secret(random_hex: &str) -> String {
    hex::encode(Sm3::digest(random_hex.as_bytes()))
}

/// Equality whose time does not depend on where the strings differ.
fn equal(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn token(random: &str) -> ApiToken {
        ApiToken {
            id: 7,
            name: TokenName::parse("12345 热线").unwrap(),
            role: Code::parse("viewer").unwrap(),
            scope: DataScope::All,
            institution: Code::parse("GWH").unwrap(),
            park: None,
            rate_per_minute: 60,
            secret_hash: hash_secret(random),
            created_at: Utc::now(),
            created_by: "admin".into(),
            expires_at: None,
            revoked_at: None,
            revoked_by: None,
            last_used_at: None,
        }
    }

    #[test]
    fn a_secret_parses_and_matches_only_its_own_hash() {
        let random = "ab".repeat(32);
        let s = secret_string(7, &random);
        let t = token(&random);
        let p = Presented::parse(&s).unwrap();
        assert_eq!(p.id, 7);
        assert!(t.matches(&p));
        assert!(!t.secret_hash.contains(&random) && !s.contains(&t.secret_hash));
        let other = Presented::parse(&secret_string(7, &"cd".repeat(32))).unwrap();
        assert!(!t.matches(&other));
        let wrong_id = Presented::parse(&secret_string(8, &random)).unwrap();
        assert!(!t.matches(&wrong_id), "the id must name this row");
    }

    #[test]
    fn malformed_secrets_are_not_tokens() {
        let random = "0f".repeat(32);
        for bad in [
            String::new(),
            format!("zgx_1_{random}"),
            format!("zgt_0_{random}"),
            format!("zgt_-1_{random}"),
            format!("zgt_x_{random}"),
            format!("zgt_1_{}", &random[1..]),
            format!("zgt_1_{}", random.to_uppercase()),
            format!("zgt_1_{random}0"),
        ] {
            assert!(Presented::parse(&bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn revoked_is_reported_before_expired() {
        let now = Utc::now();
        let mut t = token("x");
        assert_eq!(t.usable(now), Ok(()));
        t.expires_at = Some(now);
        assert_eq!(t.usable(now), Err(Unusable::Expired));
        t.revoked_at = Some(now - chrono::Duration::seconds(1));
        assert_eq!(t.usable(now), Err(Unusable::Revoked));
        t.revoked_at = None;
        t.expires_at = Some(now + chrono::Duration::seconds(1));
        assert_eq!(t.usable(now), Ok(()));
    }

    #[test]
    fn names_rates_and_scopes_are_checked() {
        assert!(TokenName::parse("").is_err());
        assert!(TokenName::parse(&"长".repeat(65)).is_err());
        assert!(TokenName::parse("a\nb").is_err());
        assert_eq!(TokenName::parse(" 网格平台 ").unwrap().as_str(), "网格平台");
        assert_eq!(rate(0), Err(TokenError::Rate(0)));
        assert_eq!(rate(600), Ok(600));
        assert!(rate(u64::from(MAX_RATE_PER_MINUTE) + 1).is_err());
        let p = Code::parse("P01").unwrap();
        assert_eq!(
            token_scope("all", Default::default(), None),
            Ok(DataScope::All)
        );
        assert_eq!(
            token_scope("own_records", Default::default(), None),
            Err(TokenError::Scope("own_records".into()))
        );
        assert_eq!(
            token_scope("custom", Default::default(), None),
            Err(TokenError::EmptyCustom)
        );
        assert_eq!(
            token_scope("own_park", Default::default(), None),
            Err(TokenError::NoPark)
        );
        assert_eq!(
            token_scope("own_park", Default::default(), Some(&p)),
            Ok(DataScope::OwnPark)
        );
    }
}
