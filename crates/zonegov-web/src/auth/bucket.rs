//! Token buckets for the public portal's reads: one per client, with a burst, and
//! one global cap shared by every client.
//!
//! Sizing (why not the old 30 per minute and fixed window): the portal is public
//! behind the zone's reverse proxy, so many citizens and offices may share one
//! address (a NAT, a government network) and one person browsing a list or typing in
//! a search box sends bursts of a dozen requests in seconds. A client may burst
//! `CLIENT_BURST` requests and then sustain `CLIENT_PER_SECOND` (120 a minute).
//! What protects the machine is the global cap: a search costs a few milliseconds of
//! one of two cores at national scale (see `zonegov bench search`), so
//! `GLOBAL_PER_SECOND` = 200 keeps search below roughly half the CPU whatever the
//! number of clients, with `GLOBAL_BURST` for spikes; beyond it clients get 429.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Instant;

pub const CLIENT_BURST: f64 = 40.0;
pub const CLIENT_PER_SECOND: f64 = 2.0;
pub const GLOBAL_BURST: f64 = 400.0;
pub const GLOBAL_PER_SECOND: f64 = 200.0;

#[derive(Debug, Clone, Copy)]
struct Bucket {
    tokens: f64,
    at: Instant,
}

impl Bucket {
    fn full(capacity: f64, now: Instant) -> Self {
        Self {
            tokens: capacity,
            at: now,
        }
    }

    fn refill(&mut self, capacity: f64, rate: f64, now: Instant) {
        let secs = now.saturating_duration_since(self.at).as_secs_f64();
        self.tokens = (self.tokens + secs * rate).min(capacity);
        self.at = now;
    }
}

/// The buckets of one purpose (public search).
pub struct Buckets {
    clients: Mutex<(HashMap<String, Bucket>, Bucket)>,
    client: (f64, f64),
    global: (f64, f64),
}

impl Default for Buckets {
    fn default() -> Self {
        Self::new(
            (CLIENT_BURST, CLIENT_PER_SECOND),
            (GLOBAL_BURST, GLOBAL_PER_SECOND),
        )
    }
}

impl Buckets {
    /// `(burst, per second)` for each client and for all of them together.
    pub fn new(client: (f64, f64), global: (f64, f64)) -> Self {
        Self {
            clients: Mutex::new((HashMap::new(), Bucket::full(global.0, Instant::now()))),
            client,
            global,
        }
    }

    /// Takes one token from the client's bucket and one from the global one;
    /// `false` (nothing taken) when either is empty.
    pub fn allow(&self, client: &str) -> bool {
        self.allow_at(client, Instant::now())
    }

    fn allow_at(&self, client: &str, now: Instant) -> bool {
        let Ok(mut guard) = self.clients.lock() else {
            return true;
        };
        let (map, global) = &mut *guard;
        // Idle clients' buckets are full again: forgetting them changes nothing.
        if map.len() > 100_000 {
            let full_after = self.client.0 / self.client.1;
            map.retain(|_, b| now.saturating_duration_since(b.at).as_secs_f64() < full_after);
        }
        global.refill(self.global.0, self.global.1, now);
        let b = map
            .entry(client.to_owned())
            .or_insert_with(|| Bucket::full(self.client.0, now));
        b.refill(self.client.0, self.client.1, now);
        if b.tokens < 1.0 || global.tokens < 1.0 {
            return false;
        }
        b.tokens -= 1.0;
        global.tokens -= 1.0;
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn a_client_bursts_then_refills_at_its_rate() {
        let b = Buckets::new((5.0, 2.0), (1_000.0, 1_000.0));
        let t0 = Instant::now();
        assert!((0..5).all(|_| b.allow_at("a", t0)));
        assert!(!b.allow_at("a", t0), "the burst is spent");
        assert!(b.allow_at("b", t0), "another client has its own bucket");
        assert!(
            b.allow_at("a", t0 + Duration::from_millis(500)),
            "one token back after 0.5 s at 2/s"
        );
        assert!(!b.allow_at("a", t0 + Duration::from_millis(500)));
    }

    #[test]
    fn the_global_cap_holds_whatever_the_number_of_clients() {
        let b = Buckets::new((5.0, 2.0), (10.0, 1.0));
        let t0 = Instant::now();
        let allowed = (0..100)
            .filter(|i| b.allow_at(&format!("c{i}"), t0))
            .count();
        assert_eq!(allowed, 10);
        assert!(b.allow_at("new", t0 + Duration::from_secs(1)));
    }
}
