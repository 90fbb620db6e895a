//! `/api/v1/staffing/ledger` and `/api/v1/staffing/{code}`: the same figures and the
//! same masking as the pages.

use crate::AppState;
use crate::api::{AsOf, as_of};
use crate::auth::CurrentUser;
use crate::auth::access::ClientIp;
use crate::error::{ApiError, ApiErrorBody};
use axum::Json;
use axum::extract::{Path, Query, State};
use zonegov_domain::staffing::{Ledger, STAFFING_PERSONAL, Staffing, StaffingView};
use zonegov_domain::{Code, Record};

async fn history(
    state: &AppState,
) -> Result<std::sync::Arc<zonegov_domain::ZoneHistory>, ApiError> {
    state
        .history()
        .await?
        .ok_or_else(|| ApiError::not_found("the database holds no zone yet"))
}

/// The quota ledger (编制台账) on a date, within the caller's data scope.
#[utoipa::path(get, path = "/api/v1/staffing/ledger", operation_id = "staffing_ledger", params(AsOf), security(("session" = [])), responses(
    (status = 200, description = "The ledger", body = Ledger),
    (status = 400, description = "A bad date", body = ApiErrorBody),
    (status = 401, description = "Not signed in", body = ApiErrorBody),
    (status = 404, description = "No zone loaded", body = ApiErrorBody)))]
pub async fn ledger(
    State(state): State<AppState>,
    me: CurrentUser,
    Query(q): Query<AsOf>,
) -> Result<Json<Ledger>, ApiError> {
    let day = as_of(&q)?;
    let h = history(&state).await?;
    Ok(Json(zonegov_app::staffing::ledger(&h, &me.visible, day)))
}

/// A body's 三定 on a date; staff names masked unless the caller holds
/// `org:staffing:personal` (each unmasked answer is audited).
#[utoipa::path(get, path = "/api/v1/staffing/{code}", operation_id = "staffing_detail", params(("code" = String, Path, description = "The body's code"), AsOf), security(("session" = [])), responses(
    (status = 200, description = "The 三定", body = StaffingView),
    (status = 400, description = "A bad date", body = ApiErrorBody),
    (status = 401, description = "Not signed in", body = ApiErrorBody),
    (status = 404, description = "No 三定 for this body in the caller's scope on that day", body = ApiErrorBody)))]
pub async fn detail(
    State(state): State<AppState>,
    me: CurrentUser,
    ip: ClientIp,
    Path(raw): Path<String>,
    Query(q): Query<AsOf>,
) -> Result<Json<StaffingView>, ApiError> {
    let day = as_of(&q)?;
    let code = Code::parse(&raw).map_err(|e| ApiError::not_found(e.to_string()))?;
    let not_found = || ApiError::not_found(format!("no 三定 for {code} on {day}"));
    if !me.visible.allows(Staffing::KIND, &code) {
        crate::records::api::audit_out_of_scope(
            &state,
            me.user.username.as_str(),
            &ip,
            Staffing::KIND,
            &code,
        )
        .await;
        return Err(not_found());
    }
    let h = history(&state).await?;
    let r = super::pages::reader(
        me.user.username.as_str(),
        &ip,
        &me.visible,
        me.has(STAFFING_PERSONAL),
    );
    zonegov_app::staffing::view(state.store.as_ref(), &h, &code, day, &r)
        .await
        .map(Json)
        .ok_or_else(not_found)
}
