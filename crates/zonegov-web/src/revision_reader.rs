//! Coalesced reads of the store's revision counter.
//!
//! Every signed-in request needs the revision, and a read must *start after the
//! request arrived* for "a write committed before my request is seen by my
//! request" to hold. Under load many requests arrive while a read is in flight;
//! instead of each issuing its own query, they wait for the next read to start and
//! share its result. At most one read runs at a time, and each serves every request
//! that arrived before it started, so the per-request cost of the counter falls
//! as concurrency rises, without weakening the guarantee.

use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use zonegov_store::{Revision, Store, StoreError};

/// Scheduler turns a read waits for other requests to join it before it starts.
const BATCH_TURNS: usize = 2;

#[derive(Default)]
pub struct RevisionReader {
    /// Arrivals and read starts, on one clock.
    clock: AtomicU64,
    /// One read at a time; waiting requests queue here in arrival order.
    slot: tokio::sync::Mutex<()>,
    /// The newest completed read: when it started, and what it saw.
    last: Mutex<Option<(u64, Revision)>>,
}

impl RevisionReader {
    pub async fn read(&self, store: &dyn Store) -> Result<Revision, StoreError> {
        let arrived = self.clock.fetch_add(1, Ordering::SeqCst);
        let _slot = self.slot.lock().await;
        if let Some(rev) = self.started_after(arrived) {
            return Ok(rev);
        }
        // Let the requests that are ready to run arrive first, so that this read
        // serves them too (a few scheduler turns, not a timer: an idle server does
        // not wait).
        for _ in 0..BATCH_TURNS {
            tokio::task::yield_now().await;
        }
        let started = self.clock.fetch_add(1, Ordering::SeqCst);
        let rev = store.perf().revision().await?;
        if let Ok(mut last) = self.last.lock() {
            *last = Some((started, rev));
        }
        Ok(rev)
    }

    /// The result of a read that started after `arrived`, if one has completed.
    fn started_after(&self, arrived: u64) -> Option<Revision> {
        let last = self.last.lock().ok()?;
        let (started, rev) = (*last)?;
        (started > arrived).then_some(rev)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_read_that_started_before_arrival_is_not_reused() {
        let r = RevisionReader::default();
        let arrived = r.clock.fetch_add(1, Ordering::SeqCst);
        *r.last.lock().unwrap() = Some((arrived, Revision { data: 1, auth: 1 }));
        assert_eq!(r.started_after(arrived), None, "started at my arrival");
        let later = r.clock.fetch_add(1, Ordering::SeqCst);
        *r.last.lock().unwrap() = Some((later, Revision { data: 2, auth: 1 }));
        assert_eq!(
            r.started_after(arrived),
            Some(Revision { data: 2, auth: 1 })
        );
    }
}
