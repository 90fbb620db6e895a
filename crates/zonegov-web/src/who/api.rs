//! `/api/v1/who` and `/api/v1/who/duty`: 谁来管 and 照单履职 for machine clients (a
//! 12345 hotline platform, a grid platform) and the page's own scripts.

use super::query::WhoQuery;
use crate::AppState;
use crate::auth::CurrentUser;
use crate::error::{ApiError, ApiErrorBody};
use axum::Json;
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use zonegov_app::who::{WhoError, ask, ask_resident, check_duty, resident_key};
use zonegov_domain::who::{Answer, DutyCheck};

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct DutyAnswer {
    pub check: DutyCheck,
    pub answer: Answer,
}

fn failed(e: WhoError) -> ApiError {
    match e {
        WhoError::Store(e) => ApiError::internal(e),
        WhoError::UnknownPlace(e) => ApiError::not_found(e.to_string()),
        other => ApiError::bad_request(other.to_string()),
    }
}

/// Who handles a matter at a place on a day: per step the lead and cooperating
/// bodies with duty, basis, contact and derivation; gaps and conflicts are reported
/// in `issues` and the `verdict`, never settled by picking one.
#[utoipa::path(get, path = "/api/v1/who", operation_id = "who", params(WhoQuery), security(("session" = [])), responses(
    (status = 200, description = "The answer", body = Answer),
    (status = 400, description = "A bad question (names the parameter)", body = ApiErrorBody),
    (status = 401, description = "Not signed in", body = ApiErrorBody),
    (status = 404, description = "No such place", body = ApiErrorBody)))]
pub async fn who(
    State(state): State<AppState>,
    me: CurrentUser,
    Query(q): Query<WhoQuery>,
) -> Result<Response, ApiError> {
    let day = crate::api::day_or_today("as_of", q.as_of.as_ref())?;
    let question = q.question(day).map_err(ApiError::bad_request)?;
    // A boundary item's answer is the same for every asker: kept, serialised, until
    // the data changes (as a record's detail is).
    if let Some(key) = resident_key(&question) {
        let encode = |h: &zonegov_domain::ZoneHistory| -> Result<Vec<u8>, ApiError> {
            match ask_resident(h, &question) {
                Some(Ok(a)) => {
                    serde_json::to_vec(&a).map_err(|e| ApiError::internal(e.to_string()))
                }
                Some(Err(e)) => Err(failed(e)),
                None => Err(ApiError::internal("not a resident question")),
            }
        };
        let body = state
            .cache
            .snapshots
            .response(state.store.as_ref(), &key, encode)
            .await?
            .ok_or_else(crate::records::api::no_zone)??;
        return Ok(([(header::CONTENT_TYPE, "application/json")], body).into_response());
    }
    let history = state
        .history()
        .await?
        .ok_or_else(crate::records::api::no_zone)?;
    let answer = ask(state.store.records(), &history, &me.visible, &question)
        .await
        .map_err(failed)?;
    Ok(Json(answer).into_response())
}

/// 照单履职: may `body` act on the matter on the day, and under which list rows.
#[utoipa::path(get, path = "/api/v1/who/duty", operation_id = "who_duty", params(WhoQuery), security(("session" = [])), responses(
    (status = 200, description = "The check and the answer it rests on", body = DutyAnswer),
    (status = 400, description = "A bad question (names the parameter)", body = ApiErrorBody),
    (status = 401, description = "Not signed in", body = ApiErrorBody),
    (status = 404, description = "No such place", body = ApiErrorBody)))]
pub async fn duty(
    State(state): State<AppState>,
    me: CurrentUser,
    Query(q): Query<WhoQuery>,
) -> Result<Json<DutyAnswer>, ApiError> {
    let day = crate::api::day_or_today("as_of", q.as_of.as_ref())?;
    let question = q.question(day).map_err(ApiError::bad_request)?;
    let body = q
        .body()
        .map_err(ApiError::bad_request)?
        .ok_or_else(|| ApiError::bad_request("body: 须给出单位编码 / give the body's code"))?;
    let history = state
        .history()
        .await?
        .ok_or_else(crate::records::api::no_zone)?;
    let (answer, check) = check_duty(
        state.store.records(),
        &history,
        &me.visible,
        &body,
        &question,
    )
    .await
    .map_err(failed)?;
    Ok(Json(DutyAnswer { check, answer }))
}
