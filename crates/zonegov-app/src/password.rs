//! Password hashing with argon2id (salted, memory-hard).

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};

pub fn hash(password: &str) -> Result<String, String> {
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt).map_err(|e| format!("no randomness: {e}"))?;
    let salt = SaltString::encode_b64(&salt).map_err(|e| e.to_string())?;
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| e.to_string())
}

pub fn verify(password: &str, stored: &str) -> bool {
    PasswordHash::new(stored)
        .map(|h| {
            Argon2::default()
                .verify_password(password.as_bytes(), &h)
                .is_ok()
        })
        .unwrap_or(false)
}

/// A real hash of a random secret, to verify against when the user does not exist,
/// so that the answer takes as long as for a real user.
pub fn dummy_hash() -> &'static str {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DUMMY.get_or_init(|| generate().and_then(|p| hash(&p)).unwrap_or_default())
}

/// A random password that satisfies the default policy (for `admin create`).
pub fn generate() -> Result<String, String> {
    const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    let mut bytes = [0u8; 14];
    getrandom::fill(&mut bytes).map_err(|e| format!("no randomness: {e}"))?;
    let body: String = bytes
        .iter()
        .map(|b| ALPHABET[usize::from(*b) % ALPHABET.len()] as char)
        .collect();
    // Fixed class markers guarantee upper, lower, digit and symbol whatever the draw.
    Ok(format!("Zg7#{body}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_and_verify() {
        let h = hash("Gx7#kqP2").unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(verify("Gx7#kqP2", &h));
        assert!(!verify("Gx7#kqP3", &h));
        assert!(!verify("Gx7#kqP2", "not a hash"));
        let g = generate().unwrap();
        assert!(
            zonegov_domain::auth::PasswordPolicy::default()
                .check(&g, "admin")
                .is_ok()
        );
    }
}
