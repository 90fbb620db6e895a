//! The zone's history, read once and kept (issue 6, point 4).
//!
//! The history is rebuilt only when the store's `data` revision has moved past the
//! one it was built at. Each request reads the revision (one single-row query) —
//! or reuses the one its session check already read — so a write made by this
//! process or by another one sharing the database is seen on the next request.
//! Rebuilds are single-flight: concurrent requests that find the cache stale wait
//! for one rebuild instead of each building their own copy.

use axum::body::Bytes;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, RwLock};
use zonegov_domain::ZoneHistory;
use zonegov_store::{Revision, Store, StoreError};

tokio::task_local! {
    /// The revision read at the start of this request by the session check, so the
    /// handlers need not read it again (see `auth::access::load_session`).
    pub static REQUEST_REVISION: Revision;
}

/// The revision for this request: the one already read, or a fresh read.
pub async fn request_revision(store: &dyn Store) -> Result<Revision, StoreError> {
    match REQUEST_REVISION.try_with(|r| *r) {
        Ok(r) => Ok(r),
        Err(_) => store.perf().revision().await,
    }
}

#[derive(Clone)]
struct Built {
    /// The `data` revision read *before* the history was read: the history is at
    /// least that new (a write landing during the read makes it newer, never older,
    /// and the next request, seeing a higher revision, rebuilds).
    data: i64,
    history: Option<Arc<ZoneHistory>>,
}

/// Serialised responses derived from one built history (its `data` label), so a
/// detail read on an unchanged history is a lookup. Bounded; emptied when the
/// history is rebuilt.
#[derive(Default)]
struct Responses {
    data: i64,
    bodies: HashMap<String, Bytes>,
}

/// At most this many kept responses; beyond it the map starts over.
const MAX_RESPONSES: usize = 4096;

#[derive(Default)]
pub struct SnapshotCache {
    built: RwLock<Option<Built>>,
    building: tokio::sync::Mutex<()>,
    responses: Mutex<Responses>,
}

impl SnapshotCache {
    /// The history as of this request; `None` when the database holds no zone.
    pub async fn history(&self, store: &dyn Store) -> Result<Option<Arc<ZoneHistory>>, StoreError> {
        let rev = request_revision(store).await?;
        self.at(store, rev.data).await
    }

    /// A response body computed from the history by `build` (a pure function of the
    /// history and `key`), kept until the history is rebuilt. `None` when the
    /// database holds no zone; errors from `build` are not kept.
    pub async fn response<E>(
        &self,
        store: &dyn Store,
        key: &str,
        build: impl FnOnce(&ZoneHistory) -> Result<Vec<u8>, E>,
    ) -> Result<Option<Result<Bytes, E>>, StoreError> {
        let rev = request_revision(store).await?;
        let Some(b) = self.built_at(store, rev.data).await? else {
            return Ok(None);
        };
        let Some(history) = b.history else {
            return Ok(None);
        };
        if let Ok(r) = self.responses.lock()
            && r.data == b.data
            && let Some(body) = r.bodies.get(key)
        {
            return Ok(Some(Ok(body.clone())));
        }
        let body = match build(&history) {
            Ok(v) => Bytes::from(v),
            Err(e) => return Ok(Some(Err(e))),
        };
        if let Ok(mut r) = self.responses.lock() {
            if r.data < b.data || r.bodies.len() >= MAX_RESPONSES {
                r.data = b.data;
                r.bodies.clear();
            }
            if r.data == b.data {
                r.bodies.insert(key.to_owned(), body.clone());
            }
        }
        Ok(Some(Ok(body)))
    }

    /// The history at least as new as `data`.
    pub async fn at(
        &self,
        store: &dyn Store,
        data: i64,
    ) -> Result<Option<Arc<ZoneHistory>>, StoreError> {
        Ok(self.built_at(store, data).await?.and_then(|b| b.history))
    }

    /// The built history (with its label) at least as new as `data`.
    async fn built_at(&self, store: &dyn Store, data: i64) -> Result<Option<Built>, StoreError> {
        if let Some(b) = self.fresh(data) {
            return Ok(Some(b));
        }
        let _one_builder = self.building.lock().await;
        // Someone else may have rebuilt it while this request waited.
        if let Some(b) = self.fresh(data) {
            return Ok(Some(b));
        }
        // Read the revision again: the rebuild is labelled with what it is at least.
        let label = store.perf().revision().await?.data.max(data);
        // Drop the old copy first so that two full copies are not alive at once
        // (requests still holding it keep it until they finish).
        self.store_built(None);
        let history = zonegov_store::history(store).await?.map(Arc::new);
        let built = Built {
            data: label,
            history,
        };
        self.store_built(Some(built.clone()));
        Ok(Some(built))
    }

    fn fresh(&self, data: i64) -> Option<Built> {
        let guard = self.built.read().ok()?;
        let b = guard.as_ref()?;
        (b.data >= data).then(|| b.clone())
    }

    fn store_built(&self, b: Option<Built>) {
        if let Ok(mut guard) = self.built.write() {
            *guard = b;
        }
    }
}
