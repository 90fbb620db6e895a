//! `/api/v1/institutions`: institutions as of a date, and one institution's detail.

use crate::AppState;
use crate::api::{AsOf, as_of};
use crate::auth::CurrentUser;
use crate::auth::access::ClientIp;
use crate::error::{ApiError, ApiErrorBody};
use crate::records::api::{self, EntityDetail, ListQuery, Page};
use axum::Json;
use axum::extract::{Path, Query, State};
use zonegov_domain::Institution;

/// Institutions as of a date, paged by code.
#[utoipa::path(get, path = "/api/v1/institutions", operation_id = "list_institutions", params(ListQuery), security(("session" = [])), responses(
    (status = 200, description = "One page of institutions", body = Page<Institution>),
    (status = 400, description = "A bad parameter", body = ApiErrorBody),
    (status = 401, description = "Not signed in", body = ApiErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    me: CurrentUser,
    uri: axum::http::Uri,
    Query(q): Query<ListQuery>,
) -> Result<(axum::http::HeaderMap, Json<Page<Institution>>), ApiError> {
    let day = crate::api::day_or_today("as_of", q.as_of.as_ref())?;
    api::list::<Institution>(&state, &me, &uri, day, &q).await
}

/// One institution: its version as of a date, all versions and lineage.
#[utoipa::path(get, path = "/api/v1/institutions/{code}", operation_id = "institutions_detail", params(("code" = String, Path, description = "Institution code"), AsOf), security(("session" = [])), responses(
    (status = 200, description = "The institution", body = EntityDetail<Institution>),
    (status = 401, description = "Not signed in", body = ApiErrorBody),
    (status = 404, description = "No such institution in the caller's scope", body = ApiErrorBody)))]
pub async fn detail(
    State(state): State<AppState>,
    me: CurrentUser,
    ip: ClientIp,
    Path(raw): Path<String>,
    Query(q): Query<AsOf>,
) -> Result<axum::response::Response, ApiError> {
    api::detail::<Institution>(&state, &me, &ip, &raw, as_of(&q)?).await
}
