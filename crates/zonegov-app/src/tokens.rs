//! API tokens for machine clients: created and revoked by an administrator (CLI or
//! the system pages), each change recorded in the audit trail. The secret is shown
//! once, at creation; only its hash is stored (`zonegov_domain::auth::token`).

use crate::audit::Recorder;
use chrono::{DateTime, Utc};
use std::collections::BTreeSet;
use zonegov_domain::Code;
use zonegov_domain::auth::DataScope;
use zonegov_domain::auth::token::{
    self, ApiToken, DEFAULT_RATE_PER_MINUTE, SECRET_HEX_LEN, TokenName, hash_secret, secret_string,
};
use zonegov_store::{NewToken, Store, StoreError};

#[derive(Debug, thiserror::Error)]
pub enum TokenError {
    /// Bad input, with a message naming the field (both languages).
    #[error("{0}")]
    Invalid(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// A token to create, from plain input (a form or the command line).
#[derive(Debug, Clone)]
pub struct TokenSpec {
    pub name: String,
    pub role: String,
    /// A data scope code (`all`, `custom`, `own_body`, `own_body_and_below`,
    /// `own_park`); `None`: the role's own scope.
    pub scope: Option<String>,
    /// The bodies of a `custom` scope.
    pub bodies: Vec<Code>,
    /// The token's own body (for `own_body` scopes).
    pub institution: Code,
    /// The token's own park (for `own_park`).
    pub park: Option<Code>,
    /// Requests per minute; `None`: [`DEFAULT_RATE_PER_MINUTE`].
    pub rate_per_minute: Option<u64>,
    pub expires_at: Option<DateTime<Utc>>,
}

/// A created token: its row and the secret, to show once.
#[derive(Debug, Clone)]
pub struct Created {
    pub token: ApiToken,
    pub secret: String,
}

/// A token valid "until D" works through the whole of day D, local time.
pub fn end_of_day(day: chrono::NaiveDate) -> DateTime<Utc> {
    let next = day
        .succ_opt()
        .unwrap_or(day)
        .and_time(chrono::NaiveTime::MIN);
    next.and_local_timezone(chrono::Local)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_else(|| next.and_utc())
}

/// 256 random bits as 64 hex digits.
fn random_hex() -> Result<String, TokenError> {
    let mut bytes = [0u8; SECRET_HEX_LEN / 2];
    getrandom::fill(&mut bytes)
        .map_err(|e| TokenError::Invalid(format!("no randomness / 无法取得随机数: {e}")))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

fn invalid(field: &str, e: impl std::fmt::Display) -> TokenError {
    TokenError::Invalid(format!("{field}: {e}"))
}

/// Checks the input, stores the token's hash, and records the creation (a refused
/// one too, with its reason). Nothing is stored unless everything is valid.
pub async fn create(
    store: &dyn Store,
    spec: &TokenSpec,
    actor: &str,
    ip: &str,
) -> Result<Created, TokenError> {
    let rec = Recorder::new(store, actor, ip);
    let result = create_checked(store, spec, actor).await;
    match &result {
        Ok(c) => {
            rec.ok(
                "token.create",
                &format!("token:{}", c.token.id),
                describe(&c.token),
            )
            .await
        }
        Err(TokenError::Invalid(reason)) => {
            let detail =
                serde_json::json!({ "reason": reason, "name": spec.name, "role": spec.role });
            rec.failed("token.create", "token:new", detail).await
        }
        Err(TokenError::Store(_)) => {}
    }
    result
}

async fn create_checked(
    store: &dyn Store,
    spec: &TokenSpec,
    actor: &str,
) -> Result<Created, TokenError> {
    let name = TokenName::parse(&spec.name).map_err(|e| invalid("name", e))?;
    let role_code = Code::parse(&spec.role).map_err(|e| invalid("role", e))?;
    let roles = store.accounts().roles().await?;
    let role = roles.iter().find(|r| r.code == role_code).ok_or_else(|| {
        invalid(
            "role",
            format!("未知角色 {role_code} / unknown role {role_code}"),
        )
    })?;
    let bodies: BTreeSet<Code> = spec.bodies.iter().cloned().collect();
    let scope = match spec.scope.as_deref().map(str::trim) {
        Some(code) if !code.is_empty() => token::token_scope(code, bodies, spec.park.as_ref()),
        // The role's scope, as a user holding that role would have it.
        _ => token::token_scope(
            role.scope.code(),
            match &role.scope {
                DataScope::Custom(set) => set.clone(),
                _ => bodies,
            },
            spec.park.as_ref(),
        ),
    }
    .map_err(|e| invalid("scope", e))?;
    let rate = token::rate(
        spec.rate_per_minute
            .unwrap_or(u64::from(DEFAULT_RATE_PER_MINUTE)),
    )
    .map_err(|e| invalid("rate_per_minute", e))?;
    let now = Utc::now();
    if let Some(at) = spec.expires_at
        && at <= now
    {
        return Err(invalid("expires", format!("{at} 已过 / is in the past")));
    }
    let random = random_hex()?;
    let new = NewToken {
        name,
        role: role_code,
        scope,
        institution: spec.institution.clone(),
        park: spec.park.clone(),
        rate_per_minute: rate,
        secret_hash: hash_secret(&random),
        created_by: actor.to_owned(),
        created_at: now,
        expires_at: spec.expires_at,
    };
    let id = store
        .tokens()
        .create_token(&new)
        .await
        .map_err(|e| match e {
            StoreError::Conflict(m) => invalid("role", m),
            other => TokenError::Store(other),
        })?;
    let token = store
        .tokens()
        .token(id)
        .await?
        .ok_or_else(|| StoreError::Corrupt(format!("api_token {id} vanished after insert")))?;
    Ok(Created {
        secret: secret_string(id, &random),
        token,
    })
}

/// Revokes a token (at once, in every process: the revision moves) and records it.
pub async fn revoke(
    store: &dyn Store,
    id: i64,
    actor: &str,
    ip: &str,
) -> Result<ApiToken, TokenError> {
    let rec = Recorder::new(store, actor, ip);
    let target = format!("token:{id}");
    let Some(before) = store.tokens().token(id).await? else {
        let reason = format!("未知令牌 {id} / no token {id}");
        rec.failed(
            "token.revoke",
            &target,
            serde_json::json!({ "reason": reason }),
        )
        .await;
        return Err(TokenError::Invalid(reason));
    };
    if !store.tokens().revoke_token(id, actor, Utc::now()).await? {
        let reason = format!("令牌 {id} 已吊销 / token {id} is already revoked");
        rec.failed(
            "token.revoke",
            &target,
            serde_json::json!({ "reason": reason }),
        )
        .await;
        return Err(TokenError::Invalid(reason));
    }
    rec.ok("token.revoke", &target, describe(&before)).await;
    store
        .tokens()
        .token(id)
        .await?
        .ok_or_else(|| TokenError::Store(StoreError::Corrupt(format!("api_token {id} vanished"))))
}

/// What the audit trail records of a token: everything but its hash.
pub fn describe(t: &ApiToken) -> serde_json::Value {
    let bodies = match &t.scope {
        DataScope::Custom(set) => set.iter().map(|c| c.to_string()).collect(),
        _ => Vec::new(),
    };
    serde_json::json!({
        "name": t.name.as_str(),
        "role": t.role,
        "scope": t.scope.code(),
        "bodies": bodies,
        "institution": t.institution,
        "park": t.park,
        "rate_per_minute": t.rate_per_minute,
        "expires_at": t.expires_at,
    })
}
