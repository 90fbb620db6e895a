//! The JSON API of any record kind: a scoped, keyset-paged list as of a date, and
//! one record's detail (its version as of a date, every version, lineage, heirs),
//! each filtered by the caller's data scope.

use crate::AppState;
use crate::auth::CurrentUser;
use crate::auth::access::{ClientIp, Recorder};
use crate::error::ApiError;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use zonegov_domain::auth::Visible;
use zonegov_domain::{Code, EntityKind, LineageLink, Record, Version};

/// The most rows one list request returns; `after` pages on.
pub const MAX_PAGE: u32 = 500;

#[derive(Debug, Deserialize, IntoParams)]
pub struct ListQuery {
    /// The day to answer for (default: today).
    pub as_of: Option<String>,
    /// Keyset paging: return records whose code sorts after this one.
    pub after: Option<String>,
    /// At most this many records (default and maximum 500).
    pub limit: Option<u32>,
}

/// One page of a list; `next` is the `after` value of the following page.
#[derive(Debug, Serialize, ToSchema)]
pub struct Page<T> {
    pub items: Vec<Version<T>>,
    pub next: Option<Code>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct EntityDetail<T> {
    /// The version valid on `as_of`, if the entity existed then.
    pub current: Option<Version<T>>,
    /// Every version, oldest first.
    pub versions: Vec<Version<T>>,
    /// Lineage links whose both ends the caller may see.
    pub lineage: Vec<LineageLink>,
    /// Where an entity that no longer exists on `as_of` lives on (those the caller
    /// may see).
    pub heirs: Vec<Code>,
}

/// Records probing outside one's data scope: the answer is a plain 404, but the
/// attempt is in the audit trail.
pub async fn audit_out_of_scope(
    state: &AppState,
    actor: &str,
    ip: &ClientIp,
    kind: EntityKind,
    code: &Code,
) {
    Recorder::new(state.store.as_ref(), actor, &ip.0)
        .denied(
            "record.out_of_scope",
            &format!("{kind}/{code}"),
            serde_json::json!({}),
        )
        .await;
}

/// One page of kind `T` as of `day`, read with the scope in the query.
pub async fn list<T: Record>(
    state: &AppState,
    me: &CurrentUser,
    day: NaiveDate,
    q: &ListQuery,
) -> Result<Page<T>, ApiError> {
    let after = match q.after.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(a) => {
            Some(Code::parse(a).map_err(|e| ApiError::bad_request(format!("after = {a:?}: {e}")))?)
        }
        None => None,
    };
    let limit = q.limit.unwrap_or(MAX_PAGE).clamp(1, MAX_PAGE);
    // One more than asked tells whether another page follows.
    let mut items = zonegov_store::page_as_of::<T>(
        state.store.records(),
        day,
        &me.visible,
        after.as_ref(),
        limit + 1,
        None,
    )
    .await?;
    let next = if items.len() > limit as usize {
        items.truncate(limit as usize);
        items.last().map(|v| v.code.clone())
    } else {
        None
    };
    Ok(Page { items, next })
}

/// The detail of record `raw` of kind `T`, from the cached history.
pub async fn detail<T: Record>(
    state: &AppState,
    me: &CurrentUser,
    ip: &ClientIp,
    raw: &str,
    day: NaiveDate,
) -> Result<EntityDetail<T>, ApiError> {
    let kind = T::KIND;
    let code = Code::parse(raw).map_err(|e| ApiError::not_found(e.to_string()))?;
    let absent = || ApiError::not_found(format!("no {kind} {code}"));
    if !me.visible.allows(kind, &code) {
        audit_out_of_scope(state, me.user.username.as_str(), ip, kind, &code).await;
        return Err(absent());
    }
    let h = state
        .history()
        .await?
        .ok_or_else(|| ApiError::not_found("the database holds no zone yet"))?;
    let versions = h.timeline::<T>().versions(&code);
    if versions.is_empty() {
        return Err(absent());
    }
    let sees = |v: &Visible, c: &Code| v.allows(kind, c);
    let (successors, predecessors) = h.lineage_of(kind, &code);
    Ok(EntityDetail {
        current: versions.iter().find(|v| v.period.contains(day)).cloned(),
        versions: versions.to_vec(),
        lineage: predecessors
            .into_iter()
            .chain(successors)
            .filter(|l| sees(&me.visible, &l.predecessor) && sees(&me.visible, &l.successor))
            .cloned()
            .collect(),
        heirs: h
            .heirs(kind, &code, day)
            .into_iter()
            .filter(|c| sees(&me.visible, c))
            .collect(),
    })
}
