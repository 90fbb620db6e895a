//! API tokens for machine clients (系统管理 › 接口令牌): the list, creation (the
//! secret is shown once, on the answer to the form, never again) and revocation.
//! The use cases, and their audit entries, are `zonegov_app::tokens`'.

use super::render;
use crate::AppState;
use crate::auth::access::ClientIp;
use crate::ctx::Ctx;
use crate::error::PageError;
use crate::forms::{Fields, FormRejection, FromFields, TypedForm};
use crate::i18n::Ui;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{DateTime, Utc};
use zonegov_app::tokens::{TokenError, TokenSpec, create as create_token, revoke as revoke_token};
use zonegov_domain::Code;
use zonegov_domain::auth::DataScope;
use zonegov_domain::auth::token::{ApiToken, Unusable};

pub struct TokenRow {
    pub id: i64,
    pub name: String,
    pub role: String,
    pub scope: String,
    pub institution: String,
    pub park: String,
    pub rate: u32,
    pub created: String,
    pub expires: String,
    pub last_used: String,
    /// `active`, `revoked` or `expired`.
    pub state: &'static str,
}

#[derive(Template)]
#[template(path = "tokens.html")]
struct TokensPage {
    ui: Ui,
    ctx: Ctx,
    menu: &'static str,
    zone_name: String,
    rows: Vec<TokenRow>,
    roles: Vec<(String, String)>,
    bodies: Vec<(String, String)>,
    scopes: Vec<(&'static str, &'static str)>,
    error: String,
    /// The secret of the token just created: shown on this answer only.
    created: Option<(i64, String)>,
}

fn when(t: Option<DateTime<Utc>>) -> String {
    t.map(|t| {
        t.with_timezone(&chrono::Local)
            .format("%Y-%m-%d %H:%M")
            .to_string()
    })
    .unwrap_or_default()
}

fn row(t: &ApiToken, ui: Ui, now: DateTime<Utc>) -> TokenRow {
    let scope = match &t.scope {
        DataScope::Custom(set) => format!(
            "{}: {}",
            t.scope.label(ui.lang),
            set.iter().map(Code::as_str).collect::<Vec<_>>().join(", ")
        ),
        s => s.label(ui.lang).to_owned(),
    };
    TokenRow {
        id: t.id,
        name: t.name.to_string(),
        role: t.role.to_string(),
        scope,
        institution: t.institution.to_string(),
        park: t.park.as_ref().map(|p| p.to_string()).unwrap_or_default(),
        rate: t.rate_per_minute,
        created: format!("{} ({})", when(Some(t.created_at)), t.created_by),
        expires: when(t.expires_at),
        last_used: when(t.last_used_at),
        state: match t.usable(now) {
            Ok(()) => "active",
            Err(Unusable::Revoked) => "revoked",
            Err(Unusable::Expired) => "expired",
        },
    }
}

async fn page(
    ctx: &Ctx,
    state: &AppState,
    error: &str,
    created: Option<(i64, String)>,
    status: StatusCode,
) -> Response {
    let store = state.store.as_ref();
    let lang = ctx.ui.lang;
    let loaded = async {
        let tokens = store.tokens().tokens().await?;
        let roles = store.accounts().roles().await?;
        let bodies = zonegov_store::as_of::<zonegov_domain::Institution>(
            store.records(),
            ctx.as_of,
            &zonegov_domain::auth::Visible::everything(),
        )
        .await?;
        Ok::<_, zonegov_store::StoreError>((tokens, roles, bodies))
    };
    let (tokens, roles, bodies) = match loaded.await {
        Ok(x) => x,
        Err(e) => return PageError::internal(ctx.ui, e).into_response(),
    };
    let now = Utc::now();
    let scopes = [
        DataScope::All,
        DataScope::Custom(Default::default()),
        DataScope::OwnBody,
        DataScope::OwnBodyAndBelow,
        DataScope::OwnPark,
    ]
    .iter()
    .map(|s| (s.code(), s.label(lang)))
    .collect();
    let page = TokensPage {
        ui: ctx.ui,
        ctx: ctx.clone(),
        menu: "tokens",
        zone_name: String::new(),
        rows: tokens.iter().map(|t| row(t, ctx.ui, now)).collect(),
        roles: roles
            .iter()
            .map(|r| (r.code.to_string(), r.name.get(lang).to_owned()))
            .collect(),
        bodies: bodies
            .iter()
            .map(|v| (v.code.to_string(), v.attrs.display_name(lang)))
            .collect(),
        scopes,
        error: error.to_owned(),
        created,
    };
    match render(ctx, &page) {
        Ok(html) => (status, html).into_response(),
        Err(e) => e.into_response(),
    }
}

pub async fn list(ctx: Ctx, State(state): State<AppState>) -> Response {
    page(&ctx, &state, "", None, StatusCode::OK).await
}

/// The new-token form (`/system/tokens`).
#[derive(Debug)]
pub struct NewTokenForm {
    spec: TokenSpec,
}

impl FromFields for NewTokenForm {
    /// Names the first bad field.
    fn from_fields(f: &Fields, _ui: Ui) -> Result<Self, String> {
        let rate =
            match f.trimmed("rate_per_minute").as_str() {
                "" => None,
                v => Some(v.parse::<u64>().map_err(|_| {
                    format!("rate_per_minute: {v} 不是正整数 / is not a whole number")
                })?),
            };
        let expires_at = match f.trimmed("expires").as_str() {
            "" => None,
            v => Some(
                zonegov_domain::day::parse_day(v)
                    .map_err(|e| format!("expires: {e}"))
                    .map(zonegov_app::tokens::end_of_day)?,
            ),
        };
        Ok(Self {
            spec: TokenSpec {
                name: f.bounded("name", 64)?,
                role: f.trimmed("role"),
                scope: Some(f.trimmed("scope")).filter(|s| !s.is_empty()),
                bodies: crate::forms::codes("bodies", f.text("bodies").split([',', ',', ' ']))?,
                institution: f.code("institution")?,
                park: f.optional_code("park")?,
                rate_per_minute: rate,
                expires_at,
            },
        })
    }
}

fn message(ctx: &Ctx, e: TokenError) -> String {
    match e {
        TokenError::Invalid(m) => m,
        // A database fault is logged, not shown.
        TokenError::Store(other) => {
            tracing::error!(error = %other, "a token change failed");
            ctx.ui.t("server_error").to_owned()
        }
    }
}

pub async fn create(
    ctx: Ctx,
    State(state): State<AppState>,
    ip: ClientIp,
    form: Result<TypedForm<NewTokenForm>, FormRejection>,
) -> Response {
    let form = match form {
        Ok(TypedForm(form)) => form,
        Err(refused) => {
            return page(&ctx, &state, &refused.message, None, refused.status).await;
        }
    };
    match create_token(state.store.as_ref(), &form.spec, ctx.me_name(), &ip.0).await {
        // Shown on this answer only (not a redirect: the secret must not be in a URL);
        // the answer is `no-store` like every signed-in page.
        Ok(c) => {
            page(
                &ctx,
                &state,
                "",
                Some((c.token.id, c.secret)),
                StatusCode::OK,
            )
            .await
        }
        Err(e) => {
            let m = message(&ctx, e);
            page(&ctx, &state, &m, None, StatusCode::BAD_REQUEST).await
        }
    }
}

pub async fn revoke(
    ctx: Ctx,
    State(state): State<AppState>,
    ip: ClientIp,
    Path(id): Path<i64>,
) -> Response {
    match revoke_token(state.store.as_ref(), id, ctx.me_name(), &ip.0).await {
        Ok(_) => Redirect::to("/system/tokens").into_response(),
        Err(e) => {
            let m = message(&ctx, e);
            page(&ctx, &state, &m, None, StatusCode::BAD_REQUEST).await
        }
    }
}
