//! System administration: users (create, roles, unlock) and roles (permissions and
//! data scope). Every change is audited with its before and after.

use super::render;
use crate::AppState;
use crate::auth::access::{ClientIp, Recorder};
use crate::ctx::Ctx;
use crate::error::PageError;
use crate::forms::{Fields, FormRejection, FromFields, TypedForm};
use crate::i18n::Ui;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use std::collections::{BTreeSet, HashMap};
use zonegov_app::accounts::{BootstrapError, UserSpec, create_user as create};
use zonegov_domain::auth::{DataScope, Permission, Role, User, catalogue};
use zonegov_domain::{Code, Name};
use zonegov_store::StoreError;

pub struct UserRow {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub body: String,
    pub park: String,
    pub roles: Vec<(String, String, bool)>,
    pub locked: bool,
    pub must_change: bool,
    pub flag: String,
}

#[derive(Template)]
#[template(path = "users.html")]
struct UsersPage {
    ui: Ui,
    ctx: Ctx,
    menu: &'static str,
    zone_name: String,
    rows: Vec<UserRow>,
    bodies: Vec<(String, String)>,
    roles: Vec<(String, String)>,
    error: String,
}

async fn users_page(ctx: &Ctx, state: &AppState, error: &str, status: StatusCode) -> Response {
    let store = state.store.as_ref();
    let lang = ctx.ui.lang;
    let loaded = async {
        let users = store.accounts().users().await?;
        let roles = store.accounts().roles().await?;
        let bodies = zonegov_store::as_of::<zonegov_domain::Institution>(
            store.records(),
            ctx.as_of,
            &zonegov_domain::auth::Visible::everything(),
        )
        .await?;
        Ok::<_, zonegov_store::StoreError>((users, roles, bodies))
    };
    let (users, roles, bodies) = match loaded.await {
        Ok(x) => x,
        Err(e) => return PageError::internal(ctx.ui, e).into_response(),
    };
    let names: HashMap<String, String> = bodies
        .iter()
        .map(|v| (v.code.to_string(), v.attrs.display_name(lang)))
        .collect();
    let now = chrono::Utc::now();
    let rows = users
        .iter()
        .map(|u: &User| UserRow {
            id: u.id,
            username: u.username.to_string(),
            display_name: u.display_name.clone(),
            body: names
                .get(u.institution.as_str())
                .cloned()
                .unwrap_or_else(|| u.institution.to_string()),
            park: u.park.as_ref().map(|p| p.to_string()).unwrap_or_default(),
            roles: roles
                .iter()
                .map(|r| {
                    (
                        r.code.to_string(),
                        r.name.get(lang).to_owned(),
                        u.roles.contains(&r.code),
                    )
                })
                .collect(),
            locked: u.is_locked(now),
            must_change: u.must_change_password,
            flag: u.flag.clone().unwrap_or_default(),
        })
        .collect();
    let page = UsersPage {
        ui: ctx.ui,
        ctx: ctx.clone(),
        menu: "users",
        zone_name: String::new(),
        rows,
        bodies: bodies
            .iter()
            .map(|v| (v.code.to_string(), v.attrs.display_name(lang)))
            .collect(),
        roles: roles
            .iter()
            .map(|r| (r.code.to_string(), r.name.get(lang).to_owned()))
            .collect(),
        error: error.to_owned(),
    };
    match render(ctx, &page) {
        Ok(html) => (status, html).into_response(),
        Err(e) => e.into_response(),
    }
}

pub async fn users(ctx: Ctx, State(state): State<AppState>) -> Response {
    users_page(&ctx, &state, "", StatusCode::OK).await
}

/// The new-user form (`/system/users`).
#[derive(Debug)]
pub struct NewUserForm {
    username: String,
    display_name: String,
    password: String,
    institution: Code,
    park: Option<Code>,
    roles: Vec<Code>,
    /// The `roles` values as submitted, for the audit entry of a refused creation.
    submitted_roles: Vec<String>,
}

impl FromFields for NewUserForm {
    /// Names the first bad field.
    fn from_fields(f: &Fields, ui: Ui) -> Result<Self, String> {
        let institution = f.code("institution")?;
        let park = f.optional_code("park")?;
        let roles = f.codes("roles")?;
        let display_name = f.text("display_name");
        if display_name.trim().is_empty() {
            return Err(format!("display_name: {}", ui.t("required")));
        }
        Ok(Self {
            username: f.text("username"),
            display_name,
            password: f.text("password"),
            institution,
            park,
            roles,
            submitted_roles: f.all("roles"),
        })
    }
}

/// The role codes of a user (`/system/users/{id}/roles`).
#[derive(Debug)]
pub struct RolesForm {
    roles: Vec<Code>,
}

impl FromFields for RolesForm {
    fn from_fields(f: &Fields, _ui: Ui) -> Result<Self, String> {
        Ok(Self {
            roles: f.codes("roles")?,
        })
    }
}

/// The first of `roles` that is not a known role, as an error naming the field.
fn unknown_role(roles: &[Code], known: &BTreeSet<Code>) -> Result<(), String> {
    match roles.iter().find(|r| !known.contains(*r)) {
        Some(unknown) => Err(format!(
            "roles: 未知角色 {unknown} / unknown role {unknown}"
        )),
        None => Ok(()),
    }
}

pub async fn create_user(
    ctx: Ctx,
    State(state): State<AppState>,
    ip: ClientIp,
    form: Result<TypedForm<NewUserForm>, FormRejection>,
) -> Response {
    let store = state.store.as_ref();
    let form = match form {
        Ok(TypedForm(form)) => form,
        Err(refused) => {
            let (username, roles) = (refused.fields.text("username"), refused.fields.all("roles"));
            return refuse_creation(
                &ctx,
                &state,
                &ip,
                &username,
                roles,
                &refused.message,
                refused.status,
            )
            .await;
        }
    };
    let known: BTreeSet<Code> = match store.accounts().roles().await {
        Ok(r) => r.into_iter().map(|r| r.code).collect(),
        Err(e) => return PageError::internal(ctx.ui, e).into_response(),
    };
    // Roles are checked against the known ones here, not left to the database.
    let created = match unknown_role(&form.roles, &known) {
        Err(e) => Err(e),
        Ok(()) => {
            let spec = UserSpec {
                username: &form.username,
                display_name: &form.display_name,
                password: &form.password,
                institution: form.institution.clone(),
                park: form.park.clone(),
                roles: form.roles.clone(),
                // Whoever set this password is not the user: it must be changed at first login.
                must_change_password: true,
            };
            create(store, &state.security.password, spec, ctx.me_name(), &ip.0)
                .await
                .map_err(|e| match e {
                    BootstrapError::Invalid(m) | BootstrapError::Store(StoreError::Conflict(m)) => {
                        m
                    }
                    // A database fault is logged, not shown.
                    BootstrapError::Store(other) => {
                        tracing::error!(error = %other, "creating a user failed");
                        ctx.ui.t("server_error").to_owned()
                    }
                })
        }
    };
    match created {
        Ok(_) => Redirect::to("/system/users").into_response(),
        Err(e) => {
            refuse_creation(
                &ctx,
                &state,
                &ip,
                &form.username,
                form.submitted_roles,
                &e,
                StatusCode::BAD_REQUEST,
            )
            .await
        }
    }
}

/// A refused creation is recorded too: who tried to create whom, and why; then the
/// users page shows the reason.
async fn refuse_creation(
    ctx: &Ctx,
    state: &AppState,
    ip: &ClientIp,
    username: &str,
    roles: Vec<String>,
    reason: &str,
    status: StatusCode,
) -> Response {
    Recorder::new(state.store.as_ref(), ctx.me_name(), &ip.0)
        .failed(
            "user.create",
            &format!("user:{username}"),
            serde_json::json!({ "reason": reason, "roles": roles }),
        )
        .await;
    users_page(ctx, state, reason, status).await
}

pub async fn set_roles(
    ctx: Ctx,
    State(state): State<AppState>,
    ip: ClientIp,
    Path(id): Path<i64>,
    form: Result<TypedForm<RolesForm>, FormRejection>,
) -> Response {
    let store = state.store.as_ref();
    let roles = match form {
        Ok(TypedForm(form)) => form.roles,
        Err(refused) => return users_page(&ctx, &state, &refused.message, refused.status).await,
    };
    let before = match store.accounts().user_by_id(id).await {
        Ok(Some(u)) => u,
        Ok(None) => return PageError::not_found(ctx.ui, format!("user {id}")).into_response(),
        Err(e) => return PageError::internal(ctx.ui, e).into_response(),
    };
    let known: BTreeSet<Code> = match store.accounts().roles().await {
        Ok(r) => r.into_iter().map(|r| r.code).collect(),
        Err(e) => return PageError::internal(ctx.ui, e).into_response(),
    };
    if let Err(e) = unknown_role(&roles, &known) {
        return users_page(&ctx, &state, &e, StatusCode::BAD_REQUEST).await;
    }
    if let Err(e) = store.accounts().set_user_roles(id, &roles).await {
        return PageError::internal(ctx.ui, e).into_response();
    }
    let detail =
        serde_json::json!({ "before": { "roles": before.roles }, "after": { "roles": roles } });
    Recorder::new(store, ctx.me_name(), &ip.0)
        .ok("user.roles", &format!("user:{}", before.username), detail)
        .await;
    Redirect::to("/system/users").into_response()
}

pub async fn unlock(
    ctx: Ctx,
    State(state): State<AppState>,
    ip: ClientIp,
    Path(id): Path<i64>,
) -> Response {
    let store = state.store.as_ref();
    match store.accounts().user_by_id(id).await {
        Ok(Some(u)) => {
            if let Err(e) = store.accounts().record_login_success(id).await {
                return PageError::internal(ctx.ui, e).into_response();
            }
            let detail = serde_json::json!({ "before": { "locked_until": u.locked_until, "failed_logins": u.failed_logins } });
            Recorder::new(store, ctx.me_name(), &ip.0)
                .ok("user.unlock", &format!("user:{}", u.username), detail)
                .await;
            Redirect::to("/system/users").into_response()
        }
        Ok(None) => PageError::not_found(ctx.ui, format!("user {id}")).into_response(),
        Err(e) => PageError::internal(ctx.ui, e).into_response(),
    }
}

/// Audit detail: the whole before and after, and the changed fields one by one.
fn changes(before: &serde_json::Value, after: &serde_json::Value) -> serde_json::Value {
    let fields = zonegov_domain::diff::diff_fields(before, after);
    serde_json::json!({ "before": before, "after": after, "changes": fields })
}

pub struct RoleRow {
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
    pub scope: String,
    pub scope_bodies: String,
    pub permissions: Vec<(String, String, bool)>,
}

#[derive(Template)]
#[template(path = "roles.html")]
struct RolesPage {
    ui: Ui,
    ctx: Ctx,
    menu: &'static str,
    zone_name: String,
    rows: Vec<RoleRow>,
    scopes: Vec<(&'static str, &'static str)>,
    error: String,
}

async fn roles_page(ctx: &Ctx, state: &AppState, error: &str, status: StatusCode) -> Response {
    let lang = ctx.ui.lang;
    let roles = match state.store.accounts().roles().await {
        Ok(r) => r,
        Err(e) => return PageError::internal(ctx.ui, e).into_response(),
    };
    let rows = roles
        .into_iter()
        .map(|r| RoleRow {
            code: r.code.to_string(),
            name_zh: r.name.zh.clone(),
            name_en: r.name.en.clone(),
            scope: r.scope.code().to_owned(),
            scope_bodies: match &r.scope {
                DataScope::Custom(set) => {
                    set.iter().map(Code::as_str).collect::<Vec<_>>().join(",")
                }
                _ => String::new(),
            },
            permissions: catalogue()
                .into_iter()
                .map(|info| {
                    (
                        info.perm.code().to_owned(),
                        lang.pick(&info.zh, &info.en).to_owned(),
                        r.permissions.iter().any(|p| p.is(info.perm)),
                    )
                })
                .collect(),
        })
        .collect();
    let all_scopes = [
        DataScope::All,
        DataScope::Custom(BTreeSet::new()),
        DataScope::OwnBody,
        DataScope::OwnBodyAndBelow,
        DataScope::OwnPark,
        DataScope::OwnRecords,
    ];
    let page = RolesPage {
        ui: ctx.ui,
        ctx: ctx.clone(),
        menu: "roles",
        zone_name: String::new(),
        rows,
        scopes: all_scopes
            .iter()
            .map(|s| (s.code(), s.label(lang)))
            .collect(),
        error: error.to_owned(),
    };
    match render(ctx, &page) {
        Ok(html) => (status, html).into_response(),
        Err(e) => e.into_response(),
    }
}

pub async fn roles(ctx: Ctx, State(state): State<AppState>) -> Response {
    roles_page(&ctx, &state, "", StatusCode::OK).await
}

/// The role form (`/system/roles/{code}`): names, permissions and data scope.
#[derive(Debug)]
pub struct RoleForm {
    name_zh: String,
    name_en: String,
    permissions: BTreeSet<Permission>,
    /// The scope with its bodies (`scope_bodies`, used by the custom scope).
    scope: DataScope,
}

impl FromFields for RoleForm {
    /// Names the first bad field.
    fn from_fields(f: &Fields, _ui: Ui) -> Result<Self, String> {
        let name_zh = f.text("name_zh");
        if name_zh.trim().is_empty() {
            return Err("name_zh: required / 必填".into());
        }
        let permissions = f
            .all("permissions")
            .iter()
            .map(|p| Permission::parse(p).map_err(|e| format!("permissions: {e}")))
            .collect::<Result<BTreeSet<_>, _>>()?;
        let bodies = crate::forms::codes(
            "scope_bodies",
            f.text("scope_bodies").split([',', ',', ' ']),
        )?;
        let scope_code = f.text("scope");
        let scope = DataScope::parse(&scope_code, bodies.into_iter().collect())
            .ok_or_else(|| format!("scope: unknown data scope {scope_code:?}"))?;
        Ok(Self {
            name_zh,
            name_en: f.text("name_en"),
            permissions,
            scope,
        })
    }
}

pub async fn save_role(
    ctx: Ctx,
    State(state): State<AppState>,
    ip: ClientIp,
    Path(code): Path<String>,
    form: Result<TypedForm<RoleForm>, FormRejection>,
) -> Response {
    let store = state.store.as_ref();
    let code = match Code::parse(&code) {
        Ok(c) => c,
        Err(e) => {
            let e = format!("code: {e}");
            return roles_page(&ctx, &state, &e, StatusCode::BAD_REQUEST).await;
        }
    };
    let role = match form {
        Ok(TypedForm(f)) => Role {
            code,
            name: Name::new(f.name_zh, f.name_en),
            permissions: f.permissions,
            scope: f.scope,
        },
        Err(refused) => {
            return roles_page(&ctx, &state, &refused.message, refused.status).await;
        }
    };
    let before = match store.accounts().roles().await {
        Ok(r) => r.into_iter().find(|r| r.code == role.code),
        Err(e) => return PageError::internal(ctx.ui, e).into_response(),
    };
    if let Err(e) = store.accounts().save_role(&role).await {
        return PageError::internal(ctx.ui, e).into_response();
    }
    let detail = changes(
        &serde_json::to_value(&before).unwrap_or_default(),
        &serde_json::to_value(&role).unwrap_or_default(),
    );
    Recorder::new(store, ctx.me_name(), &ip.0)
        .ok("role.update", &format!("role:{}", role.code), detail)
        .await;
    Redirect::to("/system/roles").into_response()
}
