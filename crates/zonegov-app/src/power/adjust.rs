//! Dynamic adjustment of the power list (动态调整), the use cases: draft, submit,
//! the two reviews, approval, rejection, publication, the work queue, the reform
//! orphans turned into system drafts, and an item's history with a field diff.
//!
//! Each use case checks the actor's permission for the step (from
//! [`AdjustConfig::step_perm`]) and data scope (the drafting body must be visible),
//! dates the step with the working day it is taken on, and writes an audit entry
//! with the status before and after. Only [`Adjuster::publish`] changes the list.

pub mod calendar;
pub mod replay;

pub use replay::replay_demo;

use crate::audit::Recorder;
use serde_json::json;
use std::collections::BTreeSet;
use zonegov_domain::auth::{Perm, Permission, Visible};
use zonegov_domain::diff::{FieldChange, diff_timeline};
use zonegov_domain::power::adjustment::{
    Action, AdjustConfig, AdjustError, Adjustment, Deadline, Kind, NewAdjustment, ProposedItem,
    Status, StepRecord, Trigger, deadline,
};
use zonegov_domain::power::orphans::{Orphan, Proposal, find_orphans};
use zonegov_domain::power::publish_check::{Publication, PublishFailure, check_publication};
use zonegov_domain::workday::WorkCalendar;
use zonegov_domain::{
    ChangeSet, Code, HistoryParts, NaiveDate, Name, Period, PowerItem, Provenance, Record,
    RecordSet, Timeline, Version,
};
use zonegov_store::{AdjustmentFilter, LoadSummary, Store, StoreError, VersionEnd};

/// Who acts: name and address for the trail, permissions and data scope for the checks.
pub struct Actor<'a> {
    pub username: &'a str,
    pub ip: &'a str,
    pub permissions: &'a BTreeSet<Permission>,
    pub visible: &'a Visible,
}

impl Actor<'_> {
    pub fn has(&self, p: Perm) -> bool {
        self.permissions.iter().any(|q| q.is(p))
    }

    fn sees(&self, body: &Code) -> bool {
        self.visible.institution(body)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum AdjustAppError {
    #[error("permission {0} is required / 需要权限 {0}")]
    Denied(Perm),
    /// Unknown, or outside the actor's data scope: the two are not told apart.
    #[error("adjustment {0} not found / 未找到调整 {0}")]
    NotFound(i64),
    #[error(transparent)]
    Procedure(#[from] AdjustError),
    #[error("{0}")]
    Invalid(String),
    /// Publication refused: every broken invariant, named.
    #[error("publication refused / 公布未通过校验: {}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))]
    Publication(Vec<PublishFailure>),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// What a department drafts.
#[derive(Debug, Clone)]
pub struct DraftInput {
    pub kind: Kind,
    pub trigger: Trigger,
    pub trigger_date: NaiveDate,
    pub body: Code,
    pub title: String,
    pub draft: Vec<ProposedItem>,
}

/// One line of a work queue: the adjustment and the deadline of the step it waits at.
#[derive(Debug, Clone, serde::Serialize)]
pub struct QueueEntry {
    pub adjustment: Adjustment,
    pub deadline: Option<Deadline>,
}

/// The procedure's configuration and calendar, with the store it runs on.
pub struct Adjuster<'a> {
    pub store: &'a dyn Store,
    pub config: &'a AdjustConfig,
    pub calendar: &'a WorkCalendar,
}

/// Checks the shape of a draft against its kind: every proposal names a code;
/// add/change/take over carry the item, cancel/delegate down do not.
fn check_draft(kind: Kind, draft: &[ProposedItem]) -> Result<(), AdjustAppError> {
    if draft.is_empty() {
        return Err(AdjustAppError::Invalid(
            "an adjustment proposes at least one item / 调整至少涉及一个事项".into(),
        ));
    }
    for p in draft {
        match (kind.writes_item(), p.item.is_some()) {
            (true, false) => {
                return Err(AdjustAppError::Invalid(format!(
                    "{}: a {} needs the item as it will read / {}：{}须填写调整后的事项",
                    p.code,
                    kind.code(),
                    p.code,
                    kind.label(zonegov_domain::Lang::Zh)
                )));
            }
            (false, true) => {
                return Err(AdjustAppError::Invalid(format!(
                    "{}: a {} only ends the item; leave the item out / {}：{}只终止事项，无需填写事项内容",
                    p.code,
                    kind.code(),
                    p.code,
                    kind.label(zonegov_domain::Lang::Zh)
                )));
            }
            _ => {}
        }
    }
    let codes: BTreeSet<&Code> = draft.iter().map(|p| &p.code).collect();
    if codes.len() != draft.len() {
        return Err(AdjustAppError::Invalid(
            "an item is proposed twice / 同一事项重复出现".into(),
        ));
    }
    Ok(())
}

impl<'a> Adjuster<'a> {
    pub fn new(store: &'a dyn Store, config: &'a AdjustConfig, calendar: &'a WorkCalendar) -> Self {
        Self {
            store,
            config,
            calendar,
        }
    }

    fn require(&self, actor: &Actor<'_>, status: Status) -> Result<Perm, AdjustAppError> {
        let perm = self
            .config
            .perm_for(status)
            .ok_or(AdjustError::NotAllowed {
                action: "act",
                status: status.code(),
                status_zh: status.label(zonegov_domain::Lang::Zh),
            })?;
        if actor.has(perm) {
            Ok(perm)
        } else {
            Err(AdjustAppError::Denied(perm))
        }
    }

    /// One adjustment, if the actor's scope shows its drafting body.
    pub async fn get(&self, actor: &Actor<'_>, id: i64) -> Result<Adjustment, AdjustAppError> {
        match self.store.adjustments().adjustment(id).await? {
            Some(a) if actor.sees(&a.body) => Ok(a),
            _ => Err(AdjustAppError::NotFound(id)),
        }
    }

    /// The steps taken on an adjustment, oldest first.
    pub async fn steps(
        &self,
        actor: &Actor<'_>,
        id: i64,
    ) -> Result<Vec<StepRecord>, AdjustAppError> {
        self.get(actor, id).await?;
        Ok(self.store.adjustments().adjustment_steps(id).await?)
    }

    /// The deadline of the step an adjustment waits at, seen on `today`.
    pub fn deadline_of(&self, a: &Adjustment, today: NaiveDate) -> Option<Deadline> {
        deadline(self.config, self.calendar, a.status, a.stage_since, today)
    }

    /// The actions `actor` may take on `a` now (for buttons).
    pub fn actions_for(&self, actor: &Actor<'_>, a: &Adjustment) -> Vec<&'static str> {
        let may = self.config.perm_for(a.status).is_some_and(|p| actor.has(p));
        if !may || !actor.sees(&a.body) {
            return vec![];
        }
        match a.status {
            Status::Draft => vec!["submit", "withdraw"],
            Status::LegalReview | Status::StaffingReview | Status::Approval => {
                vec!["pass", "reject"]
            }
            Status::Publication => vec!["publish"],
            Status::Published | Status::Withdrawn => vec![],
        }
    }

    /// 起草: a department drafts an adjustment of its own list (or, with a wider
    /// scope, of a body it sees).
    pub async fn draft(&self, actor: &Actor<'_>, input: DraftInput) -> Result<i64, AdjustAppError> {
        self.require(actor, Status::Draft)?;
        if !actor.sees(&input.body) {
            return Err(AdjustAppError::Invalid(format!(
                "body {} is outside your data scope / 实施主体 {} 不在您的数据范围内",
                input.body, input.body
            )));
        }
        if input.title.trim().is_empty() {
            return Err(AdjustAppError::Invalid(
                "an adjustment needs a title / 调整须填写标题".into(),
            ));
        }
        check_draft(input.kind, &input.draft)?;
        let new = NewAdjustment {
            kind: input.kind,
            trigger: input.trigger,
            trigger_date: input.trigger_date,
            body: input.body,
            title: input.title,
            drafted_by: actor.username.to_owned(),
            by_system: false,
            draft: input.draft,
        };
        let id = self.store.adjustments().create_adjustment(&new).await?;
        Recorder::new(self.store, actor.username, actor.ip)
            .ok(
                "adjust.draft",
                &format!("adjustment/{id}"),
                json!({"before": null, "after": {"status": Status::Draft.code(), "kind": new.kind.code(), "trigger": new.trigger.code(), "body": new.body, "draft": new.draft}}),
            )
            .await;
        Ok(id)
    }

    /// Replaces the proposal of a draft (also one returned by a rejection).
    pub async fn revise(
        &self,
        actor: &Actor<'_>,
        id: i64,
        draft: Vec<ProposedItem>,
        day: NaiveDate,
    ) -> Result<(), AdjustAppError> {
        let a = self.get(actor, id).await?;
        let perm = self.require(actor, Status::Draft)?;
        if a.status != Status::Draft {
            return Err(AdjustError::NotAllowed {
                action: "revise",
                status: a.status.code(),
                status_zh: a.status.label(zonegov_domain::Lang::Zh),
            }
            .into());
        }
        check_draft(a.kind, &draft)?;
        // Recorded as a step that keeps the status, so the history shows the revision.
        let step = self.step(&a, perm, actor, "revise", String::new(), day);
        self.store
            .adjustments()
            .advance_adjustment(id, Status::Draft, Status::Draft, &step, Some(&draft))
            .await?;
        Recorder::new(self.store, actor.username, actor.ip)
            .ok(
                "adjust.revise",
                &format!("adjustment/{id}"),
                json!({"before": {"draft": a.draft}, "after": {"draft": draft}}),
            )
            .await;
        Ok(())
    }

    fn step(
        &self,
        a: &Adjustment,
        perm: Perm,
        actor: &Actor<'_>,
        decision: &str,
        notes: String,
        day: NaiveDate,
    ) -> StepRecord {
        StepRecord {
            step: a.status,
            role: perm.code().to_owned(),
            actor: actor.username.to_owned(),
            decision: decision.to_owned(),
            notes,
            day,
            due: self.deadline_of(a, day).and_then(|d| d.due),
            acted_at: None,
        }
    }

    /// 申请: the department submits its draft for legal review.
    pub async fn submit(
        &self,
        actor: &Actor<'_>,
        id: i64,
        day: NaiveDate,
    ) -> Result<Status, AdjustAppError> {
        self.act(actor, id, Action::Submit, day, None).await
    }

    /// The reviewer or approver at the adjustment's current step agrees: 合法性审查,
    /// 编办审核 or 政府审批, whichever it waits at (the permission decides who may).
    /// `expected` guards against acting on a step other than the one the actor saw.
    pub async fn pass(
        &self,
        actor: &Actor<'_>,
        id: i64,
        expected: Status,
        notes: &str,
        day: NaiveDate,
    ) -> Result<Status, AdjustAppError> {
        let a = self.get(actor, id).await?;
        if a.status != expected {
            return Err(AdjustError::NotAllowed {
                action: "pass",
                status: a.status.code(),
                status_zh: a.status.label(zonegov_domain::Lang::Zh),
            }
            .into());
        }
        self.act(actor, id, Action::Pass, day, Some(notes)).await
    }

    /// 合法性审查 passed.
    pub async fn legal_review(
        &self,
        actor: &Actor<'_>,
        id: i64,
        notes: &str,
        day: NaiveDate,
    ) -> Result<Status, AdjustAppError> {
        self.pass(actor, id, Status::LegalReview, notes, day).await
    }

    /// 编办审核 passed.
    pub async fn staffing_review(
        &self,
        actor: &Actor<'_>,
        id: i64,
        notes: &str,
        day: NaiveDate,
    ) -> Result<Status, AdjustAppError> {
        self.pass(actor, id, Status::StaffingReview, notes, day)
            .await
    }

    /// 政府审批 given.
    pub async fn approve(
        &self,
        actor: &Actor<'_>,
        id: i64,
        notes: &str,
        day: NaiveDate,
    ) -> Result<Status, AdjustAppError> {
        self.pass(actor, id, Status::Approval, notes, day).await
    }

    /// 退回: back to the drafting department, with the reason (required).
    pub async fn reject(
        &self,
        actor: &Actor<'_>,
        id: i64,
        reason: &str,
        day: NaiveDate,
    ) -> Result<Status, AdjustAppError> {
        self.act(
            actor,
            id,
            Action::Reject {
                reason: reason.to_owned(),
            },
            day,
            None,
        )
        .await
    }

    /// 撤回: the department gives up a draft.
    pub async fn withdraw(
        &self,
        actor: &Actor<'_>,
        id: i64,
        day: NaiveDate,
    ) -> Result<Status, AdjustAppError> {
        self.act(actor, id, Action::Withdraw, day, None).await
    }

    /// The non-publishing steps: check scope, permission and the transition, then
    /// record the step and move the status in one write, and audit.
    async fn act(
        &self,
        actor: &Actor<'_>,
        id: i64,
        action: Action,
        day: NaiveDate,
        notes: Option<&str>,
    ) -> Result<Status, AdjustAppError> {
        let a = self.get(actor, id).await?;
        let rec = Recorder::new(self.store, actor.username, actor.ip);
        let target = format!("adjustment/{id}");
        let perm = match self.require(actor, a.status) {
            Ok(p) => p,
            Err(e) => {
                rec.denied(
                    &format!("adjust.{}", action.code()),
                    &target,
                    json!({"status": a.status.code()}),
                )
                .await;
                return Err(e);
            }
        };
        let to = self.config.transition(a.kind, a.status, &action)?;
        if let Action::Publish { .. } = action {
            return Err(AdjustAppError::Invalid(
                "publication goes through publish() / 公布须通过公布操作".into(),
            ));
        }
        let notes = match &action {
            Action::Reject { reason } => reason.trim().to_owned(),
            _ => notes.unwrap_or_default().trim().to_owned(),
        };
        let step = self.step(&a, perm, actor, action.code(), notes.clone(), day);
        self.store
            .adjustments()
            .advance_adjustment(id, a.status, to, &step, None)
            .await?;
        rec.ok(
            &format!("adjust.{}", action.code()),
            &target,
            json!({"before": {"status": a.status.code()}, "after": {"status": to.code()}, "notes": notes, "day": day, "due": step.due}),
        )
        .await;
        Ok(to)
    }

    /// 公布: checks every invariant and, when all hold, writes the change set, the
    /// new versions and the ends of the replaced ones, the step and the status in
    /// one transaction. A failing publication writes nothing and names every
    /// failure.
    pub async fn publish(
        &self,
        actor: &Actor<'_>,
        id: i64,
        doc_no: &str,
        effective: NaiveDate,
        day: NaiveDate,
        provenance: Provenance,
    ) -> Result<LoadSummary, AdjustAppError> {
        let a = self.get(actor, id).await?;
        let rec = Recorder::new(self.store, actor.username, actor.ip);
        let target = format!("adjustment/{id}");
        let perm = match self.require(actor, a.status) {
            Ok(p) => p,
            Err(e) => {
                rec.denied(
                    "adjust.publish",
                    &target,
                    json!({"status": a.status.code()}),
                )
                .await;
                return Err(e);
            }
        };
        let action = Action::Publish {
            doc_no: doc_no.to_owned(),
            effective,
        };
        self.config.transition(a.kind, a.status, &action)?;
        let history = zonegov_store::history(self.store).await?.ok_or_else(|| {
            AdjustAppError::Invalid("no zone is loaded / 尚未导入园区数据".into())
        })?;
        // The items on the list on the effective day that the publication touches.
        let everything = Visible::everything();
        let mut current: Vec<Version<PowerItem>> = Vec::new();
        for p in &a.draft {
            let versions =
                zonegov_store::versions_of::<PowerItem>(self.store.records(), &p.code, &everything)
                    .await?;
            current.extend(
                versions
                    .into_iter()
                    .filter(|v| v.period.contains(effective)),
            );
        }
        let writes: Vec<(Code, PowerItem)> = a
            .draft
            .iter()
            .filter_map(|p| Some((p.code.clone(), p.item.clone()?)))
            .collect();
        let ends: BTreeSet<Code> = if a.kind.needs_current() {
            a.draft.iter().map(|p| p.code.clone()).collect()
        } else {
            BTreeSet::new()
        };
        let failures = check_publication(
            &Publication {
                effective,
                writes: &writes,
                ends: &ends,
            },
            history.institutions(),
            &current,
        );
        if !failures.is_empty() {
            rec.failed(
                "adjust.publish",
                &target,
                json!({"failures": failures, "doc_no": doc_no, "effective": effective}),
            )
            .await;
            return Err(AdjustAppError::Publication(failures));
        }
        let change_id = Code::parse(&format!("ADJ-{id}"))
            .map_err(|e| AdjustAppError::Invalid(e.to_string()))?;
        let change = ChangeSet {
            id: change_id.clone(),
            effective,
            doc_no: doc_no.trim().to_owned(),
            reason: Name::new(
                format!(
                    "{}（{}，{}）",
                    a.title,
                    a.kind.label(zonegov_domain::Lang::Zh),
                    a.trigger.label(zonegov_domain::Lang::Zh)
                ),
                format!(
                    "{} ({}, {})",
                    a.title,
                    a.kind.label(zonegov_domain::Lang::En),
                    a.trigger.label(zonegov_domain::Lang::En)
                ),
            ),
            actor: actor.username.to_owned(),
            recorded_at: None,
            provenance,
        };
        let mut records = RecordSet::default();
        for (code, item) in &writes {
            records.push(Version {
                code: code.clone(),
                period: Period::new(effective, None)
                    .map_err(|e| AdjustAppError::Invalid(e.to_string()))?,
                change: change_id.clone(),
                attrs: item.clone(),
            });
        }
        let version_ends: Vec<VersionEnd> = current
            .iter()
            .filter(|v| ends.contains(&v.code))
            .map(|v| VersionEnd {
                kind: PowerItem::KIND,
                code: v.code.clone(),
                from: v.period.from(),
                to: effective,
                change: change_id.clone(),
            })
            .collect();
        let parts = HistoryParts {
            zone: history.zone.clone(),
            categories: vec![],
            changes: vec![change],
            records,
            lineage: vec![],
        };
        let step = self.step(&a, perm, actor, "publish", doc_no.trim().to_owned(), day);
        let before: Vec<&Version<PowerItem>> = current.iter().collect();
        let summary = self
            .store
            .adjustments()
            .publish_adjustment(id, &step, &parts, &version_ends)
            .await?;
        rec.ok(
            "adjust.publish",
            &target,
            json!({
                "before": {"status": a.status.code(), "items": before},
                "after": {"status": Status::Published.code(), "items": writes, "ended": ends, "change": change_id, "doc_no": doc_no, "effective": effective},
            }),
        )
        .await;
        Ok(summary)
    }

    /// 待办: what waits on `actor` — open adjustments in its data scope at a step
    /// its permissions act on — overdue first, then by due date.
    pub async fn work_queue(
        &self,
        actor: &Actor<'_>,
        today: NaiveDate,
    ) -> Result<Vec<QueueEntry>, AdjustAppError> {
        let filter = AdjustmentFilter {
            open_only: true,
            scope: actor.visible.institutions.as_ref(),
            ..AdjustmentFilter::default()
        };
        let mut out: Vec<QueueEntry> = self
            .store
            .adjustments()
            .list_adjustments(&filter)
            .await?
            .into_iter()
            .filter(|a| self.config.perm_for(a.status).is_some_and(|p| actor.has(p)))
            .map(|a| QueueEntry {
                deadline: self.deadline_of(&a, today),
                adjustment: a,
            })
            .collect();
        out.sort_by_key(|e| {
            let d = e.deadline.as_ref();
            (
                !d.is_some_and(|d| d.overdue),
                d.and_then(|d| d.due),
                e.adjustment.id,
            )
        });
        Ok(out)
    }

    /// Every adjustment the actor's scope shows, newest first.
    pub async fn list(&self, actor: &Actor<'_>) -> Result<Vec<Adjustment>, AdjustAppError> {
        let filter = AdjustmentFilter {
            scope: actor.visible.institutions.as_ref(),
            ..AdjustmentFilter::default()
        };
        Ok(self.store.adjustments().list_adjustments(&filter).await?)
    }

    /// The proposed items of the actor's unpublished adjustments (open, in its data
    /// scope) that match a search, each with its adjustment, newest adjustment
    /// first. Staff search the drafts they may see beside the published list;
    /// without the list's view permission there are none. Drafts are not in the
    /// search index (the list is only what was published), so they are matched here:
    /// a few hundred at most, as the index would match them.
    pub async fn matching_drafts(
        &self,
        actor: &Actor<'_>,
        q: &zonegov_domain::search::SearchQueryText,
    ) -> Result<Vec<(Adjustment, Code, PowerItem)>, AdjustAppError> {
        if !actor.has(PowerItem::PERMS.view) {
            return Ok(Vec::new());
        }
        let filter = AdjustmentFilter {
            open_only: true,
            scope: actor.visible.institutions.as_ref(),
            ..AdjustmentFilter::default()
        };
        let mut out = Vec::new();
        for a in self.store.adjustments().list_adjustments(&filter).await? {
            for p in &a.draft {
                if let Some(item) = &p.item
                    && item.search_text().is_some_and(|t| q.matches(&t))
                {
                    out.push((a.clone(), p.code.clone(), item.clone()));
                }
            }
        }
        Ok(out)
    }

    /// Reform orphans on `day` become system drafts (trigger 机构改革, kind 变更):
    /// "follows heir X" proposes the item with body X, drafted for X; "needs
    /// adjustment" proposes the item unchanged, drafted for the old body, so that
    /// it cannot be published before a person picks the body. Items already in an
    /// open adjustment are skipped, so running this twice drafts nothing new.
    /// Returns each orphan with its new adjustment's id.
    pub async fn draft_orphans(
        &self,
        actor: &Actor<'_>,
        day: NaiveDate,
    ) -> Result<Vec<(Orphan, i64)>, AdjustAppError> {
        // The staffing office (编办) watches over the list as a whole.
        self.require(actor, Status::StaffingReview)?;
        let history = zonegov_store::history(self.store).await?.ok_or_else(|| {
            AdjustAppError::Invalid("no zone is loaded / 尚未导入园区数据".into())
        })?;
        let items =
            zonegov_store::as_of::<PowerItem>(self.store.records(), day, &Visible::everything())
                .await?;
        let open = self
            .store
            .adjustments()
            .list_adjustments(&AdjustmentFilter {
                open_only: true,
                limit: u32::MAX,
                ..AdjustmentFilter::default()
            })
            .await?;
        let pending: BTreeSet<&Code> = open
            .iter()
            .flat_map(|a| a.draft.iter().map(|p| &p.code))
            .collect();
        let mut out = Vec::new();
        for orphan in find_orphans(&items, &history, day) {
            if pending.contains(&orphan.code) {
                continue;
            }
            let Some(v) = items.iter().find(|v| v.code == orphan.code) else {
                continue;
            };
            // The reform is the day the body's last version ended.
            let ended = history
                .institutions()
                .versions(&orphan.body)
                .last()
                .and_then(|b| b.period.to())
                .unwrap_or(day);
            let (body, item, title) = match &orphan.proposal {
                Proposal::FollowsHeir { heir } => {
                    let mut item = v.attrs.clone();
                    item.body = heir.clone();
                    (
                        heir.clone(),
                        item,
                        format!(
                            "机构改革：{} 随 {} 划入 {} / follows heir {}",
                            orphan.code, orphan.body, heir, heir
                        ),
                    )
                }
                Proposal::NeedsAdjustment { heirs } => {
                    let names: Vec<&str> = heirs.iter().map(Code::as_str).collect();
                    (
                        orphan.body.clone(),
                        v.attrs.clone(),
                        format!(
                            "机构改革：{} 的实施主体 {} 已撤销，需调整（承继机构：{}）/ needs adjustment",
                            orphan.code,
                            orphan.body,
                            if names.is_empty() {
                                "无".to_owned()
                            } else {
                                names.join("、")
                            }
                        ),
                    )
                }
            };
            let new = NewAdjustment {
                kind: Kind::Change,
                trigger: Trigger::Reform,
                trigger_date: ended,
                body,
                title,
                drafted_by: "system".into(),
                by_system: true,
                draft: vec![ProposedItem {
                    code: orphan.code.clone(),
                    item: Some(item),
                }],
            };
            let id = self.store.adjustments().create_adjustment(&new).await?;
            Recorder::new(self.store, actor.username, actor.ip)
                .ok(
                    "adjust.orphan",
                    &format!("adjustment/{id}"),
                    json!({"before": null, "after": {"status": Status::Draft.code(), "orphan": orphan, "by_system": true}}),
                )
                .await;
            out.push((orphan, id));
        }
        Ok(out)
    }
}

/// The orphans on `day`, without drafting anything (a read).
pub async fn orphans(store: &dyn Store, day: NaiveDate) -> Result<Vec<Orphan>, AdjustAppError> {
    let history = zonegov_store::history(store)
        .await?
        .ok_or_else(|| AdjustAppError::Invalid("no zone is loaded / 尚未导入园区数据".into()))?;
    let items =
        zonegov_store::as_of::<PowerItem>(store.records(), day, &Visible::everything()).await?;
    Ok(find_orphans(&items, &history, day))
}

/// Every version of one item the scope shows, oldest first.
pub async fn item_history(
    store: &dyn Store,
    visible: &Visible,
    code: &Code,
) -> Result<Vec<Version<PowerItem>>, AdjustAppError> {
    Ok(zonegov_store::versions_of::<PowerItem>(store.records(), code, visible).await?)
}

/// The field-by-field difference of one item between two days (empty when it is
/// the same, or absent on both; a field absent on one side reads `null`).
pub fn item_diff(
    versions: &[Version<PowerItem>],
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<FieldChange>, AdjustAppError> {
    let timeline = Timeline::build(versions.iter().cloned())
        .map_err(|e| AdjustAppError::Invalid(format!("{e:?}")))?;
    let d = diff_timeline(&timeline, from, to);
    if let Some(c) = d.changed.into_iter().next() {
        return Ok(c.fields);
    }
    // Appeared or disappeared: every field against nothing.
    let side = |day: NaiveDate| {
        versions
            .iter()
            .find(|v| v.period.contains(day))
            .map(|v| &v.attrs)
    };
    let null = serde_json::Value::Null;
    match (side(from), side(to)) {
        (None, Some(a)) => Ok(zonegov_domain::diff::diff_fields(
            &null,
            &serde_json::to_value(a).unwrap_or_default(),
        )),
        (Some(b), None) => Ok(zonegov_domain::diff::diff_fields(
            &serde_json::to_value(b).unwrap_or_default(),
            &null,
        )),
        _ => Ok(vec![]),
    }
}

/// The permissions and scope of a stored user on `day`, resolved as the web does:
/// for the CLI, the demo replay and tests.
pub async fn grant_of(
    store: &dyn Store,
    username: &str,
    day: NaiveDate,
) -> Result<Option<(BTreeSet<Permission>, Visible)>, AdjustAppError> {
    use zonegov_domain::auth::DataScope;
    use zonegov_domain::auth::scope::{Subject, resolve};
    let Some((user, _)) = store.accounts().user_by_name(username).await? else {
        return Ok(None);
    };
    let roles: Vec<_> = store
        .accounts()
        .roles()
        .await?
        .into_iter()
        .filter(|r| user.roles.contains(&r.code))
        .collect();
    let permissions = roles
        .iter()
        .flat_map(|r| r.permissions.iter().cloned())
        .collect();
    let scopes: Vec<DataScope> = roles.iter().map(|r| r.scope.clone()).collect();
    let visible = match zonegov_store::history(store).await? {
        Some(h) => resolve(
            &scopes,
            &Subject {
                username: user.username.as_str(),
                institution: &user.institution,
                park: user.park.as_ref(),
            },
            &h,
            day,
        ),
        None => Visible::everything(),
    };
    Ok(Some((permissions, visible)))
}

/// Whether `code` names an institution that exists on `day` (for forms).
pub async fn body_exists(
    store: &dyn Store,
    code: &Code,
    day: NaiveDate,
) -> Result<bool, AdjustAppError> {
    Ok(zonegov_store::history(store)
        .await?
        .is_some_and(|h| h.institutions().as_of(code, day).is_some()))
}
