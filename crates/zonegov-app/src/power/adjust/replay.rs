//! Replays a file of adjustments (`data/demo/power_adjustments.toml`) through the
//! real procedure — draft, every step under its role, publication — so the demo's
//! history shows the steps as staff would have taken them. Every item code the file
//! names is checked against the list before anything is written; a missing code
//! fails the replay naming the adjustment and the code.

use super::{Actor, AdjustAppError, Adjuster, DraftInput};
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use zonegov_domain::auth::{Permission, Visible};
use zonegov_domain::power::adjustment::{Kind, ProposedItem, Trigger};
use zonegov_domain::{Code, NaiveDate, PowerItem, Provenance, Source};
use zonegov_store::Store;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    adjustment: Vec<Entry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    title: String,
    kind: String,
    trigger: String,
    trigger_date: NaiveDate,
    body: String,
    /// Who drafts it (a user name) and under which built-in role.
    drafted_by: String,
    role: String,
    /// Provenance of what publication writes (`illustrative` in the demo).
    source: String,
    #[serde(default)]
    basis: String,
    items: Vec<ItemEntry>,
    steps: Vec<StepEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ItemEntry {
    code: String,
    /// For a change: the fields that change, applied to the item on the list.
    #[serde(default)]
    set: BTreeMap<String, String>,
    /// For an add or a take-over: the whole item.
    #[serde(default)]
    item: Option<PowerItem>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct StepEntry {
    /// submit, pass, reject, revise, publish.
    action: String,
    by: String,
    role: String,
    day: NaiveDate,
    #[serde(default)]
    notes: String,
    #[serde(default)]
    doc_no: String,
    #[serde(default)]
    effective: Option<NaiveDate>,
}

#[derive(Debug, thiserror::Error)]
pub enum ReplayError {
    #[error("{file}: {message} / 调整文件格式错误：{message}")]
    Parse { file: String, message: String },
    #[error("adjustment {index} ({title}): {message} / 第 {index} 项调整（{title}）：{message}")]
    Entry {
        index: usize,
        title: String,
        message: String,
    },
    #[error(
        "adjustment {index} ({title}): item {code} is not on the list / 第 {index} 项调整（{title}）：清单中没有事项 {code}"
    )]
    MissingCode {
        index: usize,
        title: String,
        code: String,
    },
    #[error(
        "adjustment {index} ({title}), step {step}: {source} / 第 {index} 项调整第 {step} 步失败"
    )]
    Step {
        index: usize,
        title: String,
        step: usize,
        source: AdjustAppError,
    },
    #[error(transparent)]
    Store(#[from] zonegov_store::StoreError),
}

fn role_perms(role: &str) -> Option<BTreeSet<Permission>> {
    crate::accounts::builtin_roles()
        .into_iter()
        .find(|r| r.code.as_str() == role)
        .map(|r| r.permissions)
}

/// Applies `set` (name_zh, name_en, sub_item, body, handling_unit, level, remarks)
/// to an item; an unknown field is an error naming it.
fn apply_set(item: &mut PowerItem, set: &BTreeMap<String, String>) -> Result<(), String> {
    for (k, v) in set {
        match k.as_str() {
            "name_zh" => item.name.zh = v.clone(),
            "name_en" => item.name.en = v.clone(),
            "sub_item" => item.sub_item = Some(v.clone()),
            "body" => item.body = Code::parse(v).map_err(|e| format!("set.body: {e}"))?,
            "handling_unit" => item.handling_unit = Some(v.clone()),
            "level" => item.level = Some(v.clone()),
            "remarks" => item.remarks = Some(v.clone()),
            other => return Err(format!("set.{other}: not a field that can be set here")),
        }
    }
    Ok(())
}

/// Replays `text` (the file's content; `file` names it in errors). Returns the ids
/// of the adjustments created, in file order.
pub async fn replay(adj: &Adjuster<'_>, text: &str, file: &str) -> Result<Vec<i64>, ReplayError> {
    let parsed: File = toml::from_str(text).map_err(|e| ReplayError::Parse {
        file: file.to_owned(),
        message: e.to_string(),
    })?;
    let store: &dyn Store = adj.store;
    let everything = Visible::everything();
    // Every code first: nothing is written when one is missing.
    let mut drafts = Vec::new();
    for (i, e) in parsed.adjustment.iter().enumerate() {
        let index = i + 1;
        let bad = |message: String| ReplayError::Entry {
            index,
            title: e.title.clone(),
            message,
        };
        let kind = Kind::parse(&e.kind).map_err(|x| bad(x.to_string()))?;
        let mut proposed = Vec::new();
        for it in &e.items {
            let code = Code::parse(&it.code).map_err(|x| bad(x.to_string()))?;
            let versions =
                zonegov_store::versions_of::<PowerItem>(store.records(), &code, &everything)
                    .await?;
            let current = versions.iter().rfind(|v| v.period.contains(e.trigger_date));
            let item = if kind.writes_item() && !kind.needs_current() {
                Some(it.item.clone().ok_or_else(|| {
                    bad(format!(
                        "{}: an {} needs the whole item",
                        it.code,
                        kind.code()
                    ))
                })?)
            } else {
                let Some(cur) = current else {
                    return Err(ReplayError::MissingCode {
                        index,
                        title: e.title.clone(),
                        code: it.code.clone(),
                    });
                };
                if kind.writes_item() {
                    let mut item = cur.attrs.clone();
                    apply_set(&mut item, &it.set).map_err(&bad)?;
                    Some(item)
                } else {
                    None
                }
            };
            proposed.push(ProposedItem { code, item });
        }
        drafts.push((kind, proposed));
    }
    let mut ids = Vec::new();
    for (i, (e, (kind, proposed))) in parsed.adjustment.iter().zip(drafts).enumerate() {
        let index = i + 1;
        let bad = |message: String| ReplayError::Entry {
            index,
            title: e.title.clone(),
            message,
        };
        let trigger = Trigger::parse(&e.trigger).map_err(|x| bad(x.to_string()))?;
        let body = Code::parse(&e.body).map_err(|x| bad(x.to_string()))?;
        let source = Source::parse(&e.source).map_err(|x| bad(x.to_string()))?;
        let provenance = Provenance {
            source,
            basis: e.basis.clone(),
            facts: vec![],
        };
        let perms = role_perms(&e.role).ok_or_else(|| bad(format!("unknown role {}", e.role)))?;
        let drafter = Actor {
            username: &e.drafted_by,
            ip: "replay",
            permissions: &perms,
            visible: &everything,
        };
        let step_err = |step: usize| {
            move |source: AdjustAppError| ReplayError::Step {
                index,
                title: e.title.clone(),
                step,
                source,
            }
        };
        let id = adj
            .draft(
                &drafter,
                DraftInput {
                    kind,
                    trigger,
                    trigger_date: e.trigger_date,
                    body,
                    title: e.title.clone(),
                    draft: proposed,
                },
            )
            .await
            .map_err(step_err(0))?;
        for (j, s) in e.steps.iter().enumerate() {
            let perms = role_perms(&s.role)
                .ok_or_else(|| bad(format!("step {}: unknown role {}", j + 1, s.role)))?;
            let who = Actor {
                username: &s.by,
                ip: "replay",
                permissions: &perms,
                visible: &everything,
            };
            let at = step_err(j + 1);
            match s.action.as_str() {
                "submit" => adj.submit(&who, id, s.day).await.map(drop),
                "pass" => {
                    let status = adj.get(&who, id).await.map_err(step_err(j + 1))?.status;
                    adj.pass(&who, id, status, &s.notes, s.day).await.map(drop)
                }
                "reject" => adj.reject(&who, id, &s.notes, s.day).await.map(drop),
                "publish" => {
                    let effective = s
                        .effective
                        .ok_or_else(|| bad(format!("step {}: publish needs effective", j + 1)))?;
                    adj.publish(&who, id, &s.doc_no, effective, s.day, provenance.clone())
                        .await
                        .map(drop)
                }
                other => return Err(bad(format!("step {}: unknown action {other}", j + 1))),
            }
            .map_err(at)?;
        }
        ids.push(id);
    }
    Ok(ids)
}

/// Replays the file at `path` with the default procedure and the national calendar.
pub async fn replay_demo(
    store: &dyn Store,
    path: &std::path::Path,
) -> Result<Vec<i64>, ReplayError> {
    let text = std::fs::read_to_string(path).map_err(|e| ReplayError::Parse {
        file: path.display().to_string(),
        message: e.to_string(),
    })?;
    let config = zonegov_domain::power::adjustment::AdjustConfig::default();
    let calendar = super::calendar::national().map_err(|e| ReplayError::Parse {
        file: "cn-holidays.csv".into(),
        message: e.to_string(),
    })?;
    let adj = Adjuster::new(store, &config, &calendar);
    replay(&adj, &text, &path.display().to_string()).await
}
