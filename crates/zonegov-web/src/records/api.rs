//! The JSON API of any record kind: a scoped, keyset-paged list as of a date, and
//! one record's detail (its version as of a date, every version, lineage, heirs),
//! each filtered by the caller's data scope.

use crate::AppState;
use crate::auth::CurrentUser;
use crate::auth::access::{ClientIp, Recorder};
use crate::error::ApiError;
use axum::Json;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use zonegov_domain::auth::Visible;
use zonegov_domain::{Code, EntityKind, LineageLink, Record, Version, ZoneHistory};

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

/// One page of kind `T` as of `day`, read with the scope in the query; the next
/// page is named in the body (`next`) and in a `Link: <…>; rel="next"` header.
pub async fn list<T: Record>(
    state: &AppState,
    me: &CurrentUser,
    uri: &axum::http::Uri,
    day: NaiveDate,
    q: &ListQuery,
) -> Result<(HeaderMap, Json<Page<T>>), ApiError> {
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
    // Personal data and confidential names never leave through the generic API.
    let items: Vec<_> = items.into_iter().map(Version::masked).collect();
    let mut headers = HeaderMap::new();
    if let Some(next) = &next {
        let query = serde_urlencoded::to_string([
            ("as_of", day.to_string()),
            ("after", next.to_string()),
            ("limit", limit.to_string()),
        ])
        .unwrap_or_default();
        if let Ok(v) = HeaderValue::from_str(&format!("<{}?{query}>; rel=\"next\"", uri.path())) {
            headers.insert(header::LINK, v);
        }
    }
    Ok((headers, Json(Page { items, next })))
}

/// The detail of record `raw` of kind `T`, from the cached history, as a JSON
/// response. For a caller who sees everything the serialised body is kept with the
/// history it came from (it does not depend on who asks); a scoped caller's is built
/// for its scope.
pub async fn detail<T: Record>(
    state: &AppState,
    me: &CurrentUser,
    ip: &ClientIp,
    raw: &str,
    day: NaiveDate,
) -> Result<Response, ApiError> {
    let kind = T::KIND;
    let code = Code::parse(raw).map_err(|e| ApiError::not_found(e.to_string()))?;
    if !T::RESIDENT {
        return stored_detail::<T>(state, me, ip, &code, day).await;
    }
    if !me.visible.allows(kind, &code) {
        audit_out_of_scope(state, me.user.username.as_str(), ip, kind, &code).await;
        return Err(ApiError::not_found(format!("no {kind} {code}")));
    }
    let encode = |h: &ZoneHistory| -> Result<Vec<u8>, ApiError> {
        let d = build_detail::<T>(h, &me.visible, &code, day)?;
        serde_json::to_vec(&d).map_err(|e| ApiError::internal(e.to_string()))
    };
    let body = if me.visible.is_everything() {
        let key = format!("detail/{kind}/{code}/{day}");
        state
            .cache
            .snapshots
            .response(state.store.as_ref(), &key, encode)
            .await?
            .ok_or_else(no_zone)??
    } else {
        let h = state.history().await?.ok_or_else(no_zone)?;
        encode(&h)?.into()
    };
    Ok(([(header::CONTENT_TYPE, "application/json")], body).into_response())
}

/// The detail of a non-resident kind, read by a query scoped by owner; an empty
/// answer is told apart from an absent record only to audit the attempt.
async fn stored_detail<T: Record>(
    state: &AppState,
    me: &CurrentUser,
    ip: &ClientIp,
    code: &Code,
    day: NaiveDate,
) -> Result<Response, ApiError> {
    let records = state.store.records();
    let versions = zonegov_store::versions_of::<T>(records, code, &me.visible).await?;
    if versions.is_empty() {
        if !zonegov_store::versions_of::<T>(records, code, &Visible::everything())
            .await?
            .is_empty()
        {
            audit_out_of_scope(state, me.user.username.as_str(), ip, T::KIND, code).await;
        }
        return Err(ApiError::not_found(format!("no {} {code}", T::KIND)));
    }
    let versions: Vec<_> = versions.into_iter().map(Version::masked).collect();
    let d = EntityDetail {
        current: versions.iter().find(|v| v.period.contains(day)).cloned(),
        versions,
        lineage: Vec::new(),
        heirs: Vec::new(),
    };
    Ok(Json(d).into_response())
}

pub(crate) fn no_zone() -> ApiError {
    ApiError::not_found("the database holds no zone yet")
}

/// The detail of `code` as `visible` may see it: lineage and heirs name only visible
/// records.
fn build_detail<T: Record>(
    h: &ZoneHistory,
    visible: &Visible,
    code: &Code,
    day: NaiveDate,
) -> Result<EntityDetail<T>, ApiError> {
    let kind = T::KIND;
    let versions: Vec<Version<T>> = h
        .timeline::<T>()
        .versions(code)
        .iter()
        .cloned()
        .map(Version::masked)
        .collect();
    if versions.is_empty() {
        return Err(ApiError::not_found(format!("no {kind} {code}")));
    }
    let sees = |c: &Code| visible.allows(kind, c);
    let (successors, predecessors) = h.lineage_of(kind, code);
    Ok(EntityDetail {
        current: versions.iter().find(|v| v.period.contains(day)).cloned(),
        versions,
        lineage: predecessors
            .into_iter()
            .chain(successors)
            .filter(|l| sees(&l.predecessor) && sees(&l.successor))
            .cloned()
            .collect(),
        heirs: h
            .heirs(kind, code, day)
            .into_iter()
            .filter(|c| sees(c))
            .collect(),
    })
}

/// The two documented API handlers of a record kind, `list` and `detail`, in the
/// module that invokes it. utoipa needs a concrete type and literal paths per
/// operation, so each kind states them once here and the bodies stay generic.
macro_rules! record_api {
    ($T:ty, list = $list_path:literal, $list_id:literal, detail = $detail_path:literal, $detail_id:literal, $what:literal) => {
        use $crate::AppState;
        use $crate::api::{AsOf, as_of};
        use $crate::auth::CurrentUser;
        use $crate::auth::access::ClientIp;
        use $crate::error::{ApiError, ApiErrorBody};
        use $crate::records::api::{EntityDetail, ListQuery, Page};
        use axum::Json;
        use axum::extract::{Path, Query, State};

        /// Records of this kind as of a date, paged by code.
        #[utoipa::path(get, path = $list_path, operation_id = $list_id, params(ListQuery), security(("session" = [])), responses(
            (status = 200, description = concat!("One page of ", $what), body = Page<$T>),
            (status = 400, description = "A bad parameter", body = ApiErrorBody),
            (status = 401, description = "Not signed in", body = ApiErrorBody)))]
        pub async fn list(
            State(state): State<AppState>,
            me: CurrentUser,
            uri: axum::http::Uri,
            Query(q): Query<ListQuery>,
        ) -> Result<(axum::http::HeaderMap, Json<Page<$T>>), ApiError> {
            let day = $crate::api::day_or_today("as_of", q.as_of.as_ref())?;
            $crate::records::api::list::<$T>(&state, &me, &uri, day, &q).await
        }

        /// One record: its version as of a date, all versions and lineage.
        #[utoipa::path(get, path = $detail_path, operation_id = $detail_id, params(("code" = String, Path, description = "Record code"), AsOf), security(("session" = [])), responses(
            (status = 200, description = "The record", body = EntityDetail<$T>),
            (status = 401, description = "Not signed in", body = ApiErrorBody),
            (status = 404, description = "No such record in the caller's scope", body = ApiErrorBody)))]
        pub async fn detail(
            State(state): State<AppState>,
            me: CurrentUser,
            ip: ClientIp,
            Path(raw): Path<String>,
            Query(q): Query<AsOf>,
        ) -> Result<axum::response::Response, ApiError> {
            $crate::records::api::detail::<$T>(&state, &me, &ip, &raw, as_of(&q)?).await
        }
    };
}

pub(crate) use record_api;
