//! `/api/v1/parks`: parks as of a date, and one park's detail.

use crate::AppState;
use crate::api::{AsOf, as_of};
use crate::auth::CurrentUser;
use crate::auth::access::ClientIp;
use crate::error::{ApiError, ApiErrorBody};
use crate::records::api::{self, EntityDetail, ListQuery, Page};
use axum::Json;
use axum::extract::{Path, Query, State};
use zonegov_domain::Park;

/// Parks as of a date, paged by code.
#[utoipa::path(get, path = "/api/v1/parks", operation_id = "list_parks", params(ListQuery), security(("session" = [])), responses(
    (status = 200, description = "One page of parks", body = Page<Park>),
    (status = 400, description = "A bad parameter", body = ApiErrorBody),
    (status = 401, description = "Not signed in", body = ApiErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    me: CurrentUser,
    uri: axum::http::Uri,
    Query(q): Query<ListQuery>,
) -> Result<(axum::http::HeaderMap, Json<Page<Park>>), ApiError> {
    let day = crate::api::day_or_today("as_of", q.as_of.as_ref())?;
    api::list::<Park>(&state, &me, &uri, day, &q).await
}

/// One park: its version as of a date, all versions and lineage.
#[utoipa::path(get, path = "/api/v1/parks/{code}", operation_id = "parks_detail", params(("code" = String, Path, description = "Park code"), AsOf), security(("session" = [])), responses(
    (status = 200, description = "The park", body = EntityDetail<Park>),
    (status = 401, description = "Not signed in", body = ApiErrorBody),
    (status = 404, description = "No such park in the caller's scope", body = ApiErrorBody)))]
pub async fn detail(
    State(state): State<AppState>,
    me: CurrentUser,
    ip: ClientIp,
    Path(raw): Path<String>,
    Query(q): Query<AsOf>,
) -> Result<axum::response::Response, ApiError> {
    api::detail::<Park>(&state, &me, &ip, &raw, as_of(&q)?).await
}
