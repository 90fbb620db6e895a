//! Cheap session checks (issue 6, point 4) with the same guarantees as reading
//! everything per request.
//!
//! What is kept, per process, for the store revision it was read at:
//! - each session with its user and the user's role codes;
//! - each user's grant (roles, permissions, resolved data scope) for today's date.
//!
//! Every request with a session cookie reads the revision (one single-row query).
//! Any write to accounts, roles, permissions or the zone's history, and every
//! deleted session, moves the revision (triggers, in the writing transaction), and
//! a moved revision empties these caches. So a permission change, a disabled user
//! or a deleted session (logout, "end session", purge) applies on the next request
//! in this process and in every other process sharing the database.
//!
//! `last_seen` is written at most once per [`TOUCH_EVERY`] per session instead of on
//! every request. Bounded error: the stored `last_seen` may lag the last request by
//! less than `TOUCH_EVERY`, so an idle session ends between `idle_timeout -
//! TOUCH_EVERY` and `idle_timeout` after its last request (29–30 minutes with the
//! defaults): never later than configured. A session whose cached `last_seen` looks
//! idle is read again from the database before it is refused, in case another
//! process has touched it.

use crate::snapshot_cache::{REQUEST_REVISION, SnapshotCache};
use chrono::{DateTime, NaiveDate, Utc};
use std::collections::{BTreeSet, HashMap};
use std::future::Future;
use std::sync::{Arc, Mutex};
use zonegov_domain::auth::scope::{Subject, resolve};
use zonegov_domain::auth::{DataScope, Permission, Role, User, Visible};
use zonegov_store::{Revision, Session, Store, StoreError};

/// `last_seen` is written when the stored value is at least this old.
pub const TOUCH_EVERY: chrono::Duration = chrono::Duration::seconds(60);

/// Beyond this many cached sessions or grants the cache starts over (memory bound).
const MAX_ENTRIES: usize = 10_000;

/// What a user may do and see, derived from roles and scope.
#[derive(Debug)]
pub struct Grant {
    pub roles: Arc<Vec<Role>>,
    pub permissions: Arc<BTreeSet<Permission>>,
    pub visible: Visible,
}

#[derive(Default)]
struct Inner {
    rev: Option<Revision>,
    sessions: HashMap<String, (Session, User)>,
    roles: Option<Arc<Vec<Role>>>,
    grants: HashMap<(i64, NaiveDate), Arc<Grant>>,
}

impl Inner {
    /// Moves to `rev` if it is newer, emptying everything; true when the cache is
    /// now at exactly `rev` (only then may this request read from or fill it).
    fn at(&mut self, rev: Revision) -> bool {
        match self.rev {
            Some(r) if r == rev => true,
            Some(r) if rev.data < r.data || rev.auth < r.auth => false,
            _ => {
                *self = Inner {
                    rev: Some(rev),
                    ..Inner::default()
                };
                true
            }
        }
    }
}

#[derive(Default)]
pub struct SessionCache {
    inner: Mutex<Inner>,
}

/// The revision, read only for requests that carry a session cookie (anonymous
/// requests stay free of queries). `None` also when the read fails: the session
/// check then reads it again and reports the error.
pub async fn revision_if_signed_in(
    state: &crate::AppState,
    headers: &axum::http::HeaderMap,
) -> Option<Revision> {
    super::session::cookie(headers, super::session::SESSION_COOKIE)?;
    state.cache.revisions.read(state.store.as_ref()).await.ok()
}

/// Runs the rest of the request with `rev` as its revision, so the history cache
/// does not read it a second time.
pub async fn run_at<F: Future>(rev: Option<Revision>, f: F) -> F::Output {
    match rev {
        Some(r) => REQUEST_REVISION.scope(r, f).await,
        None => f.await,
    }
}

impl SessionCache {
    fn lock(&self) -> Option<std::sync::MutexGuard<'_, Inner>> {
        // A poisoned lock only means a panic elsewhere; the cache then stays unused.
        self.inner.lock().ok()
    }

    /// The session and its user (with role codes): from the cache when this
    /// revision has it and it does not look idle, else one joined query.
    pub async fn session_and_user(
        &self,
        store: &dyn Store,
        rev: Revision,
        id_hash: &str,
        looks_idle: impl Fn(DateTime<Utc>) -> bool,
    ) -> Result<Option<(Session, Option<User>)>, StoreError> {
        if let Some(mut inner) = self.lock()
            && inner.at(rev)
            && let Some((s, u)) = inner.sessions.get(id_hash)
            && !looks_idle(s.last_seen)
        {
            return Ok(Some((s.clone(), Some(u.clone()))));
        }
        let Some((session, user)) = store.perf().session_with_user(id_hash).await? else {
            return Ok(None);
        };
        let Some(mut user) = user else {
            return Ok(Some((session, None)));
        };
        user.roles = store.perf().user_role_codes(user.id).await?;
        if let Some(mut inner) = self.lock()
            && inner.at(rev)
        {
            if inner.sessions.len() >= MAX_ENTRIES {
                inner.sessions.clear();
            }
            inner
                .sessions
                .insert(id_hash.to_owned(), (session.clone(), user.clone()));
        }
        Ok(Some((session, Some(user))))
    }

    /// Writes `last_seen` when the stored one is at least [`TOUCH_EVERY`] old.
    pub async fn touch(
        &self,
        store: &dyn Store,
        id_hash: &str,
        session: &Session,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        if now - session.last_seen < TOUCH_EVERY {
            return Ok(());
        }
        store.accounts().touch_session(id_hash, now).await?;
        if let Some(mut inner) = self.lock()
            && let Some((s, _)) = inner.sessions.get_mut(id_hash)
        {
            s.last_seen = now;
        }
        Ok(())
    }

    /// Drops a session this process is about to delete.
    pub fn forget(&self, id_hash: &str) {
        if let Some(mut inner) = self.lock() {
            inner.sessions.remove(id_hash);
        }
    }

    /// The user's roles, permissions and visible set on `today`.
    pub async fn grant(
        &self,
        store: &dyn Store,
        snapshots: &SnapshotCache,
        rev: Revision,
        user: &User,
        today: NaiveDate,
    ) -> Result<Arc<Grant>, StoreError> {
        let key = (user.id, today);
        let mut cached_roles = None;
        if let Some(mut inner) = self.lock()
            && inner.at(rev)
        {
            if let Some(g) = inner.grants.get(&key) {
                return Ok(g.clone());
            }
            cached_roles = inner.roles.clone();
        }
        let all_roles = match cached_roles {
            Some(r) => r,
            None => Arc::new(store.accounts().roles().await?),
        };
        let roles: Vec<Role> = all_roles
            .iter()
            .filter(|r| user.roles.contains(&r.code))
            .cloned()
            .collect();
        let permissions: BTreeSet<_> = roles
            .iter()
            .flat_map(|r| r.permissions.iter().cloned())
            .collect();
        let scopes: Vec<DataScope> = roles.iter().map(|r| r.scope.clone()).collect();
        let visible = if scopes.contains(&DataScope::All) {
            Visible::everything()
        } else {
            match snapshots.at(store, rev.data).await? {
                Some(h) => resolve(
                    &scopes,
                    &Subject {
                        username: user.username.as_str(),
                        institution: &user.institution,
                        park: user.park.as_ref(),
                    },
                    &h,
                    today,
                ),
                None => Visible {
                    institutions: Some(BTreeSet::new()),
                    parks: Some(BTreeSet::new()),
                },
            }
        };
        let grant = Arc::new(Grant {
            roles: Arc::new(roles),
            permissions: Arc::new(permissions),
            visible,
        });
        if let Some(mut inner) = self.lock()
            && inner.at(rev)
        {
            if inner.grants.len() >= MAX_ENTRIES {
                inner.grants.clear();
            }
            inner.roles.get_or_insert(all_roles);
            inner.grants.insert(key, grant.clone());
        }
        Ok(grant)
    }
}
