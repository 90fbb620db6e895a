//! A fixed-window rate limiter per (purpose, client address), in memory. It also
//! counts the refusals of each window, so that callers can record repeated
//! refusals as one audit entry with a count instead of one entry per request.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

pub const WINDOW: Duration = Duration::from_secs(60);

/// One key's current window.
#[derive(Debug, Clone, Copy)]
struct Window {
    start: Instant,
    /// Requests counted in it, allowed or not.
    requests: u32,
    /// Requests refused in it.
    refused: u32,
}

/// (purpose, client address) → its current window.
type Windows = HashMap<(&'static str, String), Window>;

#[derive(Default)]
pub struct RateLimiter {
    windows: Mutex<Windows>,
    /// Public searches (portal pages and API) and public enterprise postings:
    /// token buckets sized for public traffic, see [`super::bucket`].
    pub public_search: super::bucket::Buckets,
}

/// What the limiter decided about one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Verdict {
    pub allowed: bool,
    /// This is the first refusal of the key's current window.
    pub first_refusal: bool,
    /// How many requests of this key were refused in its previous window, reported
    /// once, on the key's first request of a new window (0 otherwise).
    pub refused_in_previous_window: u32,
}

impl RateLimiter {
    /// Counts one request; `false` when `limit` requests in the last minute were
    /// already counted for this key.
    pub fn allow(&self, purpose: &'static str, client: &str, limit: u32) -> bool {
        self.check(purpose, client, limit).allowed
    }

    /// Counts one request and says whether it may proceed, with the refusal counts
    /// the audit trail needs.
    pub fn check(&self, purpose: &'static str, client: &str, limit: u32) -> Verdict {
        self.check_at(purpose, client, limit, Instant::now())
    }

    /// Whole seconds until the key's current window ends (at least 1): the
    /// `Retry-After` of a refusal.
    pub fn retry_after(&self, purpose: &'static str, client: &str) -> u64 {
        self.retry_after_at(purpose, client, Instant::now())
    }

    fn retry_after_at(&self, purpose: &'static str, client: &str, now: Instant) -> u64 {
        let left = self
            .windows
            .lock()
            .ok()
            .and_then(|map| {
                map.get(&(purpose, client.to_owned()))
                    .map(|w| WINDOW.saturating_sub(now.duration_since(w.start)))
            })
            .unwrap_or(WINDOW);
        left.as_secs_f64().ceil().max(1.0) as u64
    }

    fn check_at(&self, purpose: &'static str, client: &str, limit: u32, now: Instant) -> Verdict {
        let Ok(mut map) = self.windows.lock() else {
            return Verdict {
                allowed: true,
                first_refusal: false,
                refused_in_previous_window: 0,
            };
        };
        if map.len() > 100_000 {
            map.retain(|_, w| now.duration_since(w.start) < WINDOW);
        }
        let fresh = Window {
            start: now,
            requests: 0,
            refused: 0,
        };
        let slot = map.entry((purpose, client.to_owned())).or_insert(fresh);
        let mut previous = 0;
        if now.duration_since(slot.start) >= WINDOW {
            previous = slot.refused;
            *slot = fresh;
        }
        slot.requests = slot.requests.saturating_add(1);
        let allowed = slot.requests <= limit;
        if !allowed {
            slot.refused = slot.refused.saturating_add(1);
        }
        Verdict {
            allowed,
            first_refusal: !allowed && slot.refused == 1,
            refused_in_previous_window: previous,
        }
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

    #[test]
    fn refusals_are_counted_per_window() {
        let r = RateLimiter::default();
        let t0 = Instant::now();
        let verdicts: Vec<Verdict> = (0..10).map(|_| r.check_at("login", "a", 3, t0)).collect();
        assert!(verdicts[..3].iter().all(|v| v.allowed && !v.first_refusal));
        assert!(!verdicts[3].allowed && verdicts[3].first_refusal);
        assert!(verdicts[4..].iter().all(|v| !v.allowed && !v.first_refusal));
        assert!(verdicts.iter().all(|v| v.refused_in_previous_window == 0));
        // The next window starts afresh and reports the previous window's 7 refusals once.
        let next = r.check_at("login", "a", 3, t0 + WINDOW);
        assert!(next.allowed);
        assert_eq!(next.refused_in_previous_window, 7);
        assert_eq!(
            r.check_at("login", "a", 3, t0 + WINDOW)
                .refused_in_previous_window,
            0
        );
    }

    #[test]
    fn retry_after_is_what_is_left_of_the_window() {
        let r = RateLimiter::default();
        let t0 = Instant::now();
        r.check_at("api.token", "7", 1, t0);
        assert_eq!(r.retry_after_at("api.token", "7", t0), 60);
        let later = t0 + std::time::Duration::from_millis(45_500);
        assert_eq!(r.retry_after_at("api.token", "7", later), 15);
        assert_eq!(r.retry_after_at("api.token", "7", t0 + WINDOW), 1);
    }
}
