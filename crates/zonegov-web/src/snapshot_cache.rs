//! The zone's history, read once and kept (issue 6, point 4).
//!
//! The history is rebuilt only when the store's `data` revision has moved past the
//! one it was built at. Each request reads the revision (one single-row query) —
//! or reuses the one its session check already read — so a write made by this
//! process or by another one sharing the database is seen on the next request.
//! Rebuilds are single-flight: concurrent requests that find the cache stale wait
//! for one rebuild instead of each building their own copy.

use std::sync::{Arc, RwLock};
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
        Err(_) => store.revision().await,
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

#[derive(Default)]
pub struct SnapshotCache {
    built: RwLock<Option<Built>>,
    building: tokio::sync::Mutex<()>,
}

impl SnapshotCache {
    /// The history as of this request; `None` when the database holds no zone.
    pub async fn history(&self, store: &dyn Store) -> Result<Option<Arc<ZoneHistory>>, StoreError> {
        let rev = request_revision(store).await?;
        self.at(store, rev.data).await
    }

    /// The history at least as new as `data`.
    pub async fn at(
        &self,
        store: &dyn Store,
        data: i64,
    ) -> Result<Option<Arc<ZoneHistory>>, StoreError> {
        if let Some(h) = self.fresh(data) {
            return Ok(h);
        }
        let _one_builder = self.building.lock().await;
        // Someone else may have rebuilt it while this request waited.
        if let Some(h) = self.fresh(data) {
            return Ok(h);
        }
        // Read the revision again: the rebuild is labelled with what it is at least.
        let label = store.revision().await?.data.max(data);
        // Drop the old copy first so that two full copies are not alive at once
        // (requests still holding it keep it until they finish).
        self.store_built(None);
        let history = zonegov_store::history(store).await?.map(Arc::new);
        self.store_built(Some(Built {
            data: label,
            history: history.clone(),
        }));
        Ok(history)
    }

    fn fresh(&self, data: i64) -> Option<Option<Arc<ZoneHistory>>> {
        let guard = self.built.read().ok()?;
        let b = guard.as_ref()?;
        (b.data >= data).then(|| b.history.clone())
    }

    fn store_built(&self, b: Option<Built>) {
        if let Ok(mut guard) = self.built.write() {
            *guard = b;
        }
    }
}
