//! The audit trail and the login log: filterable, paged by key, exportable.

use super::render;
use crate::AppState;
use crate::auth::access::ClientIp;
use crate::ctx::{Ctx, parse_day};
use crate::error::PageError;
use crate::forms::{Fields, FromFields, TypedQuery};
use crate::i18n::Ui;
use crate::records::export::csv_download;
use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use chrono::{NaiveDate, TimeZone, Utc};
use zonegov_domain::auth::AuditEntry;
use zonegov_store::AuditFilter;

const PAGE: i64 = 50;
/// An export stops here; narrow the filter for more.
const EXPORT_MAX: usize = 200_000;

pub struct Row {
    pub seq: i64,
    pub at: String,
    pub actor: String,
    pub ip: String,
    pub action: String,
    pub target: String,
    pub outcome: String,
    pub detail: String,
}

#[derive(Template)]
#[template(path = "audit.html")]
struct AuditPage {
    ui: Ui,
    ctx: Ctx,
    menu: &'static str,
    zone_name: String,
    title: &'static str,
    base: &'static str,
    can_export: bool,
    actor: String,
    action: String,
    from: String,
    to: String,
    rows: Vec<Row>,
    next: Option<String>,
    export_query: String,
}

/// The filter of the audit and login pages: `?actor=&action=&from=&to=&before=`.
/// The texts are kept as typed, for the form and the paging links.
#[derive(Debug)]
pub struct AuditQuery {
    actor: String,
    action: String,
    from: String,
    to: String,
    from_day: Option<NaiveDate>,
    to_day: Option<NaiveDate>,
    /// Keyset paging: entries older than this sequence number.
    before: Option<i64>,
}

impl FromFields for AuditQuery {
    /// Names the first bad parameter and its value.
    fn from_fields(f: &Fields, ui: Ui) -> Result<Self, String> {
        let date = |name: &str, v: &str| -> Result<Option<NaiveDate>, String> {
            if v.is_empty() {
                return Ok(None);
            }
            parse_day(v)
                .map(Some)
                .ok_or_else(|| format!("{name} = {v:?}: {}", crate::ctx::DATE_HINT))
        };
        let (from, to) = (f.trimmed("from"), f.trimmed("to"));
        let from_day = date("from", &from)?;
        let to_day = date("to", &to)?;
        let before = match f.trimmed("before").as_str() {
            "" => None,
            v => Some(
                v.parse::<i64>()
                    .map_err(|_| format!("before = {v:?}: {}", ui.t("expected_number")))?,
            ),
        };
        Ok(Self {
            actor: f.trimmed("actor"),
            action: f.trimmed("action"),
            from,
            to,
            from_day,
            to_day,
            before,
        })
    }
}

fn day_start(d: NaiveDate) -> Option<chrono::DateTime<Utc>> {
    d.and_hms_opt(0, 0, 0).map(|t| Utc.from_utc_datetime(&t))
}

/// The store's filter for `q`; `login_only` pins it to login events.
fn filter(q: &AuditQuery, login_only: bool) -> AuditFilter {
    let action_prefix = if login_only {
        Some(if q.action.starts_with("login") {
            q.action.clone()
        } else {
            "login".to_owned()
        })
    } else {
        (!q.action.is_empty()).then(|| q.action.clone())
    };
    AuditFilter {
        actor: (!q.actor.is_empty()).then(|| q.actor.clone()),
        action_prefix,
        from: q.from_day.and_then(day_start),
        // `to` is inclusive: up to the start of the next day.
        to: q.to_day.and_then(|d| d.succ_opt()).and_then(day_start),
        before_seq: q.before,
        limit: PAGE,
    }
}

fn row(e: AuditEntry) -> Row {
    Row {
        seq: e.seq,
        at: e
            .at
            .with_timezone(&chrono::Local)
            .format("%Y-%m-%d %H:%M:%S")
            .to_string(),
        actor: e.draft.actor,
        ip: e.draft.ip,
        action: e.draft.action,
        target: e.draft.target,
        outcome: e.draft.outcome,
        detail: e.draft.detail.to_string(),
    }
}

async fn list(
    ctx: Ctx,
    q: AuditQuery,
    state: AppState,
    login_only: bool,
) -> Result<Response, PageError> {
    let entries = state
        .store
        .audit()
        .audit_entries(&filter(&q, login_only))
        .await
        .map_err(|e| PageError::internal(ctx.ui, e))?;
    let next = (entries.len() as i64 == PAGE)
        .then(|| entries.last().map(|e| e.seq))
        .flatten()
        .map(|seq| {
            serde_urlencoded::to_string([
                ("actor", &q.actor),
                ("action", &q.action),
                ("from", &q.from),
                ("to", &q.to),
                ("before", &seq.to_string()),
            ])
            .unwrap_or_default()
        });
    let export_query = serde_urlencoded::to_string([
        ("actor", &q.actor),
        ("action", &q.action),
        ("from", &q.from),
        ("to", &q.to),
    ])
    .unwrap_or_default();
    let (title, base, export_perm) = if login_only {
        (
            ctx.ui.t("login_log"),
            "/monitor/logins",
            zonegov_domain::auth::permission::LOGIN_EXPORT,
        )
    } else {
        (
            ctx.ui.t("audit_log"),
            "/monitor/audit",
            zonegov_domain::auth::permission::AUDIT_EXPORT,
        )
    };
    let page = AuditPage {
        ui: ctx.ui,
        can_export: ctx.has(export_perm),
        ctx: ctx.clone(),
        menu: if login_only { "logins" } else { "audit" },
        zone_name: String::new(),
        title,
        base,
        actor: q.actor,
        action: q.action,
        from: q.from,
        to: q.to,
        rows: entries.into_iter().map(row).collect(),
        next,
        export_query,
    };
    render(&ctx, &page).map(IntoResponse::into_response)
}

pub async fn audit(
    ctx: Ctx,
    State(state): State<AppState>,
    TypedQuery(q): TypedQuery<AuditQuery>,
) -> Result<Response, PageError> {
    list(ctx, q, state, false).await
}

pub async fn logins(
    ctx: Ctx,
    State(state): State<AppState>,
    TypedQuery(q): TypedQuery<AuditQuery>,
) -> Result<Response, PageError> {
    list(ctx, q, state, true).await
}

async fn export(
    ctx: Ctx,
    q: AuditQuery,
    ip: ClientIp,
    state: AppState,
    login_only: bool,
) -> Result<Response, PageError> {
    let mut filter = filter(&q, login_only);
    filter.limit = 1000;
    let mut rows = Vec::new();
    loop {
        let batch = state
            .store
            .audit()
            .audit_entries(&filter)
            .await
            .map_err(|e| PageError::internal(ctx.ui, e))?;
        let last = batch.last().map(|e| e.seq);
        let full = batch.len() as i64 == filter.limit;
        rows.extend(batch.into_iter().map(row));
        match last {
            Some(seq) if full && rows.len() < EXPORT_MAX => filter.before_seq = Some(seq),
            _ => break,
        }
    }
    let action = if login_only {
        "export.login_log"
    } else {
        "export.audit_log"
    };
    let filter =
        serde_json::json!({ "actor": q.actor, "action": q.action, "from": q.from, "to": q.to });
    let t = |k| ctx.ui.t(k);
    let head = [
        "seq",
        t("time"),
        t("actor"),
        "IP",
        t("action"),
        t("target"),
        t("outcome"),
        t("detail"),
    ];
    let name = if login_only {
        "login-log.csv"
    } else {
        "audit-log.csv"
    };
    let rows = rows
        .into_iter()
        .map(|r| {
            vec![
                r.seq.to_string(),
                r.at,
                r.actor,
                r.ip,
                r.action,
                r.target,
                r.outcome,
                r.detail,
            ]
        })
        .collect();
    let bytes = zonegov_app::exports::csv(
        state.store.as_ref(),
        ctx.me_name(),
        &ip.0,
        zonegov_app::exports::Export {
            action,
            target: "audit_log",
            filter,
            header: &head,
            rows,
        },
    )
    .await;
    Ok(csv_download(name, bytes))
}

pub async fn audit_csv(
    ctx: Ctx,
    ip: ClientIp,
    State(state): State<AppState>,
    TypedQuery(q): TypedQuery<AuditQuery>,
) -> Result<Response, PageError> {
    export(ctx, q, ip, state, false).await
}

pub async fn logins_csv(
    ctx: Ctx,
    ip: ClientIp,
    State(state): State<AppState>,
    TypedQuery(q): TypedQuery<AuditQuery>,
) -> Result<Response, PageError> {
    export(ctx, q, ip, state, true).await
}
