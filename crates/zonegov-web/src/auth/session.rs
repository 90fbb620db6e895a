//! Session cookies. The id is 32 random bytes; the store keeps only its SM3 hash.

use super::Security;
use axum::http::HeaderMap;
use axum::http::header::COOKIE;
use sm3::{Digest, Sm3};

pub const SESSION_COOKIE: &str = "zg_sid";
/// Double-submit token for forms shown before login (the login form itself).
pub const PRE_CSRF_COOKIE: &str = "zg_pre";

pub fn random_token() -> Result<String, String> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| format!("no randomness: {e}"))?;
    Ok(hex::encode(bytes))
}

pub fn hash_id(id: &str) -> String {
    hex::encode(Sm3::digest(id.as_bytes()))
}

pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|c| c.trim().strip_prefix(name)?.strip_prefix('='))
}

/// `Set-Cookie` for a session-scoped, script-inaccessible cookie.
pub fn set_cookie(name: &str, value: &str, security: &Security) -> String {
    let secure = if security.secure_cookies {
        "; Secure"
    } else {
        ""
    };
    format!("{name}={value}; Path=/; HttpOnly; SameSite=Lax{secure}")
}

pub fn clear_cookie(name: &str, security: &Security) -> String {
    let secure = if security.secure_cookies {
        "; Secure"
    } else {
        ""
    };
    format!("{name}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{secure}")
}
