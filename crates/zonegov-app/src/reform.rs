//! Reforms as operations, for the CLI and the web alike: preview (a dry run that
//! writes nothing) and apply (one transaction through the store, audited with
//! before and after, each operation family under its own permission, and refused
//! when another change landed on a touched record since the editor's preview).

use crate::audit::Recorder;
use serde::{Deserialize, Serialize};
use zonegov_domain::auth::Perm;
use zonegov_domain::auth::permission::REFORM_PREVIEW;
use zonegov_domain::kinds::KINDS;
use zonegov_domain::reform::{Plan, Reform, Refusals, Successor, plan};
use zonegov_domain::{
    Code, EntityKind, HistoryParts, Institution, NaiveDate, Park, Record, RecordSet, ZoneHistory,
};
use zonegov_store::{Store, StoreError, VersionEnd, VersionQuery};

/// One version the editor saw when previewing: the optimistic-concurrency token.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct SeenVersion {
    pub kind: String,
    pub code: Code,
    pub from: NaiveDate,
    pub change: Code,
}

/// Every version a reform ends, as the preview found them; an apply carries it
/// back (a form's hidden field) and is refused if any of them moved since.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Seen(pub Vec<SeenVersion>);

impl Seen {
    /// Compact text for a form field: `kind:code:from:change;…`.
    pub fn encode(&self) -> String {
        self.0
            .iter()
            .map(|s| format!("{}:{}:{}:{}", s.kind, s.code, s.from, s.change))
            .collect::<Vec<_>>()
            .join(";")
    }

    pub fn parse(text: &str) -> Option<Self> {
        let mut out = Vec::new();
        for part in text.split(';').filter(|p| !p.is_empty()) {
            let mut f = part.split(':');
            let (kind, code, from, change) = (f.next()?, f.next()?, f.next()?, f.next()?);
            EntityKind::parse(kind)?;
            out.push(SeenVersion {
                kind: kind.to_owned(),
                code: Code::parse(code).ok()?,
                from: from.parse().ok()?,
                change: Code::parse(change).ok()?,
            });
        }
        Some(Seen(out))
    }
}

/// A user whose body or park the reform ends: moved to the one successor, or
/// flagged for an administrator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UserChange {
    pub id: i64,
    pub username: String,
    /// `institution` or `park`.
    pub field: &'static str,
    pub from: Code,
    pub to: Option<Code>,
    pub flag: Option<String>,
}

/// The dry run: the plan, the users that follow, and what the editor saw.
#[derive(Debug, Clone)]
pub struct Preview {
    pub plan: Plan,
    pub users: Vec<UserChange>,
    pub seen: Seen,
}

#[derive(Debug, thiserror::Error)]
pub enum ReformError {
    #[error("改革方案不能执行 / the reform is refused:\n{0}")]
    Refused(Refusals),
    #[error("缺少权限 {0} / permission {0} is needed")]
    Forbidden(&'static str),
    /// Another change landed on a record the editor saw: nothing was written.
    #[error(
        "{kind} {code} 已被变更 {now} 修改(预览时为 {seen}),请重新预览;未写入任何内容 / {kind} {code} was changed by {now} since the preview (you saw {seen}): preview again; nothing was written"
    )]
    Stale {
        kind: String,
        code: Code,
        seen: String,
        now: String,
    },
    #[error("尚未载入园区数据 / no zone is loaded")]
    NoZone,
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Plans `reform` on the stored history and the stored dependents of every kind
/// the history does not hold (read only when the reform moves dependents).
pub async fn preview(
    store: &dyn Store,
    reform: &Reform,
    actor: &str,
) -> Result<Preview, ReformError> {
    let history = zonegov_store::history(store)
        .await?
        .ok_or(ReformError::NoZone)?;
    let dependents = if reform.moves_dependents() {
        non_resident_on(store, reform.effective).await?
    } else {
        RecordSet::default()
    };
    let plan = plan(&history, &dependents, reform, actor).map_err(ReformError::Refused)?;
    let users = user_changes(store, &plan).await?;
    let mut seen: Vec<SeenVersion> = plan
        .ends
        .iter()
        .map(|e| SeenVersion {
            kind: e.kind.code().to_owned(),
            code: e.code.clone(),
            from: e.from,
            change: e.change.clone(),
        })
        .collect();
    seen.sort();
    Ok(Preview {
        plan,
        users,
        seen: Seen(seen),
    })
}

/// The versions of every non-resident kind valid on `day`, as a [`RecordSet`].
async fn non_resident_on(store: &dyn Store, day: NaiveDate) -> Result<RecordSet, StoreError> {
    let mut set = RecordSet::default();
    for spec in KINDS.iter().filter(|s| !s.resident) {
        let rows = store
            .records()
            .versions(&VersionQuery {
                as_of: Some(day),
                ..VersionQuery::all_of(spec.kind)
            })
            .await?;
        let Some(list) = set.get_or_insert(spec.kind) else {
            continue;
        };
        for row in rows {
            list.push_json(
                row.code.clone(),
                row.period,
                row.change,
                &row.attrs.to_string(),
            )
            .map_err(|e| StoreError::Corrupt(format!("{} {}: attrs: {e}", spec.kind, row.code)))?;
        }
    }
    Ok(set)
}

/// Users whose body or park the reform ends, and where they go.
async fn user_changes(store: &dyn Store, plan: &Plan) -> Result<Vec<UserChange>, StoreError> {
    let mut out = Vec::new();
    for u in store.accounts().users().await? {
        let targets = [
            ("institution", Institution::KIND, Some(&u.institution)),
            ("park", Park::KIND, u.park.as_ref()),
        ];
        for (field, kind, code) in targets {
            let Some(code) = code else { continue };
            let Some((to, flag)) = successor_of(plan, kind, code) else {
                continue;
            };
            out.push(UserChange {
                id: u.id,
                username: u.username.to_string(),
                field,
                from: code.clone(),
                to,
                flag,
            });
        }
    }
    Ok(out)
}

/// Where a user of `code` goes: `None` when the reform leaves it alone.
fn successor_of(
    plan: &Plan,
    kind: EntityKind,
    code: &Code,
) -> Option<(Option<Code>, Option<String>)> {
    let mut cur = code.clone();
    let mut moved = false;
    for _ in 0..=plan.successors.len() {
        match plan.successors.get(&(kind, cur.clone())) {
            None => break,
            Some(Successor::One { code }) => {
                cur = code.clone();
                moved = true;
            }
            Some(Successor::Split { into, ends }) => {
                if !ends && !moved {
                    return None;
                }
                let list: Vec<&str> = into.iter().map(Code::as_str).collect();
                let list = list.join("、");
                return Some((
                    None,
                    Some(format!(
                        "{kind} {cur} 已拆分为 {list},请选择 / {kind} {cur} was split into {list}: choose one"
                    )),
                ));
            }
            Some(Successor::Gone) => {
                return Some((
                    None,
                    Some(format!(
                        "{kind} {cur} 已撤销且无承接单位,请调整 / {kind} {cur} was abolished with no successor: reassign"
                    )),
                ));
            }
        }
    }
    moved.then_some((Some(cur), None))
}

/// What an apply wrote.
#[derive(Debug, Clone, Serialize)]
pub struct Applied {
    pub change: Code,
    pub versions: usize,
    pub ended: usize,
    pub lineage: usize,
    pub moved: usize,
    pub flagged: usize,
    pub users: usize,
}

/// Applies `reform` as `actor` (from `ip`): every family's permission must be in
/// `granted`; `seen`, when given, must still be what the store holds; then one
/// transaction writes the change set, the new and ended versions and the lineage,
/// and the users follow. Any refusal writes nothing but the audit entry saying so.
pub async fn apply(
    store: &dyn Store,
    reform: &Reform,
    actor: &str,
    ip: &str,
    granted: &(dyn Fn(Perm) -> bool + Sync),
    seen: Option<&Seen>,
) -> Result<Applied, ReformError> {
    let audit = Recorder::new(store, actor, ip);
    let target = format!("reform:{}", reform.id);
    if !granted(REFORM_PREVIEW) {
        audit
            .denied(
                "reform.apply",
                &target,
                serde_json::json!({ "needs": REFORM_PREVIEW.code() }),
            )
            .await;
        return Err(ReformError::Forbidden(REFORM_PREVIEW.code()));
    }
    for family in reform.families() {
        let perm = family.perm();
        if !granted(perm) {
            audit
                .denied(
                    "reform.apply",
                    &target,
                    serde_json::json!({ "needs": perm.code() }),
                )
                .await;
            return Err(ReformError::Forbidden(perm.code()));
        }
    }
    if let Some(seen) = seen
        && let Err(e) = check_seen(store, reform.effective, seen).await
    {
        audit
            .failed(
                "reform.apply",
                &target,
                serde_json::json!({ "error": e.to_string() }),
            )
            .await;
        return Err(e);
    }
    let preview = match preview(store, reform, actor).await {
        Ok(p) => p,
        Err(e) => {
            audit
                .failed(
                    "reform.apply",
                    &target,
                    serde_json::json!({ "error": e.to_string() }),
                )
                .await;
            return Err(e);
        }
    };
    let plan = &preview.plan;
    let Some(parts) = store.records().history_parts().await? else {
        return Err(ReformError::NoZone);
    };
    let write = HistoryParts {
        zone: parts.zone,
        categories: Vec::new(),
        changes: vec![plan.change.clone()],
        records: plan.versions.clone(),
        lineage: plan.lineage.clone(),
    };
    let ends: Vec<VersionEnd> = plan
        .ends
        .iter()
        .map(|e| VersionEnd {
            kind: e.kind,
            code: e.code.clone(),
            from: e.from,
            to: reform.effective,
            change: reform.id.clone(),
        })
        .collect();
    let summary = match store.records().load_ending(&write, &ends).await {
        Ok(s) => s,
        Err(StoreError::Conflict(m)) => {
            audit
                .failed("reform.apply", &target, serde_json::json!({ "error": m }))
                .await;
            return Err(ReformError::Store(StoreError::Conflict(m)));
        }
        Err(e) => return Err(e.into()),
    };
    for u in &preview.users {
        let result = match u.field {
            "park" => {
                store
                    .accounts()
                    .set_user_park(u.id, u.to.as_ref().or(Some(&u.from)), u.flag.as_deref())
                    .await
            }
            _ => {
                store
                    .accounts()
                    .set_user_body(u.id, u.to.as_ref().unwrap_or(&u.from), u.flag.as_deref())
                    .await
            }
        };
        result?;
        Recorder::new(store, "system", ip)
            .ok(
                if u.flag.is_some() {
                    "user.flag"
                } else {
                    "user.follow_reform"
                },
                &format!("user:{}", u.username),
                serde_json::json!({
                    "reform": reform.id,
                    "before": { u.field: u.from },
                    "after": { u.field: u.to, "flag": u.flag },
                }),
            )
            .await;
    }
    // One entry per flag, each small enough never to be cut (`AuditDraft::bounded`
    // cuts the apply's own entry when a reform moves thousands of records): the
    // work queue (`reform_queue`) reads them back.
    for f in &plan.flagged {
        audit
            .ok(
                crate::reform_queue::FLAG_ACTION,
                &format!("{}:{}", f.kind, f.code),
                serde_json::json!({
                    "reform": reform.id,
                    "doc_no": reform.doc_no,
                    "effective": reform.effective,
                    "kind": f.kind,
                    "code": f.code,
                    "name": f.name,
                    "reason": f.reason,
                }),
            )
            .await;
    }
    audit
        .ok("reform.apply", &target, audit_detail(reform, &preview))
        .await;
    Ok(Applied {
        change: reform.id.clone(),
        versions: summary.versions,
        ended: ends.len(),
        lineage: summary.lineage,
        moved: plan.counts().values().map(|c| c.moved).sum(),
        flagged: plan.flagged.len(),
        users: preview.users.len(),
    })
}

/// Refuses with the first record whose current version on `day` is not the one
/// the editor saw.
async fn check_seen(store: &dyn Store, day: NaiveDate, seen: &Seen) -> Result<(), ReformError> {
    for s in &seen.0 {
        let Some(kind) = EntityKind::parse(&s.kind) else {
            continue;
        };
        let now = store
            .records()
            .versions(&VersionQuery {
                code: Some(&s.code),
                as_of: Some(day),
                ..VersionQuery::all_of(kind)
            })
            .await?;
        let current = now.first().map(|v| (v.period.from(), v.change.clone()));
        if current != Some((s.from, s.change.clone())) {
            return Err(ReformError::Stale {
                kind: s.kind.clone(),
                code: s.code.clone(),
                seen: format!("{} ({})", s.change, s.from),
                now: current.map_or_else(
                    || "—".to_owned(),
                    |(from, change)| format!("{change} ({from})"),
                ),
            });
        }
    }
    Ok(())
}

/// The preview's counts by kind, as JSON keyed by kind code.
pub fn counts_json(plan: &Plan) -> serde_json::Value {
    plan.counts()
        .into_iter()
        .map(|(k, c)| {
            (
                k.code().to_owned(),
                serde_json::to_value(c).unwrap_or_default(),
            )
        })
        .collect::<serde_json::Map<_, _>>()
        .into()
}

/// The audit entry of an apply: the decision, the counts by kind, and for each
/// body and park the reform wrote, its version before and after.
fn audit_detail(reform: &Reform, preview: &Preview) -> serde_json::Value {
    let plan = &preview.plan;
    let mut records = Vec::new();
    for (kind, versions) in plan.versions.iter() {
        if kind != Institution::KIND && kind != Park::KIND {
            continue;
        }
        for v in versions.to_stored().unwrap_or_default() {
            records
                .push(serde_json::json!({ "kind": kind.code(), "code": v.code, "after": v.attrs }));
        }
    }
    let ended: Vec<serde_json::Value> = plan
        .ends
        .iter()
        .filter(|e| e.kind == Institution::KIND || e.kind == Park::KIND)
        .map(|e| serde_json::json!({ "kind": e.kind.code(), "code": e.code, "before": { "from": e.from, "change": e.change } }))
        .collect();
    serde_json::json!({
        "doc_no": reform.doc_no,
        "effective": reform.effective,
        "operations": reform.operations.iter().map(|o| o.name()).collect::<Vec<_>>(),
        "counts": counts_json(plan),
        "ledger": plan.ledger,
        "ended": ended,
        "written": records,
        "moved": plan.moved.iter().map(|m| format!("{} {} {}: {} → {}", m.kind, m.code, m.field, m.from, m.to)).collect::<Vec<_>>(),
        "flagged": plan.flagged.iter().map(|f| format!("{} {}", f.kind, f.code)).collect::<Vec<_>>(),
        "users": preview.users,
    })
}

/// The history after `preview`'s plan, for callers that show the result.
pub fn after(history: &ZoneHistory, preview: &Preview) -> Option<ZoneHistory> {
    preview.plan.apply_to(history).ok()
}
