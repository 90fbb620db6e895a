//! What a dry run keeps for its confirmation: kept in this process's memory for the
//! user who previewed, for a short while, under a random id the confirm form sends
//! back. Behind several processes the confirm must reach the same one, else the
//! user previews again (nothing is lost: nothing was written).

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

struct Kept<T> {
    user: String,
    value: T,
    at: Instant,
}

pub struct Stash<T> {
    ttl: Duration,
    max: usize,
    map: Mutex<HashMap<String, Kept<T>>>,
}

impl<T> Stash<T> {
    /// Entries live `ttl`; at most `max` wait at once (the oldest goes first).
    pub fn new(ttl: Duration, max: usize) -> Self {
        Self {
            ttl,
            max,
            map: Mutex::new(HashMap::new()),
        }
    }

    /// Keeps `value` for `user`; the id, or `None` if no random id could be made.
    pub fn keep(&self, user: &str, value: T) -> Option<String> {
        let mut raw = [0u8; 16];
        getrandom::fill(&mut raw).ok()?;
        let id = hex::encode(raw);
        let mut map = self.map.lock().ok()?;
        map.retain(|_, v| v.at.elapsed() < self.ttl);
        while map.len() >= self.max {
            let oldest = map
                .iter()
                .min_by_key(|(_, v)| v.at)
                .map(|(k, _)| k.clone())?;
            map.remove(&oldest);
        }
        map.insert(
            id.clone(),
            Kept {
                user: user.to_owned(),
                value,
                at: Instant::now(),
            },
        );
        Some(id)
    }

    /// Takes what `user` kept under `id`, once, if it has not expired.
    pub fn take(&self, id: &str, user: &str) -> Option<T> {
        let mut map = self.map.lock().ok()?;
        match map.get(id) {
            Some(k) if k.user == user && k.at.elapsed() < self.ttl => {
                map.remove(id).map(|k| k.value)
            }
            _ => None,
        }
    }
}
