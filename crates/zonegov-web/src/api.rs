//! The JSON API under `/api/v1`, described by an OpenAPI document that is generated
//! from these handlers (so the document cannot drift from the routes).

use crate::error::{ApiError, ApiErrorBody};
use axum::Json;
use axum::extract::Path;
use chrono::NaiveDate;
use serde::Deserialize;
use utoipa::{IntoParams, OpenApi};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "zonegov API",
        description = "高新区治理平台接口 / Zone governance API. Every read answers as of a date (default: today)."
    ),
    paths(
        crate::zone::api::report,
        crate::zone::api::diff,
        crate::institutions::api::list,
        crate::institutions::api::detail,
        crate::parks::api::list,
        crate::parks::api::detail,
        crate::counterparts::api::list,
        crate::counterparts::api::detail,
        crate::boundary_items::api::list,
        crate::boundary_items::api::detail,
        crate::enterprises::api::list,
        crate::enterprises::api::detail,
        crate::projects::api::projects::list,
        crate::projects::api::projects::detail,
        crate::projects::api::chain_nodes::list,
        crate::projects::api::chain_nodes::detail,
        crate::projects::api::platforms::list,
        crate::projects::api::platforms::detail,
        crate::projects::api::talents::list,
        crate::projects::api::talents::detail,
        crate::projects::api::quota_pools::list,
        crate::projects::api::quota_pools::detail,
        crate::projects::api::quota_loans::list,
        crate::projects::api::quota_loans::detail,
        crate::power_items::api::list,
        crate::power_items::api::detail,
        crate::power_items::portal::api_overview,
        crate::power_items::portal::api_search,
        crate::power_items::portal::api_changes,
        crate::power_items::portal::api_item,
        crate::who::api::who,
        crate::who::api::duty,
        crate::staffing::api::ledger,
        crate::staffing::api::detail,
        crate::reform_history::api::timeline,
        crate::reform_history::api::lineage,
    ),
    components(schemas(ApiErrorBody, crate::auth::bearer::TokenErrorBody)),
    modifiers(&SessionCookie, &BearerToken),
    security(("session" = []), ("bearer" = []))
)]
pub struct ApiDoc;

/// Machine clients use an API token instead of the cookie (`auth::bearer`): every
/// operation that accepts the session accepts a token too, with the token's own
/// refusals (401 naming why, 429 with `Retry-After`). Applied here to every such
/// operation, so a new API path gets it without repeating it.
struct BearerToken;

impl utoipa::Modify for BearerToken {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{
            HttpAuthScheme, HttpBuilder, SecurityRequirement, SecurityScheme,
        };
        use utoipa::openapi::{Content, RefOr, ResponseBuilder};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("zgt_<id>_<64 hex>")
                    .description(Some(
                        "接口令牌(管理员在 系统管理 › 接口令牌 或 `zonegov token create` 创建),仅用于 /api 路径 / \
                         An API token (created by an administrator under System › API tokens or with \
                         `zonegov token create`), accepted on /api paths only",
                    ))
                    .build(),
            ),
        );
        let session = SecurityRequirement::new("session", Vec::<String>::new());
        let bearer = SecurityRequirement::new("bearer", Vec::<String>::new());
        let error = |description: &str| {
            RefOr::T(
                ResponseBuilder::new()
                    .description(description)
                    .content(
                        "application/json",
                        Content::new(Some(RefOr::Ref(utoipa::openapi::Ref::from_schema_name(
                            "TokenErrorBody",
                        )))),
                    )
                    .build(),
            )
        };
        for item in openapi.paths.paths.values_mut() {
            for op in [
                &mut item.get,
                &mut item.put,
                &mut item.post,
                &mut item.delete,
                &mut item.patch,
            ]
            .into_iter()
            .flatten()
            {
                let Some(security) = op.security.as_mut() else {
                    continue;
                };
                if !security.contains(&session) || security.contains(&bearer) {
                    continue;
                }
                security.push(bearer.clone());
                let responses = &mut op.responses.responses;
                responses.entry("401".into()).or_insert_with(|| {
                    error("未登录,或接口令牌无效、已吊销、已过期(reason 说明原因) / Not signed in, or the API token is invalid, revoked or expired (`reason` says which)")
                });
                responses.entry("429".into()).or_insert_with(|| {
                    error("该令牌请求过多,见 Retry-After / Too many requests with this token: see Retry-After")
                });
            }
        }
    }
}

/// Every route needs the session cookie that signing in at `/login` sets.
struct SessionCookie;

impl utoipa::Modify for SessionCookie {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{ApiKey, ApiKeyValue, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "session",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::with_description(
                crate::auth::session::SESSION_COOKIE,
                "会话 Cookie:在 /login 登录后获得 / The session cookie set by signing in at /login",
            ))),
        );
    }
}

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
    pub as_of: Option<String>,
    /// For the report: the day to compare with (default: five years earlier).
    pub since: Option<String>,
}

pub fn day(name: &str, raw: Option<&String>) -> Result<Option<NaiveDate>, ApiError> {
    match raw.map(|s| s.trim()).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(v) => zonegov_domain::day::parse_param(name, v)
            .map(Some)
            .map_err(ApiError::bad_request),
    }
}

pub fn as_of(q: &AsOf) -> Result<NaiveDate, ApiError> {
    day_or_today("as_of", q.as_of.as_ref())
}

/// The day in parameter `name`, or today when it is absent.
pub fn day_or_today(name: &str, raw: Option<&String>) -> Result<NaiveDate, ApiError> {
    Ok(day(name, raw)?.unwrap_or_else(|| chrono::Local::now().date_naive()))
}
