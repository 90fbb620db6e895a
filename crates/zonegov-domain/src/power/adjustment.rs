//! Dynamic adjustment of the list (动态调整): a procedure, not an edit button. A
//! department drafts an adjustment and applies (申请); the legal office reviews its
//! legality (合法性审查); the staffing office reviews it (编办审核); the government
//! approves it (政府审批) when its kind requires that; then it is published (公布)
//! with a document number and an effective date. Only publication changes the list.
//!
//! A rejection carries a reason and returns the adjustment to the drafting
//! department (status `draft` again), which may revise and re-apply or withdraw it;
//! the rejected step stays in the step history. Returning rather than ending keeps
//! one adjustment per matter: a legal office's objection is usually fixable.
//!
//! Everything here is pure: the store keeps adjustments and steps, the app runs the
//! use cases. See [`super::publish_check`] for the invariants checked at publication
//! and [`super::orphans`] for items left behind by an institutional reform.

use super::item::PowerItem;
use crate::auth::Perm;
use crate::auth::permission::{
    ADJUST_APPROVE, ADJUST_DRAFT, ADJUST_LEGAL, ADJUST_PUBLISH, ADJUST_STAFFING,
};
use crate::code::Code;
use crate::lang::Lang;
use crate::workday::WorkCalendar;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// What an adjustment does to the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// 新增: a new item.
    Add,
    /// 变更: an item's elements change (name, body, basis, responsibilities…).
    Change,
    /// 取消: the item ends.
    Cancel,
    /// 下放: the item is delegated to a lower level and leaves this list.
    DelegateDown,
    /// 承接/收回: an item delegated by (or taken back from) another level enters this list.
    TakeOver,
}

/// What caused an adjustment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Trigger {
    /// 法律法规立改废
    LawChange,
    /// 上级调整
    HigherLevel,
    /// 机构改革
    Reform,
    /// 其他
    Other,
}

/// Where an adjustment stands. The first five are the steps waiting on someone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Being drafted (or returned after a rejection) by the department: 申请.
    Draft,
    /// 合法性审查, by the legal office.
    LegalReview,
    /// 编办审核, by the staffing office.
    StaffingReview,
    /// 政府审批.
    Approval,
    /// Approved (or reviewed, when no approval is needed); waiting to be 公布.
    Publication,
    /// Published: the list has changed. Final.
    Published,
    /// Withdrawn by the department. Final; the list never changed.
    Withdrawn,
}

/// What an actor does to an adjustment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum Action {
    /// The department applies (申请).
    Submit,
    /// The reviewer or approver at the current step agrees.
    Pass,
    /// The reviewer or approver refuses; the reason is required.
    Reject { reason: String },
    /// 公布, with the document number and effective date of the publication.
    Publish {
        doc_no: String,
        effective: NaiveDate,
    },
    /// The department gives up a draft.
    Withdraw,
}

impl Action {
    pub fn code(&self) -> &'static str {
        match self {
            Action::Submit => "submit",
            Action::Pass => "pass",
            Action::Reject { .. } => "reject",
            Action::Publish { .. } => "publish",
            Action::Withdraw => "withdraw",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AdjustError {
    #[error(
        "{action} is not allowed while the adjustment is {status} / 当前状态（{status_zh}）不允许此操作（{action}）"
    )]
    NotAllowed {
        action: &'static str,
        status: &'static str,
        status_zh: &'static str,
    },
    #[error("a rejection needs a reason / 退回须填写理由")]
    ReasonRequired,
    #[error("publication needs a document number / 公布须填写文号")]
    DocNoRequired,
    #[error("unknown {what} {value:?} / 未知的{what_zh}：{value}")]
    Unknown {
        what: &'static str,
        what_zh: &'static str,
        value: String,
    },
}

macro_rules! coded {
    ($ty:ident, $what:literal, $what_zh:literal, [$($v:ident => $code:literal, $zh:literal, $en:literal;)*]) => {
        impl $ty {
            pub const ALL: &'static [$ty] = &[$($ty::$v),*];

            pub fn code(self) -> &'static str {
                match self { $($ty::$v => $code),* }
            }

            pub fn label(self, lang: Lang) -> &'static str {
                match self { $($ty::$v => lang.pick($zh, $en)),* }
            }

            pub fn parse(s: &str) -> Result<Self, AdjustError> {
                match s.trim() {
                    $($code => Ok($ty::$v),)*
                    other => Err(AdjustError::Unknown { what: $what, what_zh: $what_zh, value: other.to_owned() }),
                }
            }
        }
    };
}

coded!(Kind, "adjustment kind", "调整类型", [
    Add => "add", "新增", "Add";
    Change => "change", "变更", "Change";
    Cancel => "cancel", "取消", "Cancel";
    DelegateDown => "delegate_down", "下放", "Delegate down";
    TakeOver => "take_over", "承接/收回", "Take over";
]);

coded!(Trigger, "trigger", "调整原因", [
    LawChange => "law_change", "法律法规立改废", "Law enacted, amended or repealed";
    HigherLevel => "higher_level", "上级调整", "Higher-level adjustment";
    Reform => "reform", "机构改革", "Institutional reform";
    Other => "other", "其他", "Other";
]);

coded!(Status, "status", "状态", [
    Draft => "draft", "申请", "Application";
    LegalReview => "legal_review", "合法性审查", "Legal review";
    StaffingReview => "staffing_review", "编办审核", "Staffing office review";
    Approval => "approval", "政府审批", "Government approval";
    Publication => "publication", "待公布", "Awaiting publication";
    Published => "published", "已公布", "Published";
    Withdrawn => "withdrawn", "已撤回", "Withdrawn";
]);

impl Kind {
    /// Whether the adjustment writes a new version of the item (add, change, take
    /// over) rather than only ending the current one (cancel, delegate down).
    pub fn writes_item(self) -> bool {
        matches!(self, Kind::Add | Kind::Change | Kind::TakeOver)
    }

    /// Whether the item must already be on the list (change, cancel, delegate down).
    pub fn needs_current(self) -> bool {
        matches!(self, Kind::Change | Kind::Cancel | Kind::DelegateDown)
    }
}

impl Status {
    /// Final statuses wait on nobody.
    pub fn is_final(self) -> bool {
        matches!(self, Status::Published | Status::Withdrawn)
    }
}

/// Time limits, roles and which kinds need approval: configurable, with the
/// defaults of the issue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AdjustConfig {
    /// Working days from the trigger to the application (申请).
    pub apply_days: u32,
    /// Working days for each review or approval step.
    pub review_days: u32,
    /// Working days from approval to publication.
    pub publish_days: u32,
    /// Kinds that go to the government for approval; the others (element changes)
    /// need only the two reviews.
    pub approval_kinds: BTreeSet<Kind>,
    /// The permission that acts at each waiting step.
    pub step_perm: BTreeMap<Status, Perm>,
}

impl Default for AdjustConfig {
    fn default() -> Self {
        Self {
            apply_days: 10,
            review_days: 15,
            publish_days: 3,
            approval_kinds: [Kind::Add, Kind::Cancel, Kind::DelegateDown, Kind::TakeOver]
                .into_iter()
                .collect(),
            step_perm: [
                (Status::Draft, ADJUST_DRAFT),
                (Status::LegalReview, ADJUST_LEGAL),
                (Status::StaffingReview, ADJUST_STAFFING),
                (Status::Approval, ADJUST_APPROVE),
                (Status::Publication, ADJUST_PUBLISH),
            ]
            .into_iter()
            .collect(),
        }
    }
}

impl AdjustConfig {
    /// The permission that acts at `status`; `None` for final statuses.
    pub fn perm_for(&self, status: Status) -> Option<Perm> {
        self.step_perm.get(&status).copied()
    }

    /// Working days allowed at `status`; `None` for final statuses.
    pub fn limit_for(&self, status: Status) -> Option<u32> {
        match status {
            Status::Draft => Some(self.apply_days),
            Status::LegalReview | Status::StaffingReview | Status::Approval => {
                Some(self.review_days)
            }
            Status::Publication => Some(self.publish_days),
            Status::Published | Status::Withdrawn => None,
        }
    }

    /// The status after `action` at `status`, for an adjustment of `kind`, or why
    /// the action is refused. This is the whole state machine.
    pub fn transition(
        &self,
        kind: Kind,
        status: Status,
        action: &Action,
    ) -> Result<Status, AdjustError> {
        let refuse = || AdjustError::NotAllowed {
            action: action.code(),
            status: status.code(),
            status_zh: status.label(Lang::Zh),
        };
        match (status, action) {
            (Status::Draft, Action::Submit) => Ok(Status::LegalReview),
            (Status::Draft, Action::Withdraw) => Ok(Status::Withdrawn),
            (Status::LegalReview, Action::Pass) => Ok(Status::StaffingReview),
            (Status::StaffingReview, Action::Pass) => Ok(if self.approval_kinds.contains(&kind) {
                Status::Approval
            } else {
                Status::Publication
            }),
            (Status::Approval, Action::Pass) => Ok(Status::Publication),
            (
                Status::LegalReview | Status::StaffingReview | Status::Approval,
                Action::Reject { reason },
            ) => {
                if reason.trim().is_empty() {
                    Err(AdjustError::ReasonRequired)
                } else {
                    Ok(Status::Draft)
                }
            }
            (Status::Publication, Action::Publish { doc_no, .. }) => {
                if doc_no.trim().is_empty() {
                    Err(AdjustError::DocNoRequired)
                } else {
                    Ok(Status::Published)
                }
            }
            _ => Err(refuse()),
        }
    }
}

/// The time limit of a waiting step: when it started, when it is due, whether it
/// is overdue on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Deadline {
    pub since: NaiveDate,
    pub limit_days: u32,
    /// `None` when the calendar cannot reach it (never overdue then).
    pub due: Option<NaiveDate>,
    pub overdue: bool,
}

/// The deadline of the step `status` entered on `since`, seen on `today`. For a
/// draft, `since` is the trigger date: the department applies within
/// `apply_days` of the event that caused the adjustment.
pub fn deadline(
    cfg: &AdjustConfig,
    cal: &WorkCalendar,
    status: Status,
    since: NaiveDate,
    today: NaiveDate,
) -> Option<Deadline> {
    let limit_days = cfg.limit_for(status)?;
    let due = cal.add_working_days(since, limit_days);
    Some(Deadline {
        since,
        limit_days,
        due,
        overdue: due.is_some_and(|d| today > d),
    })
}

/// One proposed item of an adjustment: the code, and the item as it will read
/// after publication (`None` for a cancel or a delegation down, which only end it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProposedItem {
    pub code: Code,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item: Option<PowerItem>,
}

/// An adjustment as stored.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Adjustment {
    pub id: i64,
    pub kind: Kind,
    pub trigger: Trigger,
    /// The day of the event that caused it (the law, the notice, the reform).
    pub trigger_date: NaiveDate,
    /// The drafting department: whose data scope the adjustment belongs to.
    pub body: Code,
    pub status: Status,
    /// The day the current step began.
    pub stage_since: NaiveDate,
    pub title: String,
    pub drafted_by: String,
    /// Drafted by the system (a reform orphan), not by a person.
    pub by_system: bool,
    pub draft: Vec<ProposedItem>,
    pub doc_no: Option<String>,
    pub effective: Option<NaiveDate>,
    /// The change set publication wrote.
    pub change_id: Option<Code>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A new adjustment, before the store gives it an id.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NewAdjustment {
    pub kind: Kind,
    pub trigger: Trigger,
    pub trigger_date: NaiveDate,
    pub body: Code,
    pub title: String,
    pub drafted_by: String,
    pub by_system: bool,
    pub draft: Vec<ProposedItem>,
}

/// One step taken on an adjustment: at which status, under which permission, by
/// whom, what was decided and why, dated, with the deadline it had.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StepRecord {
    pub step: Status,
    pub role: String,
    pub actor: String,
    pub decision: String,
    pub notes: String,
    pub day: NaiveDate,
    pub due: Option<NaiveDate>,
    /// Set by the store.
    pub acted_at: Option<DateTime<Utc>>,
}

impl StepRecord {
    /// Whether the step was taken after its deadline.
    pub fn late(&self) -> bool {
        self.due.is_some_and(|d| self.day > d)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn reject(r: &str) -> Action {
        Action::Reject { reason: r.into() }
    }

    fn publish() -> Action {
        Action::Publish {
            doc_no: "高新管发〔2024〕1号".into(),
            effective: day("2024-07-01"),
        }
    }

    #[test]
    fn a_change_needs_only_the_two_reviews() {
        let c = AdjustConfig::default();
        let k = Kind::Change;
        let s = c.transition(k, Status::Draft, &Action::Submit).unwrap();
        assert_eq!(s, Status::LegalReview);
        let s = c.transition(k, s, &Action::Pass).unwrap();
        assert_eq!(s, Status::StaffingReview);
        let s = c.transition(k, s, &Action::Pass).unwrap();
        assert_eq!(s, Status::Publication, "element changes skip approval");
        assert_eq!(c.transition(k, s, &publish()).unwrap(), Status::Published);
    }

    #[test]
    fn add_cancel_delegate_and_take_over_need_approval() {
        let c = AdjustConfig::default();
        for k in [Kind::Add, Kind::Cancel, Kind::DelegateDown, Kind::TakeOver] {
            let s = c
                .transition(k, Status::StaffingReview, &Action::Pass)
                .unwrap();
            assert_eq!(s, Status::Approval, "{k:?}");
            let s = c.transition(k, s, &Action::Pass).unwrap();
            assert_eq!(s, Status::Publication);
        }
    }

    #[test]
    fn which_kinds_need_approval_is_configurable() {
        let c = AdjustConfig {
            approval_kinds: [Kind::Change].into_iter().collect(),
            ..AdjustConfig::default()
        };
        assert_eq!(
            c.transition(Kind::Change, Status::StaffingReview, &Action::Pass),
            Ok(Status::Approval)
        );
        assert_eq!(
            c.transition(Kind::Add, Status::StaffingReview, &Action::Pass),
            Ok(Status::Publication)
        );
    }

    #[test]
    fn every_review_step_may_reject_back_to_the_department_with_a_reason() {
        let c = AdjustConfig::default();
        for s in [
            Status::LegalReview,
            Status::StaffingReview,
            Status::Approval,
        ] {
            assert_eq!(
                c.transition(Kind::Add, s, &reject("依据已废止")),
                Ok(Status::Draft)
            );
            assert_eq!(
                c.transition(Kind::Add, s, &reject("  ")),
                Err(AdjustError::ReasonRequired),
                "{s:?}"
            );
        }
        // A returned draft may be submitted again or withdrawn.
        assert_eq!(
            c.transition(Kind::Add, Status::Draft, &Action::Submit),
            Ok(Status::LegalReview)
        );
        assert_eq!(
            c.transition(Kind::Add, Status::Draft, &Action::Withdraw),
            Ok(Status::Withdrawn)
        );
    }

    #[test]
    fn illegal_transitions_are_refused() {
        let c = AdjustConfig::default();
        let actions = [
            Action::Submit,
            Action::Pass,
            reject("x"),
            publish(),
            Action::Withdraw,
        ];
        let mut allowed = 0;
        for s in Status::ALL {
            for a in &actions {
                match c.transition(Kind::Add, *s, a) {
                    Ok(_) => allowed += 1,
                    Err(AdjustError::NotAllowed { .. }) => {}
                    Err(e) => panic!("{s:?} {a:?}: {e}"),
                }
            }
        }
        // submit, withdraw; pass ×3; reject ×3; publish.
        assert_eq!(allowed, 9);
        assert!(
            c.transition(Kind::Change, Status::Draft, &publish())
                .is_err(),
            "a draft cannot be published"
        );
        assert!(
            c.transition(Kind::Change, Status::LegalReview, &publish())
                .is_err()
        );
        for a in &actions {
            assert!(c.transition(Kind::Add, Status::Published, a).is_err());
            assert!(c.transition(Kind::Add, Status::Withdrawn, a).is_err());
        }
    }

    #[test]
    fn publication_needs_a_document_number() {
        let c = AdjustConfig::default();
        let a = Action::Publish {
            doc_no: " ".into(),
            effective: day("2024-07-01"),
        };
        assert_eq!(
            c.transition(Kind::Change, Status::Publication, &a),
            Err(AdjustError::DocNoRequired)
        );
    }

    #[test]
    fn every_waiting_step_has_a_role_and_a_limit() {
        let c = AdjustConfig::default();
        for s in Status::ALL {
            assert_eq!(c.perm_for(*s).is_some(), !s.is_final(), "{s:?}");
            assert_eq!(c.limit_for(*s).is_some(), !s.is_final(), "{s:?}");
        }
        assert_eq!(c.perm_for(Status::LegalReview), Some(ADJUST_LEGAL));
    }

    #[test]
    fn codes_parse_back() {
        for k in Kind::ALL {
            assert_eq!(Kind::parse(k.code()), Ok(*k));
        }
        for t in Trigger::ALL {
            assert_eq!(Trigger::parse(t.code()), Ok(*t));
        }
        for s in Status::ALL {
            assert_eq!(Status::parse(s.code()), Ok(*s));
        }
        assert!(Kind::parse("edit").is_err());
    }

    /// National Day 2024: 1–7 October off, 29 September and 12 October worked.
    fn national_day_2024() -> WorkCalendar {
        WorkCalendar::new(
            (1..=7).map(|d| NaiveDate::from_ymd_opt(2024, 10, d).unwrap()),
            [day("2024-09-29"), day("2024-10-12")],
        )
        .unwrap()
    }

    #[test]
    fn publication_overdue_counts_working_days_across_national_day() {
        let c = AdjustConfig::default();
        let cal = national_day_2024();
        // Approved Friday 27 September; 3 working days: Sun 29 (worked), Mon 30, Tue 8.
        let d = deadline(
            &c,
            &cal,
            Status::Publication,
            day("2024-09-27"),
            day("2024-10-07"),
        )
        .unwrap();
        assert_eq!(d.due, Some(day("2024-10-08")));
        assert!(!d.overdue, "the holiday does not count");
        let d = deadline(
            &c,
            &cal,
            Status::Publication,
            day("2024-09-27"),
            day("2024-10-09"),
        )
        .unwrap();
        assert!(d.overdue);
        // Without the holiday calendar the same step would be overdue on 3 October.
        let plain = deadline(
            &c,
            &WorkCalendar::default(),
            Status::Publication,
            day("2024-09-27"),
            day("2024-10-03"),
        )
        .unwrap();
        assert!(plain.overdue);
    }

    #[test]
    fn final_statuses_have_no_deadline() {
        let c = AdjustConfig::default();
        let cal = WorkCalendar::default();
        assert!(
            deadline(
                &c,
                &cal,
                Status::Published,
                day("2024-01-02"),
                day("2025-01-01")
            )
            .is_none()
        );
    }
}
