#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test
//! The acceptance test of dynamic adjustment (动态调整): the demo zone plus a handful
//! of power items, an adjustment walked through every step with the list unchanged
//! until publication, the item's field diff, rejection with and without a reason,
//! a deadline across National Day 2024, a refused publication that names every
//! failure and writes nothing, and reform orphans drafted by the system. Runs on
//! SQLite; the PostgreSQL variant runs with `--include-ignored` and
//! `ZONEGOV_TEST_PG_URL`.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::Arc;
use zonegov_app::power::adjust::{
    Actor, AdjustAppError, Adjuster, DraftInput, calendar, item_diff, item_history,
};
use zonegov_domain::auth::{Permission, Visible};
use zonegov_domain::power::adjustment::{
    AdjustConfig, AdjustError, Kind, ProposedItem, Status, Trigger,
};
use zonegov_domain::power::publish_check::PublishFailure;
use zonegov_domain::workday::WorkCalendar;
use zonegov_domain::{ChangeSet, Code, HistoryParts, NaiveDate, PowerItem, RecordSet, Version};
use zonegov_store::Store;

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn code(s: &str) -> Code {
    Code::parse(s).unwrap()
}

fn item(name: &str, body: &str, unit: &str) -> PowerItem {
    serde_json::from_value(serde_json::json!({
        "name": {"zh": name, "en": ""},
        "item_type": "CF",
        "body": body,
        "handling_unit": unit,
        "basis": [{"law": "中华人民共和国统计法", "article": "第三十七条"}],
        "responsibilities": [{"step": "受理", "duty": "依法受理"}, {"step": "决定", "duty": "依法作出处罚决定"}],
        "provenance": {"source": "illustrative", "basis": "test item"}
    }))
    .unwrap()
}

/// The demo zone, then four items loaded through the generic store: two of N04,
/// one of O20 (统计局, merged into N04 in the 2020 reform) and one of a body that
/// never existed in the zone (no heir).
async fn setup(store: &dyn Store) {
    let demo = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data/demo");
    let mut dataset = zonegov_io::read_dataset(&demo).unwrap();
    // The demo's own list is loaded only where a test needs it.
    dataset.parts.records.set::<PowerItem>(Vec::new());
    // The 三定 cite the demo list's items, so they go with it.
    dataset
        .parts
        .records
        .set::<zonegov_domain::staffing::Staffing>(Vec::new());
    zonegov_app::dataset::import(store, &dataset, "loader", day("2024-12-31"))
        .await
        .unwrap();
    let zone = zonegov_store::history(store).await.unwrap().unwrap().zone;
    let mut records = RecordSet::default();
    for (c, from, it) in [
        (
            "CF0001",
            "2021-01-01",
            item("统计违法行为处罚", "N04", "统计科"),
        ),
        (
            "CF0002",
            "2021-01-01",
            item("统计调查项目审批", "N04", "统计科"),
        ),
        (
            "CF0003",
            "2019-01-01",
            item("统计执法检查", "O20", "执法科"),
        ),
        (
            "CF0004",
            "2019-01-01",
            item("统计数据质量核查", "X99", "核查科"),
        ),
    ] {
        records.push(Version {
            code: code(c),
            period: zonegov_domain::Period::new(day(from), None).unwrap(),
            change: code("PL2019"),
            attrs: it,
        });
    }
    let parts = HistoryParts {
        zone,
        categories: vec![],
        changes: vec![ChangeSet {
            id: code("PL2019"),
            effective: day("2019-01-01"),
            doc_no: "示例".into(),
            reason: zonegov_domain::Name::new("权责清单（示例）", "Power list (illustrative)"),
            actor: "loader".into(),
            recorded_at: None,
            provenance: Default::default(),
        }],
        records,
        lineage: vec![],
    };
    store.records().load(&parts).await.unwrap();
}

/// A role's permissions, as the built-in roles give them.
fn role_perms(role: &str) -> BTreeSet<Permission> {
    zonegov_app::accounts::builtin_roles()
        .into_iter()
        .find(|r| r.code.as_str() == role)
        .unwrap()
        .permissions
}

struct People {
    staff: (BTreeSet<Permission>, Visible),
    legal: (BTreeSet<Permission>, Visible),
    staffing: (BTreeSet<Permission>, Visible),
    leader: (BTreeSet<Permission>, Visible),
}

fn people() -> People {
    let n04 = Visible {
        institutions: Some(BTreeSet::from([code("N04")])),
        parks: Some(BTreeSet::new()),
    };
    People {
        staff: (role_perms("staff"), n04),
        legal: (role_perms("legal"), Visible::everything()),
        staffing: (role_perms("staffing"), Visible::everything()),
        leader: (role_perms("leader"), Visible::everything()),
    }
}

fn actor<'a>(name: &'a str, g: &'a (BTreeSet<Permission>, Visible)) -> Actor<'a> {
    Actor {
        username: name,
        ip: "127.0.0.1",
        permissions: &g.0,
        visible: &g.1,
    }
}

/// The whole list on `d`, as the store's as-of query returns it.
async fn list_on(store: &dyn Store, d: &str) -> Vec<Version<PowerItem>> {
    zonegov_store::as_of::<PowerItem>(store.records(), day(d), &Visible::everything())
        .await
        .unwrap()
}

async fn count_versions(store: &dyn Store) -> usize {
    zonegov_store::versions_of::<PowerItem>(
        store.records(),
        &code("CF0001"),
        &Visible::everything(),
    )
    .await
    .unwrap()
    .len()
        + zonegov_store::versions_of::<PowerItem>(
            store.records(),
            &code("CF0002"),
            &Visible::everything(),
        )
        .await
        .unwrap()
        .len()
}

async fn acceptance(store: Arc<dyn Store>) {
    let store = store.as_ref();
    setup(store).await;
    let cfg = AdjustConfig::default();
    let cal = calendar::national().unwrap();
    let adj = Adjuster::new(store, &cfg, &cal);
    let p = people();
    let staff = actor("econ.staff", &p.staff);
    let legal = actor("legal.officer", &p.legal);
    let staffing = actor("staffing.officer", &p.staffing);

    // The list as it stands before and after the effective day: it must not move
    // until publication.
    let before_day = "2024-10-31";
    let after_day = "2024-11-01";
    let baseline = (
        list_on(store, before_day).await,
        list_on(store, after_day).await,
    );
    assert_eq!(baseline.0.len(), 4);
    let unchanged = |label: &'static str| {
        let baseline = baseline.clone();
        async move {
            let now = (
                list_on(store, before_day).await,
                list_on(store, after_day).await,
            );
            assert_eq!(
                now, baseline,
                "the list changed before publication, at {label}"
            );
        }
    };

    // 1. The department drafts a change of CF0001: new handling unit and name.
    let mut changed = item("统计违法行为行政处罚", "N04", "经济运行科");
    changed.provenance = baseline.0[0].attrs.provenance.clone();
    let id = adj
        .draft(
            &staff,
            DraftInput {
                kind: Kind::Change,
                trigger: Trigger::HigherLevel,
                trigger_date: day("2024-09-20"),
                body: code("N04"),
                title: "统计执法事项承办机构调整".into(),
                draft: vec![ProposedItem {
                    code: code("CF0001"),
                    item: Some(changed.clone()),
                }],
            },
        )
        .await
        .unwrap();
    unchanged("draft").await;
    // Only the department may apply; others are refused.
    assert!(matches!(
        adj.submit(&legal, id, day("2024-09-27")).await,
        Err(AdjustAppError::Denied(_))
    ));
    assert_eq!(
        adj.submit(&staff, id, day("2024-09-27")).await.unwrap(),
        Status::LegalReview
    );
    unchanged("submit").await;

    // 2. Legal review: a rejection without a reason is refused and changes nothing;
    // with a reason it returns the adjustment to the department.
    assert!(matches!(
        adj.reject(&legal, id, "  ", day("2024-09-30")).await,
        Err(AdjustAppError::Procedure(AdjustError::ReasonRequired))
    ));
    assert_eq!(
        adj.get(&staff, id).await.unwrap().status,
        Status::LegalReview
    );
    assert!(matches!(
        adj.legal_review(&staff, id, "", day("2024-09-30")).await,
        Err(AdjustAppError::Denied(_))
    ));
    assert_eq!(
        adj.reject(&legal, id, "依据条款引用有误", day("2024-09-30"))
            .await
            .unwrap(),
        Status::Draft
    );
    unchanged("reject").await;
    let steps = adj.steps(&staff, id).await.unwrap();
    let last = steps.last().unwrap();
    assert_eq!(
        (last.step, last.decision.as_str(), last.notes.as_str()),
        (Status::LegalReview, "reject", "依据条款引用有误")
    );
    assert_eq!(last.role, "power:adjust:legal");

    // 3. The department revises and applies again; both reviews pass; an element
    // change needs no approval and waits for publication.
    adj.revise(
        &staff,
        id,
        vec![ProposedItem {
            code: code("CF0001"),
            item: Some(changed.clone()),
        }],
        day("2024-09-30"),
    )
    .await
    .unwrap();
    adj.submit(&staff, id, day("2024-09-30")).await.unwrap();
    assert!(
        matches!(
            adj.staffing_review(&staffing, id, "", day("2024-10-08"))
                .await,
            Err(AdjustAppError::Procedure(AdjustError::NotAllowed { .. }))
        ),
        "the staffing office cannot act before the legal review"
    );
    assert_eq!(
        adj.legal_review(&legal, id, "合法", day("2024-10-08"))
            .await
            .unwrap(),
        Status::StaffingReview
    );
    unchanged("legal review").await;
    assert_eq!(
        adj.staffing_review(&staffing, id, "同意", day("2024-10-09"))
            .await
            .unwrap(),
        Status::Publication
    );
    unchanged("staffing review").await;

    // 4. The work queue: the publisher sees it; 3 working days from Wed 9 October
    // run Thu 10, Fri 11, Sat 12 (worked in exchange for National Day).
    let q = adj.work_queue(&staffing, day("2024-10-12")).await.unwrap();
    let entry = q.iter().find(|e| e.adjustment.id == id).unwrap();
    let d = entry.deadline.unwrap();
    assert_eq!(d.due, Some(day("2024-10-12")));
    assert!(!d.overdue);
    let q = adj.work_queue(&staffing, day("2024-10-14")).await.unwrap();
    assert!(
        q.iter()
            .find(|e| e.adjustment.id == id)
            .unwrap()
            .deadline
            .unwrap()
            .overdue
    );
    assert!(
        adj.work_queue(&legal, day("2024-10-14"))
            .await
            .unwrap()
            .is_empty(),
        "nothing waits on the legal office"
    );

    // 5. Publication changes the list, from its effective day only.
    let summary = adj
        .publish(
            &staffing,
            id,
            "济高管发〔2024〕12号",
            day(after_day),
            day("2024-10-11"),
            Default::default(),
        )
        .await
        .unwrap();
    assert_eq!(
        summary.versions, 2,
        "CF0001's old version ended and its new one written"
    );
    let now = (
        list_on(store, before_day).await,
        list_on(store, after_day).await,
    );
    // Before the effective day the list reads as it did (CF0001's version now ends
    // on the effective day, written by the adjustment's change set).
    let attrs = |l: &[Version<PowerItem>]| {
        l.iter()
            .map(|v| (v.code.clone(), v.attrs.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(attrs(&now.0), attrs(&baseline.0));
    assert_eq!(now.0[0].period.to(), Some(day(after_day)));
    assert_ne!(now.1, baseline.1);
    let cf1 = now.1.iter().find(|v| v.code == code("CF0001")).unwrap();
    assert_eq!(cf1.attrs.handling_unit.as_deref(), Some("经济运行科"));
    assert_eq!(
        cf1.change.as_str(),
        format!("ADJ-{id}"),
        "written by the adjustment's change set"
    );
    let a = adj.get(&staff, id).await.unwrap();
    assert_eq!(a.status, Status::Published);
    assert_eq!(a.doc_no.as_deref(), Some("济高管发〔2024〕12号"));
    assert_eq!(a.effective, Some(day(after_day)));
    let steps: Vec<(Status, String)> = adj
        .steps(&staff, id)
        .await
        .unwrap()
        .into_iter()
        .map(|s| (s.step, s.decision))
        .collect();
    assert_eq!(
        steps,
        [
            (Status::Draft, "submit".to_owned()),
            (Status::LegalReview, "reject".to_owned()),
            (Status::Draft, "revise".to_owned()),
            (Status::Draft, "submit".to_owned()),
            (Status::LegalReview, "pass".to_owned()),
            (Status::StaffingReview, "pass".to_owned()),
            (Status::Publication, "publish".to_owned()),
        ]
    );
    // Publishing twice is refused.
    assert!(
        adj.publish(
            &staffing,
            id,
            "x",
            day(after_day),
            day("2024-10-11"),
            Default::default()
        )
        .await
        .is_err()
    );

    // 6. The item's history and its diff: exactly the changed fields.
    let versions = item_history(store, &Visible::everything(), &code("CF0001"))
        .await
        .unwrap();
    assert_eq!(versions.len(), 2);
    let fields: Vec<String> = item_diff(&versions, day(before_day), day(after_day))
        .unwrap()
        .into_iter()
        .map(|f| f.field)
        .collect();
    assert_eq!(fields, ["handling_unit", "name.zh"]);
    assert!(
        item_diff(&versions, day("2022-01-01"), day(before_day))
            .unwrap()
            .is_empty()
    );

    // 7. Every step is in the audit trail with before and after.
    let trail = store
        .audit()
        .audit_entries(&zonegov_store::AuditFilter {
            action_prefix: Some("adjust.".into()),
            limit: 100,
            ..Default::default()
        })
        .await
        .unwrap();
    let publish = trail
        .iter()
        .find(|e| e.draft.action == "adjust.publish" && e.draft.outcome == "ok")
        .unwrap();
    assert_eq!(publish.draft.detail["before"]["status"], "publication");
    assert_eq!(publish.draft.detail["after"]["status"], "published");
    assert!(trail.iter().any(
        |e| e.draft.action == "adjust.reject" && e.draft.detail["notes"] == "依据条款引用有误"
    ));
    assert!(
        trail
            .iter()
            .any(|e| e.draft.action == "adjust.submit" && e.draft.outcome == "denied")
    );
}

/// A cancel needs approval; its legal review is due 15 working days after the
/// day it was applied for, counted across National Day 2024.
async fn cancel_with_approval_and_a_deadline_across_national_day(store: Arc<dyn Store>) {
    let store = store.as_ref();
    setup(store).await;
    let cfg = AdjustConfig::default();
    let cal = calendar::national().unwrap();
    let adj = Adjuster::new(store, &cfg, &cal);
    let p = people();
    let staff = actor("econ.staff", &p.staff);
    let legal = actor("legal.officer", &p.legal);
    let staffing = actor("staffing.officer", &p.staffing);
    let leader = actor("the.leader", &p.leader);
    let id = adj
        .draft(
            &staff,
            DraftInput {
                kind: Kind::Cancel,
                trigger: Trigger::LawChange,
                trigger_date: day("2024-09-13"),
                body: code("N04"),
                title: "取消统计调查项目审批".into(),
                draft: vec![ProposedItem {
                    code: code("CF0002"),
                    item: None,
                }],
            },
        )
        .await
        .unwrap();
    adj.submit(&staff, id, day("2024-09-27")).await.unwrap();
    // Fri 27 September + 15 working days: Sun 29 and Mon 30 September, then from
    // Tue 8 October (Sat 12 worked) to Wed 23 October.
    let q = adj.work_queue(&legal, day("2024-10-23")).await.unwrap();
    let d = q[0].deadline.unwrap();
    assert_eq!(d.due, Some(day("2024-10-23")));
    assert!(!d.overdue);
    assert!(
        adj.work_queue(&legal, day("2024-10-24")).await.unwrap()[0]
            .deadline
            .unwrap()
            .overdue
    );
    // Without the holiday calendar the same step would already be overdue on 21 October.
    let plain = WorkCalendar::default();
    let naive = Adjuster::new(store, &cfg, &plain);
    assert!(
        naive.work_queue(&legal, day("2024-10-21")).await.unwrap()[0]
            .deadline
            .unwrap()
            .overdue
    );
    assert!(
        !adj.work_queue(&legal, day("2024-10-21")).await.unwrap()[0]
            .deadline
            .unwrap()
            .overdue
    );

    // Overdue first: a second, fresh adjustment is listed after the overdue one.
    let fresh = adj
        .draft(
            &staff,
            DraftInput {
                kind: Kind::Cancel,
                trigger: Trigger::Other,
                trigger_date: day("2024-10-20"),
                body: code("N04"),
                title: "另一项".into(),
                draft: vec![ProposedItem {
                    code: code("CF0001"),
                    item: None,
                }],
            },
        )
        .await
        .unwrap();
    adj.submit(&staff, fresh, day("2024-10-21")).await.unwrap();
    let q: Vec<(i64, bool)> = adj
        .work_queue(&legal, day("2024-10-24"))
        .await
        .unwrap()
        .iter()
        .map(|e| (e.adjustment.id, e.deadline.unwrap().overdue))
        .collect();
    assert_eq!(q, [(id, true), (fresh, false)]);

    adj.legal_review(&legal, id, "", day("2024-10-24"))
        .await
        .unwrap();
    assert_eq!(
        adj.staffing_review(&staffing, id, "", day("2024-10-25"))
            .await
            .unwrap(),
        Status::Approval
    );
    assert!(matches!(
        adj.approve(&staffing, id, "", day("2024-10-25")).await,
        Err(AdjustAppError::Denied(_))
    ));
    assert_eq!(
        adj.approve(&leader, id, "同意", day("2024-10-28"))
            .await
            .unwrap(),
        Status::Publication
    );
    assert_eq!(list_on(store, "2024-12-01").await.len(), 4);
    adj.publish(
        &staffing,
        id,
        "济高管发〔2024〕15号",
        day("2024-12-01"),
        day("2024-10-29"),
        Default::default(),
    )
    .await
    .unwrap();
    let after: Vec<String> = list_on(store, "2024-12-01")
        .await
        .iter()
        .map(|v| v.code.to_string())
        .collect();
    assert_eq!(after, ["CF0001", "CF0003", "CF0004"]);
    assert_eq!(list_on(store, "2024-11-30").await.len(), 4);
    let v = item_history(store, &Visible::everything(), &code("CF0002"))
        .await
        .unwrap();
    assert_eq!(v.len(), 1);
    assert_eq!(v[0].period.to(), Some(day("2024-12-01")));
    let fields = item_diff(&v, day("2024-11-30"), day("2024-12-01")).unwrap();
    assert!(
        fields
            .iter()
            .any(|f| f.field == "name.zh" && f.after.is_null()),
        "an ended item diffs against nothing"
    );
}

/// A publication that breaks the invariants names every failure and writes nothing.
async fn a_refused_publication_names_every_failure(store: Arc<dyn Store>) {
    let store = store.as_ref();
    setup(store).await;
    let cfg = AdjustConfig::default();
    let cal = calendar::national().unwrap();
    let adj = Adjuster::new(store, &cfg, &cal);
    let p = people();
    let staffing = actor("staffing.officer", &p.staffing);
    let legal = actor("legal.officer", &p.legal);
    let leader = actor("the.leader", &p.leader);
    let admin_g: (BTreeSet<Permission>, Visible) =
        (Permission::all().collect(), Visible::everything());
    let admin = actor("admin", &admin_g);
    let mut bad = item("新增事项", "X99", "科");
    bad.basis.clear();
    bad.responsibilities.clear();
    let id = adj
        .draft(
            &admin,
            DraftInput {
                kind: Kind::Add,
                trigger: Trigger::LawChange,
                trigger_date: day("2024-03-01"),
                body: code("N04"),
                title: "新增".into(),
                draft: vec![
                    ProposedItem {
                        code: code("CF0009"),
                        item: Some(bad),
                    },
                    ProposedItem {
                        code: code("CF0002"),
                        item: Some(item("重复编码", "N04", "科")),
                    },
                ],
            },
        )
        .await
        .unwrap();
    adj.submit(&admin, id, day("2024-03-04")).await.unwrap();
    adj.legal_review(&legal, id, "", day("2024-03-05"))
        .await
        .unwrap();
    adj.staffing_review(&staffing, id, "", day("2024-03-06"))
        .await
        .unwrap();
    adj.approve(&leader, id, "", day("2024-03-07"))
        .await
        .unwrap();
    let before = count_versions(store).await;
    let err = adj
        .publish(
            &staffing,
            id,
            "济高管发〔2024〕3号",
            day("2024-04-01"),
            day("2024-03-08"),
            Default::default(),
        )
        .await
        .unwrap_err();
    let AdjustAppError::Publication(failures) = err else {
        panic!("{err}")
    };
    let d = day("2024-04-01");
    assert_eq!(
        failures,
        [
            PublishFailure::NoLegalBasis {
                code: code("CF0009")
            },
            PublishFailure::NoResponsibility {
                code: code("CF0009")
            },
            PublishFailure::BodyMissing {
                code: code("CF0009"),
                body: code("X99"),
                day: d
            },
            PublishFailure::DuplicateCode {
                code: code("CF0002"),
                day: d
            },
        ]
    );
    assert_eq!(count_versions(store).await, before);
    assert!(
        list_on(store, "2024-04-01")
            .await
            .iter()
            .all(|v| v.code != code("CF0009"))
    );
    assert_eq!(
        adj.get(&staffing, id).await.unwrap().status,
        Status::Publication
    );
    // A draft whose shape does not fit its kind is refused at once.
    let err = adj
        .draft(
            &admin,
            DraftInput {
                kind: Kind::Cancel,
                trigger: Trigger::Other,
                trigger_date: day("2024-03-01"),
                body: code("N04"),
                title: "取消".into(),
                draft: vec![ProposedItem {
                    code: code("CF0001"),
                    item: Some(item("x", "N04", "科")),
                }],
            },
        )
        .await
        .unwrap_err();
    assert!(matches!(err, AdjustAppError::Invalid(_)), "{err}");
}

/// Items whose body the 2020 reform ended: one follows its single heir, the other
/// (no heir) needs a person; both become system drafts in the work queue, and
/// publication moves the first to its heir.
async fn reform_orphans_become_system_drafts(store: Arc<dyn Store>) {
    let store = store.as_ref();
    setup(store).await;
    let cfg = AdjustConfig::default();
    let cal = calendar::national().unwrap();
    let adj = Adjuster::new(store, &cfg, &cal);
    let p = people();
    let staff = actor("econ.staff", &p.staff);
    let legal = actor("legal.officer", &p.legal);
    let staffing = actor("staffing.officer", &p.staffing);
    let found = zonegov_app::power::adjust::orphans(store, day("2024-01-01"))
        .await
        .unwrap();
    let codes: Vec<&str> = found.iter().map(|o| o.code.as_str()).collect();
    assert_eq!(codes, ["CF0003", "CF0004"]);
    assert!(
        zonegov_app::power::adjust::orphans(store, day("2020-06-30"))
            .await
            .unwrap()
            .iter()
            .all(|o| o.code != code("CF0003")),
        "O20 still existed"
    );
    assert!(matches!(
        adj.draft_orphans(&staff, day("2024-01-01")).await,
        Err(AdjustAppError::Denied(_))
    ));
    let drafted = adj
        .draft_orphans(&staffing, day("2024-01-01"))
        .await
        .unwrap();
    assert_eq!(drafted.len(), 2);
    assert!(
        adj.draft_orphans(&staffing, day("2024-01-01"))
            .await
            .unwrap()
            .is_empty(),
        "drafted once"
    );
    let (follow_id, need_id) = (drafted[0].1, drafted[1].1);
    let follow = adj.get(&staffing, follow_id).await.unwrap();
    assert!(follow.by_system);
    assert_eq!(
        (follow.trigger, follow.kind, follow.body.as_str()),
        (Trigger::Reform, Kind::Change, "N04")
    );
    assert_eq!(follow.trigger_date, day("2020-07-01"), "the reform's day");
    assert_eq!(follow.draft[0].item.as_ref().unwrap().body, code("N04"));
    // The heir's staff find it in their queue (their scope is N04), overdue: the
    // reform was long ago. The other is outside their scope.
    let q = adj.work_queue(&staff, day("2024-01-02")).await.unwrap();
    assert_eq!(
        q.iter().map(|e| e.adjustment.id).collect::<Vec<_>>(),
        [follow_id]
    );
    assert!(q[0].deadline.unwrap().overdue);
    assert!(
        adj.work_queue(&staffing, day("2024-01-02"))
            .await
            .unwrap()
            .is_empty(),
        "drafts wait on departments"
    );
    // It still goes through review and publication.
    adj.submit(&staff, follow_id, day("2024-01-02"))
        .await
        .unwrap();
    adj.legal_review(&legal, follow_id, "", day("2024-01-03"))
        .await
        .unwrap();
    adj.staffing_review(&staffing, follow_id, "", day("2024-01-04"))
        .await
        .unwrap();
    adj.publish(
        &staffing,
        follow_id,
        "济高管发〔2024〕1号",
        day("2024-02-01"),
        day("2024-01-05"),
        Default::default(),
    )
    .await
    .unwrap();
    let now = list_on(store, "2024-02-01").await;
    assert_eq!(
        now.iter()
            .find(|v| v.code == code("CF0003"))
            .unwrap()
            .attrs
            .body,
        code("N04")
    );
    assert!(
        zonegov_app::power::adjust::orphans(store, day("2024-02-01"))
            .await
            .unwrap()
            .iter()
            .all(|o| o.code != code("CF0003"))
    );
    // The one without an heir cannot be published as drafted: its body is missing.
    let need = adj.get(&staffing, need_id).await.unwrap();
    assert!(need.title.contains("需调整"), "{}", need.title);
}

/// The demo file replays through the real procedure; a code missing from the list
/// fails the replay before anything is written, naming the code.
async fn the_demo_adjustments_replay_through_the_procedure(store: Arc<dyn Store>) {
    let store = store.as_ref();
    setup(store).await;
    let file =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data/demo/power_adjustments.toml");
    let err = zonegov_app::power::adjust::replay_demo(store, &file)
        .await
        .unwrap_err();
    assert!(err.to_string().contains("CF00237000"), "{err}");
    assert!(
        store
            .adjustments()
            .list_adjustments(&Default::default())
            .await
            .unwrap()
            .is_empty(),
        "nothing written"
    );
    // With the demo's list loaded the whole file replays.
    let demo = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data/demo");
    let dataset = zonegov_io::read_dataset(&demo).unwrap();
    let mut records = RecordSet::default();
    records.set(dataset.parts.records.of::<PowerItem>().to_vec());
    let zone = zonegov_store::history(store).await.unwrap().unwrap().zone;
    store
        .records()
        .load(&HistoryParts {
            zone,
            categories: vec![],
            changes: vec![],
            records,
            lineage: vec![],
        })
        .await
        .unwrap();
    let ids = zonegov_app::power::adjust::replay_demo(store, &file)
        .await
        .unwrap();
    assert_eq!(ids.len(), 4);
    let first = store.adjustments().adjustment_steps(ids[0]).await.unwrap();
    assert_eq!(
        first.len(),
        6,
        "submit, reject, submit, two reviews, publish"
    );
    assert_eq!(first[1].notes, "承办机构名称与三定方案不一致");
    let on = list_on(store, "2024-12-01").await;
    let find = |c: &str| on.iter().find(|v| v.code == code(c));
    assert_eq!(
        find("CF00237000").unwrap().attrs.handling_unit.as_deref(),
        Some("统计执法科")
    );
    assert_eq!(find("QT00074001").unwrap().attrs.body, code("N13"));
    assert!(find("CF00403000").is_some(), "added after the law change");
    assert!(find("QT00077000").is_none(), "cancelled");
    assert!(
        list_on(store, "2024-11-30")
            .await
            .iter()
            .any(|v| v.code == code("QT00077000"))
    );
    // CF0001's history: the loaded version, and the one the replay published.
    let v = item_history(store, &Visible::everything(), &code("CF00237000"))
        .await
        .unwrap();
    assert_eq!(v.len(), 2);
    assert_eq!(v[1].period.from(), day("2024-03-01"));
}

async fn sqlite() -> (tempfile::TempDir, Arc<dyn Store>) {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("t.db").display());
    let store = zonegov_store::connect(&url).await.unwrap();
    (dir, store)
}

async fn postgres() -> Arc<dyn Store> {
    use sqlx_free::create_db;
    create_db().await
}

/// A fresh PostgreSQL database on the server `ZONEGOV_TEST_PG_URL` names.
mod sqlx_free {
    use std::sync::Arc;
    use zonegov_store::Store;

    pub async fn create_db() -> Arc<dyn Store> {
        let admin_url = std::env::var("ZONEGOV_TEST_PG_URL").expect("ZONEGOV_TEST_PG_URL");
        let name = format!(
            "zg_adjust_{}_{}",
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos()
        );
        let status = std::process::Command::new("psql")
            .args([&admin_url, "-c", &format!("CREATE DATABASE {name}")])
            .status()
            .expect("psql");
        assert!(status.success());
        let (base, _) = admin_url.rsplit_once('/').unwrap();
        zonegov_store::connect(&format!("{base}/{name}"))
            .await
            .unwrap()
    }
}

macro_rules! both {
    ($($test:ident),* $(,)?) => {
        mod sqlite_tier {
            $(
                #[tokio::test]
                async fn $test() {
                    let (_dir, store) = super::sqlite().await;
                    super::$test(store).await;
                }
            )*
        }
        mod postgres_tier {
            $(
                #[tokio::test]
                #[ignore = "needs PostgreSQL: run with --include-ignored and ZONEGOV_TEST_PG_URL"]
                async fn $test() {
                    super::$test(super::postgres().await).await;
                }
            )*
        }
    };
}

both!(
    acceptance,
    cancel_with_approval_and_a_deadline_across_national_day,
    a_refused_publication_names_every_failure,
    reform_orphans_become_system_drafts,
    the_demo_adjustments_replay_through_the_procedure,
);
