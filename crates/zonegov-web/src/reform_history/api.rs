//! `/api/v1/reforms` (the timeline) and `/api/v1/reforms/{change}/lineage` (the flows
//! a Sankey chart draws), from the history the caller's scope shows.

use crate::AppState;
use crate::auth::CurrentUser;
use crate::error::{ApiError, ApiErrorBody};
use axum::Json;
use axum::extract::{Path, State};
use zonegov_domain::Code;
use zonegov_domain::reform_history::{Flow, ReformEntry, flows, timeline as entries};

async fn history(
    state: &AppState,
    me: &CurrentUser,
) -> Result<zonegov_domain::ZoneHistory, ApiError> {
    let h = state
        .history()
        .await?
        .ok_or_else(|| ApiError::not_found("the database holds no zone yet"))?;
    Ok(h.visible_to(&me.visible))
}

/// Every change set that touched bodies or parks, in date order, with what it did.
#[utoipa::path(get, path = "/api/v1/reforms", operation_id = "reforms", security(("session" = [])), responses(
    (status = 200, description = "The timeline", body = Vec<ReformEntry>),
    (status = 401, description = "Not signed in", body = ApiErrorBody),
    (status = 404, description = "No zone loaded", body = ApiErrorBody)))]
pub async fn timeline(
    State(state): State<AppState>,
    me: CurrentUser,
) -> Result<Json<Vec<ReformEntry>>, ApiError> {
    Ok(Json(entries(&history(&state, &me).await?)))
}

/// One reform's flows from the records before it to those after it (Sankey data).
#[utoipa::path(get, path = "/api/v1/reforms/{change}/lineage", operation_id = "reform_lineage", params(("change" = String, Path, description = "The change set's id")), security(("session" = [])), responses(
    (status = 200, description = "One flow per kind the reform touched", body = Vec<Flow>),
    (status = 401, description = "Not signed in", body = ApiErrorBody),
    (status = 404, description = "No such change set", body = ApiErrorBody)))]
pub async fn lineage(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(raw): Path<String>,
) -> Result<Json<Vec<Flow>>, ApiError> {
    let id = Code::parse(&raw).map_err(|e| ApiError::not_found(e.to_string()))?;
    flows(&history(&state, &me).await?, &id)
        .map(Json)
        .ok_or_else(|| ApiError::not_found(format!("no change set {id}")))
}
