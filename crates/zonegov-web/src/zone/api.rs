//! `/api/v1/report` and `/api/v1/diff`, computed from the history the caller's
//! data scope shows.

use crate::AppState;
use crate::api::{AsOf, as_of, day};
use crate::auth::CurrentUser;
use crate::error::{ApiError, ApiErrorBody};
use axum::Json;
use axum::extract::{Query, State};
use serde::Deserialize;
use std::sync::Arc;
use utoipa::IntoParams;
use zonegov_domain::diff::ZoneDiff;
use zonegov_domain::{ZoneHistory, ZoneReport};

async fn history(state: &AppState, me: &CurrentUser) -> Result<ZoneHistory, ApiError> {
    let h: Arc<ZoneHistory> = state
        .history()
        .await?
        .ok_or_else(|| ApiError::not_found("the database holds no zone yet"))?;
    Ok(h.visible_to(&me.visible))
}

/// The zone's figures as of a date, compared with an earlier date. A scoped caller
/// gets the figures of its scope.
#[utoipa::path(get, path = "/api/v1/report", operation_id = "report", params(AsOf), security(("session" = [])), responses(
    (status = 200, description = "The report", body = ZoneReport),
    (status = 400, description = "A bad date", body = ApiErrorBody),
    (status = 401, description = "Not signed in", body = ApiErrorBody),
    (status = 404, description = "No zone loaded", body = ApiErrorBody)))]
pub async fn report(
    State(state): State<AppState>,
    me: CurrentUser,
    Query(q): Query<AsOf>,
) -> Result<Json<ZoneReport>, ApiError> {
    let day_ = as_of(&q)?;
    let since = day("since", q.since.as_ref())?;
    if let Some(s) = since.filter(|s| *s > day_) {
        return Err(ApiError::bad_request(format!(
            "since = {s} is after as_of = {day_} / 对比日期 since = {s} 晚于截至日期 as_of = {day_}"
        )));
    }
    let h = history(&state, &me).await?;
    let r = zonegov_app::report::zone_report(state.store.records(), &h, &me.visible, day_, since)
        .await
        .map_err(ApiError::from)?;
    Ok(Json(r))
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct DiffQuery {
    /// The earlier day, YYYY-MM-DD.
    from: String,
    /// The later day, YYYY-MM-DD.
    to: String,
}

/// What appeared, disappeared and changed (field by field) between two dates.
#[utoipa::path(get, path = "/api/v1/diff", operation_id = "diff", params(DiffQuery), security(("session" = [])), responses(
    (status = 200, description = "The differences", body = ZoneDiff),
    (status = 400, description = "A bad or missing date", body = ApiErrorBody),
    (status = 401, description = "Not signed in", body = ApiErrorBody)))]
pub async fn diff(
    State(state): State<AppState>,
    me: CurrentUser,
    Query(q): Query<DiffQuery>,
) -> Result<Json<ZoneDiff>, ApiError> {
    let from =
        day("from", Some(&q.from))?.ok_or_else(|| ApiError::bad_request("from is required"))?;
    let to = day("to", Some(&q.to))?.ok_or_else(|| ApiError::bad_request("to is required"))?;
    if from > to {
        return Err(ApiError::bad_request(format!(
            "from = {from} is after to = {to} / 起始日期 from = {from} 晚于对比日期 to = {to}"
        )));
    }
    Ok(Json(history(&state, &me).await?.diff(from, to)))
}
