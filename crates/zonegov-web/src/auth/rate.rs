//! A fixed-window rate limiter per (purpose, client address), in memory.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// (purpose, client address) → (window start, requests counted in it).
type Windows = HashMap<(&'static str, String), (Instant, u32)>;

#[derive(Default)]
pub struct RateLimiter {
    windows: Mutex<Windows>,
}

impl RateLimiter {
    /// Counts one request; `false` when `limit` requests in the last minute were
    /// already counted for this key.
    pub fn allow(&self, purpose: &'static str, client: &str, limit: u32) -> bool {
        let now = Instant::now();
        let Ok(mut map) = self.windows.lock() else {
            return true;
        };
        if map.len() > 100_000 {
            map.retain(|_, (start, _)| now.duration_since(*start) < Duration::from_secs(60));
        }
        let slot = map.entry((purpose, client.to_owned())).or_insert((now, 0));
        if now.duration_since(slot.0) >= Duration::from_secs(60) {
            *slot = (now, 0);
        }
        slot.1 += 1;
        slot.1 <= limit
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_per_key() {
        let r = RateLimiter::default();
        assert!((0..3).all(|_| r.allow("login", "a", 3)));
        assert!(!r.allow("login", "a", 3));
        assert!(r.allow("login", "b", 3));
        assert!(r.allow("search", "a", 3));
    }
}
