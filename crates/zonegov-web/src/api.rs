//! The JSON API under `/api/v1`, described by an OpenAPI document that is generated
//! from these handlers (so the document cannot drift from the routes).

use crate::AppState;
use crate::auth::CurrentUser;
use crate::ctx::{DATE_HINT, parse_day};
use crate::error::{ApiError, ApiErrorBody};
use crate::pages::paging::Paging;
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, header};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, OpenApi, ToSchema};
use zonegov_domain::diff::ZoneDiff;
use zonegov_domain::{
    Code, EntityKind, Institution, LineageLink, Park, Version, ZoneHistory, ZoneReport,
};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "zonegov API",
        description = "高新区治理平台接口 / Zone governance API. Every read answers as of a date (default: today)."
    ),
    paths(report, parks, park, institutions, institution, diff),
    components(schemas(ApiErrorBody))
)]
pub struct ApiDoc;

/// The OpenAPI document.
pub async fn openapi() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}

/// The Swagger UI viewer, served from files compiled into the binary.
pub async fn docs_index() -> axum::response::Response {
    docs("index.html")
}

pub async fn docs_file(Path(file): Path<String>) -> axum::response::Response {
    docs(&file)
}

fn docs(file: &str) -> axum::response::Response {
    use axum::response::IntoResponse;
    let config = std::sync::Arc::new(utoipa_swagger_ui::Config::from("/api/v1/openapi.json"));
    match utoipa_swagger_ui::serve(file, config) {
        Ok(Some(f)) => (
            [(axum::http::header::CONTENT_TYPE, f.content_type)],
            f.bytes.into_owned(),
        )
            .into_response(),
        Ok(None) => ApiError::not_found(format!("no file {file}")).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "swagger ui");
            ApiError {
                status: axum::http::StatusCode::INTERNAL_SERVER_ERROR,
                message: "internal error".into(),
            }
            .into_response()
        }
    }
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct AsOf {
    /// The day to answer for, YYYY-MM-DD (default: today).
    as_of: Option<String>,
    /// For the report: the day to compare with (default: five years earlier).
    since: Option<String>,
}

fn day(name: &str, raw: Option<&String>) -> Result<Option<NaiveDate>, ApiError> {
    match raw.map(|s| s.trim()).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(v) => parse_day(v)
            .map(Some)
            .ok_or_else(|| ApiError::bad_request(format!("{name} = {v:?}: {DATE_HINT}"))),
    }
}

fn as_of(q: &AsOf) -> Result<NaiveDate, ApiError> {
    Ok(day("as_of", q.as_of.as_ref())?.unwrap_or_else(|| chrono::Local::now().date_naive()))
}

async fn history(state: &AppState) -> Result<std::sync::Arc<ZoneHistory>, ApiError> {
    state
        .cache
        .snapshots
        .history(state.store.as_ref())
        .await?
        .ok_or_else(|| ApiError::not_found("the database holds no zone yet"))
}

fn code(raw: &str) -> Result<Code, ApiError> {
    Code::parse(raw).map_err(|e| ApiError::not_found(e.to_string()))
}

/// The zone's figures as of a date, compared with an earlier date.
#[utoipa::path(get, path = "/api/v1/report", params(AsOf), responses(
    (status = 200, body = ZoneReport), (status = 400, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
pub async fn report(
    State(state): State<AppState>,
    Query(q): Query<AsOf>,
) -> Result<Json<ZoneReport>, ApiError> {
    let day_ = as_of(&q)?;
    let since = day("since", q.since.as_ref())?;
    if since.is_some_and(|s| s > day_) {
        return Err(ApiError::bad_request("since is after as_of"));
    }
    Ok(Json(history(&state).await?.report(day_, since)))
}

/// Parks as of a date, ordered by code, one page at a time (see [`Page`]).
#[utoipa::path(get, path = "/api/v1/parks", params(AsOf, Page), responses(
    (status = 200, body = [Version<Park>], description = "A `Link: <…>; rel=\"next\"` header names the next page, if any."),
    (status = 400, body = ApiErrorBody)))]
pub async fn parks(
    State(state): State<AppState>,
    me: CurrentUser,
    uri: axum::http::Uri,
    Query(q): Query<AsOf>,
    Query(page): Query<Page>,
) -> Result<(HeaderMap, Json<Vec<Version<Park>>>), ApiError> {
    let paging = page.paging();
    let mut rows = state
        .store
        .parks_page(paging.query(as_of(&q)?, &me.visible, ""))
        .await?;
    let next = paging.split(&mut rows);
    Ok((next_header(&uri, &paging, next), Json(rows)))
}

/// Institutions as of a date, ordered by code, one page at a time (see [`Page`]).
#[utoipa::path(get, path = "/api/v1/institutions", params(AsOf, Page), responses(
    (status = 200, body = [Version<Institution>], description = "A `Link: <…>; rel=\"next\"` header names the next page, if any."),
    (status = 400, body = ApiErrorBody)))]
pub async fn institutions(
    State(state): State<AppState>,
    me: CurrentUser,
    uri: axum::http::Uri,
    Query(q): Query<AsOf>,
    Query(page): Query<Page>,
) -> Result<(HeaderMap, Json<Vec<Version<Institution>>>), ApiError> {
    let paging = page.paging();
    let mut rows = state
        .store
        .institutions_page(paging.query(as_of(&q)?, &me.visible, ""))
        .await?;
    let next = paging.split(&mut rows);
    Ok((next_header(&uri, &paging, next), Json(rows)))
}

/// Key paging: a read costs the same whatever the page and however long the history.
#[derive(Debug, Deserialize, IntoParams)]
pub struct Page {
    /// Only codes after this one: the last code of the previous page.
    after: Option<String>,
    /// Rows per page (default 100, at most 1000).
    limit: Option<String>,
}

/// Rows per API page unless `limit` says otherwise.
const API_LIMIT: u32 = 100;

impl Page {
    fn paging(&self) -> Paging {
        Paging::new(self.after.as_deref(), self.limit.as_deref(), API_LIMIT)
    }
}

/// `Link: </api/v1/…?after=CODE&…>; rel="next"` when there is a next page.
fn next_header(uri: &axum::http::Uri, paging: &Paging, next: Option<Code>) -> HeaderMap {
    let mut headers = HeaderMap::new();
    let Some(next) = next else {
        return headers;
    };
    let mut params: Vec<(String, String)> = crate::pages::paging::query_pairs(uri)
        .into_iter()
        .filter(|(k, _)| k != "after" && k != "limit")
        .collect();
    params.push(("after".into(), next.to_string()));
    params.push(("limit".into(), paging.limit.to_string()));
    let query = serde_urlencoded::to_string(&params).unwrap_or_default();
    if let Ok(v) = HeaderValue::from_str(&format!("<{}?{query}>; rel=\"next\"", uri.path())) {
        headers.insert(header::LINK, v);
    }
    headers
}

#[derive(Debug, Serialize, ToSchema)]
pub struct EntityDetail<T> {
    /// The version valid on `as_of`, if the entity existed then.
    current: Option<Version<T>>,
    /// Every version, oldest first.
    versions: Vec<Version<T>>,
    lineage: Vec<LineageLink>,
    /// Where an entity that no longer exists on `as_of` lives on.
    heirs: Vec<Code>,
}

/// The detail of one entity, from the history already read (one database read).
fn detail<T: Clone>(
    h: &ZoneHistory,
    kind: EntityKind,
    code: &Code,
    day: NaiveDate,
    versions: &[Version<T>],
) -> Result<EntityDetail<T>, ApiError> {
    if versions.is_empty() {
        return Err(ApiError::not_found(format!("no {} {code}", kind.code())));
    }
    let (successors, predecessors) = h.lineage_of(kind, code);
    Ok(EntityDetail {
        current: versions.iter().find(|v| v.period.contains(day)).cloned(),
        versions: versions.to_vec(),
        lineage: predecessors
            .into_iter()
            .chain(successors)
            .cloned()
            .collect(),
        heirs: h.heirs(kind, code, day),
    })
}

/// One park: its version as of a date, all versions and lineage.
#[utoipa::path(get, path = "/api/v1/parks/{code}", params(("code" = String, Path), AsOf), responses(
    (status = 200, body = EntityDetail<Park>), (status = 404, body = ApiErrorBody)))]
pub async fn park(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(raw): Path<String>,
    Query(q): Query<AsOf>,
) -> Result<axum::response::Response, ApiError> {
    let (code, day) = (code(&raw)?, as_of(&q)?);
    if !me.visible.park(&code) {
        return Err(ApiError::not_found(format!("no park {code}")));
    }
    cached_detail(&state, EntityKind::Park, &code, day, |h| {
        h.parks.versions(&code)
    })
    .await
}

/// The detail as JSON, kept with the history it was computed from (it depends only
/// on the history, the entity and the day; the scope check comes before).
async fn cached_detail<T: Clone + Serialize>(
    state: &AppState,
    kind: EntityKind,
    code: &Code,
    day: NaiveDate,
    versions: impl for<'h> FnOnce(&'h ZoneHistory) -> &'h [Version<T>],
) -> Result<axum::response::Response, ApiError> {
    use axum::response::IntoResponse;
    let key = format!("detail/{}/{code}/{day}", kind.code());
    let body = state
        .cache
        .snapshots
        .response(state.store.as_ref(), &key, |h| {
            let d = detail(h, kind, code, day, versions(h))?;
            serde_json::to_vec(&d).map_err(|e| ApiError {
                status: axum::http::StatusCode::INTERNAL_SERVER_ERROR,
                message: e.to_string(),
            })
        })
        .await?
        .ok_or_else(|| ApiError::not_found("the database holds no zone yet"))??;
    Ok(([(header::CONTENT_TYPE, "application/json")], body).into_response())
}

/// One institution: its version as of a date, all versions and lineage.
#[utoipa::path(get, path = "/api/v1/institutions/{code}", params(("code" = String, Path), AsOf), responses(
    (status = 200, body = EntityDetail<Institution>), (status = 404, body = ApiErrorBody)))]
pub async fn institution(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(raw): Path<String>,
    Query(q): Query<AsOf>,
) -> Result<axum::response::Response, ApiError> {
    let (code, day) = (code(&raw)?, as_of(&q)?);
    if !me.visible.institution(&code) {
        return Err(ApiError::not_found(format!("no institution {code}")));
    }
    cached_detail(&state, EntityKind::Institution, &code, day, |h| {
        h.institutions.versions(&code)
    })
    .await
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct DiffQuery {
    /// The earlier day, YYYY-MM-DD.
    from: String,
    /// The later day, YYYY-MM-DD.
    to: String,
}

/// What appeared, disappeared and changed (field by field) between two dates.
#[utoipa::path(get, path = "/api/v1/diff", params(DiffQuery), responses(
    (status = 200, body = ZoneDiff), (status = 400, body = ApiErrorBody)))]
pub async fn diff(
    State(state): State<AppState>,
    me: CurrentUser,
    Query(q): Query<DiffQuery>,
) -> Result<Json<ZoneDiff>, ApiError> {
    let from =
        day("from", Some(&q.from))?.ok_or_else(|| ApiError::bad_request("from is required"))?;
    let to = day("to", Some(&q.to))?.ok_or_else(|| ApiError::bad_request("to is required"))?;
    Ok(Json(
        history(&state)
            .await?
            .diff(from, to)
            .visible_to(&me.visible),
    ))
}
