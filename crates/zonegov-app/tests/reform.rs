#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test
//! Reforms on the demo zone through the app: a reform that would orphan a list item
//! is refused naming it; a merge moves exactly the power items, boundary duties,
//! safety rules and users the preview listed; a park merge re-assigns its
//! enterprises and keeps the coverage audit complete; two editors of one body: the
//! second save is refused and nothing is lost.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::Arc;
use zonegov_app::reform::{ReformError, apply, preview};
use zonegov_app::safety::audit::audit_stored;
use zonegov_domain::auth::{PasswordPolicy, Perm, Visible};
use zonegov_domain::boundary::BoundaryItem;
use zonegov_domain::reform::Reform;
use zonegov_domain::{Code, EntityKind, NaiveDate, Record};
use zonegov_store::{Store, VersionQuery};

fn here(p: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(p)
}

fn code(s: &str) -> Code {
    Code::parse(s).unwrap()
}

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

async fn demo_store(dir: &std::path::Path) -> Arc<dyn Store> {
    let url = format!("sqlite://{}", dir.join("t.db").display());
    let store = zonegov_store::connect(&url).await.unwrap();
    zonegov_app::dataset::load_dir(store.as_ref(), &here("../../data/demo"), "tester")
        .await
        .unwrap();
    store
}

fn reform(toml: &str) -> Reform {
    zonegov_io::reform::reform_from_toml(toml, "test.toml", &here("../../data/demo")).unwrap()
}

const ALL: &(dyn Fn(Perm) -> bool + Sync) = &|_| true;

/// Codes of `kind` valid on `on` whose owner is one of `owners`, read from the store.
async fn owned(
    store: &dyn Store,
    kind: EntityKind,
    on: NaiveDate,
    owners: &[&str],
) -> BTreeSet<Code> {
    let mut out = BTreeSet::new();
    for o in owners {
        let o = code(o);
        let rows = store
            .records()
            .versions(&VersionQuery {
                as_of: Some(on),
                owner: Some(&o),
                ..VersionQuery::all_of(kind)
            })
            .await
            .unwrap();
        out.extend(rows.into_iter().map(|r| r.code));
    }
    out
}

/// Boundary items valid on `on` naming one of `bodies` as a party, from the history.
async fn naming(store: &dyn Store, on: NaiveDate, bodies: &[&str]) -> BTreeSet<Code> {
    let h = zonegov_store::history(store).await.unwrap().unwrap();
    h.timeline::<BoundaryItem>()
        .snapshot(on)
        .filter(|v| {
            v.attrs.dependencies().iter().any(|r| {
                r.kind == zonegov_domain::Institution::KIND && bodies.contains(&r.code.as_str())
            })
        })
        .map(|v| v.code.clone())
        .collect()
}

fn moved_of(p: &zonegov_app::reform::Preview, kind: EntityKind) -> BTreeSet<Code> {
    p.plan
        .moved
        .iter()
        .filter(|m| m.kind == kind)
        .map(|m| m.code.clone())
        .collect()
}

#[tokio::test]
async fn a_reform_that_would_orphan_a_list_item_is_refused_naming_it_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let store = demo_store(dir.path()).await;
    let on = day("2025-01-01");
    let items = owned(
        store.as_ref(),
        zonegov_domain::PowerItem::KIND,
        on,
        &["N05"],
    )
    .await;
    assert!(!items.is_empty(), "the demo gives N05 power items");
    let r = reform(
        r#"id = "C2025X"
effective = "2025-01-01"
doc_no = "示例〔2025〕9号"
reason = { zh = "撤销财政金融局" }

[[operations]]
op = "quota_move"
from = "N05"
to = "N04"
quota = "administrative"
amount = 14

[[operations]]
op = "abolish"
target = "institution"
code = "N05"
"#,
    );
    let before = store.records().history_parts().await.unwrap().unwrap();
    let err = apply(store.as_ref(), &r, "tester", "local", ALL, None)
        .await
        .unwrap_err();
    let ReformError::Refused(refusals) = &err else {
        panic!("{err}")
    };
    let named: BTreeSet<Code> = refusals
        .0
        .iter()
        .filter(|x| x.kind == Some(zonegov_domain::PowerItem::KIND))
        .filter_map(|x| x.code.clone())
        .collect();
    assert_eq!(named, items, "every orphaned item is named");
    assert!(
        err.to_string().contains("would be left with no body"),
        "{err}"
    );
    let after = store.records().history_parts().await.unwrap().unwrap();
    assert_eq!(after.changes.len(), before.changes.len());
    assert_eq!(after.records.len(), before.records.len());
    assert_eq!(
        owned(
            store.as_ref(),
            zonegov_domain::PowerItem::KIND,
            on,
            &["N05"]
        )
        .await,
        items
    );
}

#[tokio::test]
async fn a_merge_moves_exactly_the_records_and_users_the_preview_listed() {
    let dir = tempfile::tempdir().unwrap();
    let store = demo_store(dir.path()).await;
    let on = day("2025-01-01");
    zonegov_app::accounts::seed_roles(store.as_ref())
        .await
        .unwrap();
    let user = zonegov_app::accounts::create_user(
        store.as_ref(),
        &PasswordPolicy::default(),
        zonegov_app::accounts::UserSpec {
            username: "fin.staff",
            display_name: "财政金融局工作人员",
            password: "Str0ng-Passw0rd!",
            institution: code("N05"),
            park: None,
            roles: vec![code("staff")],
            must_change_password: false,
        },
        "tester",
        "local",
    )
    .await
    .unwrap();
    let power = owned(
        store.as_ref(),
        zonegov_domain::PowerItem::KIND,
        on,
        &["N05", "N06"],
    )
    .await;
    let duties = naming(store.as_ref(), on, &["N05", "N06"]).await;
    assert!(!power.is_empty() && !duties.is_empty());
    let r = reform(
        r#"id = "C2025M"
effective = "2025-01-01"
doc_no = "示例〔2025〕3号"
reason = { zh = "财政金融局、科技创新局并入发展改革局" }

[[operations]]
op = "merge"
target = "institution"
from = ["N05", "N06"]
into = "N04"
"#,
    );
    let loans_of = |h: &zonegov_domain::ZoneHistory, bodies: &[&str]| -> BTreeSet<Code> {
        h.timeline::<zonegov_domain::quota::QuotaLoan>()
            .snapshot(on)
            .filter(|v| bodies.contains(&v.attrs.body.as_str()))
            .map(|v| v.code.clone())
            .collect()
    };
    let h0 = zonegov_store::history(store.as_ref())
        .await
        .unwrap()
        .unwrap();
    let loans = loans_of(&h0, &["N05", "N06"]);
    assert!(!loans.is_empty(), "the demo lends quota to N06");
    let p = preview(store.as_ref(), &r, "tester").await.unwrap();
    assert_eq!(moved_of(&p, zonegov_domain::PowerItem::KIND), power);
    assert_eq!(
        moved_of(&p, zonegov_domain::quota::QuotaLoan::KIND),
        loans,
        "revolving-quota loans follow the borrowing body"
    );
    assert_eq!(moved_of(&p, BoundaryItem::KIND), duties);
    let users: Vec<(&str, Option<&str>)> = p
        .users
        .iter()
        .map(|u| (u.username.as_str(), u.to.as_ref().map(Code::as_str)))
        .collect();
    assert_eq!(users, [("fin.staff", Some("N04"))]);
    let counts = p.plan.counts();
    assert_eq!(counts[&zonegov_domain::PowerItem::KIND].moved, power.len());
    assert!(p.plan.ledger.balances());
    // The absorbed bodies' 三定 end with them and go to the work queue for the
    // successor's own decision: neither carried over nor left behind.
    let staffing = zonegov_domain::staffing::Staffing::KIND;
    let flagged: Vec<&str> = p
        .plan
        .flagged
        .iter()
        .filter(|f| f.kind == staffing)
        .map(|f| f.code.as_str())
        .collect();
    assert_eq!(flagged, ["N05", "N06"]);
    assert!(
        p.plan
            .flagged
            .iter()
            .all(|f| f.kind != staffing || f.reason.contains("N04")),
        "{:?}",
        p.plan.flagged
    );
    assert_eq!(counts[&staffing].ended, 2);

    let applied = apply(store.as_ref(), &r, "tester", "local", ALL, Some(&p.seen))
        .await
        .unwrap();
    assert_eq!(applied.users, 1);
    let now = owned(
        store.as_ref(),
        zonegov_domain::PowerItem::KIND,
        on,
        &["N04"],
    )
    .await;
    assert!(power.is_subset(&now), "every moved item now belongs to N04");
    assert!(
        owned(
            store.as_ref(),
            zonegov_domain::PowerItem::KIND,
            on,
            &["N05", "N06"]
        )
        .await
        .is_empty()
    );
    assert!(naming(store.as_ref(), on, &["N05", "N06"]).await.is_empty());
    assert!(!naming(store.as_ref(), on, &["N04"]).await.is_empty());
    // Before the effective date nothing changed.
    let earlier = day("2024-12-31");
    assert_eq!(
        owned(
            store.as_ref(),
            zonegov_domain::PowerItem::KIND,
            earlier,
            &["N05", "N06"]
        )
        .await,
        power
    );
    let u = store.accounts().user_by_id(user).await.unwrap().unwrap();
    assert_eq!(u.institution, code("N04"));
    let h = zonegov_store::history(store.as_ref())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        h.heirs(zonegov_domain::Institution::KIND, &code("N05"), on),
        [code("N04")]
    );
    assert!(loans_of(&h, &["N05", "N06"]).is_empty());
    assert!(loans.is_subset(&loans_of(&h, &["N04"])));
    assert!(
        h.timeline::<zonegov_domain::staffing::Staffing>()
            .as_of(&code("N05"), on)
            .is_none(),
        "N05's 三定 ended with N05"
    );
    assert!(
        h.timeline::<zonegov_domain::staffing::Staffing>()
            .as_of(&code("N05"), earlier)
            .is_some(),
        "and was in force the day before"
    );
}

#[tokio::test]
async fn a_park_merge_reassigns_its_enterprises_and_coverage_stays_complete() {
    let dir = tempfile::tempdir().unwrap();
    let store = demo_store(dir.path()).await;
    let on = day("2025-07-01");
    let kind = zonegov_domain::enterprise::Enterprise::KIND;
    let firms = owned(store.as_ref(), kind, on, &["P07"]).await;
    let before = owned(store.as_ref(), kind, on, &["P08"]).await;
    assert!(!firms.is_empty());
    let complete = |r: &zonegov_domain::safety::CoverageReport| {
        r.exception_count() == 0 && r.parties.iter().all(|p| p.covered == r.total)
    };
    let audit = audit_stored(store.as_ref(), on, &Visible::everything(), 5)
        .await
        .unwrap();
    assert!(complete(&audit), "the demo starts complete");
    zonegov_app::accounts::seed_roles(store.as_ref())
        .await
        .unwrap();
    let user = zonegov_app::accounts::create_user(
        store.as_ref(),
        &PasswordPolicy::default(),
        zonegov_app::accounts::UserSpec {
            username: "p07.staff",
            display_name: "数字经济产业园工作人员",
            password: "Str0ng-Passw0rd!",
            institution: code("N08"),
            park: Some(code("P07")),
            roles: vec![code("park")],
            must_change_password: false,
        },
        "tester",
        "local",
    )
    .await
    .unwrap();
    let r = reform(
        r#"id = "C2025P"
effective = "2025-07-01"
doc_no = "示例〔2025〕5号"
reason = { zh = "数字经济产业园并入科技创新园" }

[[operations]]
op = "merge"
target = "park"
from = ["P07"]
into = "P08"

[[operations]]
op = "end_record"
item = { kind = "safety_grid", code = "G1-ST02-P07" }
"#,
    );
    let project = zonegov_domain::project::Project::KIND;
    let projects = owned(store.as_ref(), project, on, &["P07"]).await;
    let projects_before = owned(store.as_ref(), project, on, &["P08"]).await;
    assert!(!projects.is_empty(), "the demo has projects in P07");
    let p = preview(store.as_ref(), &r, "tester").await.unwrap();
    assert_eq!(moved_of(&p, kind), firms);
    assert_eq!(moved_of(&p, project), projects, "its projects follow too");
    apply(store.as_ref(), &r, "tester", "local", ALL, Some(&p.seen))
        .await
        .unwrap();
    assert!(owned(store.as_ref(), kind, on, &["P07"]).await.is_empty());
    assert!(
        owned(store.as_ref(), project, on, &["P07"])
            .await
            .is_empty()
    );
    assert_eq!(
        owned(store.as_ref(), project, on, &["P08"]).await,
        projects_before.union(&projects).cloned().collect()
    );
    let now = owned(store.as_ref(), kind, on, &["P08"]).await;
    assert_eq!(now, before.union(&firms).cloned().collect());
    let audit = audit_stored(store.as_ref(), on, &Visible::everything(), 5)
        .await
        .unwrap();
    assert_eq!(
        audit.total as usize,
        owned(
            store.as_ref(),
            kind,
            on,
            &[
                "P01", "P03", "P04", "P06", "P08", "P09", "P10", "P11", "P13"
            ]
        )
        .await
        .len()
            + unparked(store.as_ref(), on).await
    );
    assert!(complete(&audit), "{audit:?}");
    let u = store.accounts().user_by_id(user).await.unwrap().unwrap();
    assert_eq!(
        (u.institution, u.park),
        (code("N08"), Some(code("P08"))),
        "the park user follows"
    );
}

/// Enterprises with no park on `on` (the audit counts them too).
async fn unparked(store: &dyn Store, on: NaiveDate) -> usize {
    let rows = store
        .records()
        .versions(&VersionQuery {
            as_of: Some(on),
            ..VersionQuery::all_of(zonegov_domain::enterprise::Enterprise::KIND)
        })
        .await
        .unwrap();
    rows.iter().filter(|r| r.owner.is_none()).count()
}

#[tokio::test]
async fn two_editors_of_one_body_the_second_save_is_refused_and_nothing_is_lost() {
    let dir = tempfile::tempdir().unwrap();
    let store = demo_store(dir.path()).await;
    let rename = reform(
        r#"id = "C2025A"
effective = "2025-03-01"
doc_no = "示例〔2025〕6号"
reason = { zh = "更名" }

[[operations]]
op = "rename"
target = "institution"
code = "N04"
name = { zh = "发展和改革局" }
"#,
    );
    let plate = reform(
        r#"id = "C2025B"
effective = "2025-04-01"
doc_no = "示例〔2025〕7号"
reason = { zh = "加挂牌子" }

[[operations]]
op = "add_plate"
code = "N04"
plate = { zh = "粮食和物资储备局" }
"#,
    );
    let seen_a = preview(store.as_ref(), &rename, "alice")
        .await
        .unwrap()
        .seen;
    let seen_b = preview(store.as_ref(), &plate, "bob").await.unwrap().seen;
    assert_eq!(seen_a, seen_b, "both saw the same version of N04");
    apply(
        store.as_ref(),
        &rename,
        "alice",
        "local",
        ALL,
        Some(&seen_a),
    )
    .await
    .unwrap();
    let err = apply(store.as_ref(), &plate, "bob", "local", ALL, Some(&seen_b))
        .await
        .unwrap_err();
    let ReformError::Stale {
        code: stale, now, ..
    } = &err
    else {
        panic!("{err}")
    };
    assert_eq!(stale, &code("N04"));
    assert!(now.starts_with("C2025A"), "{now}");
    assert!(err.to_string().contains("N04") && err.to_string().contains("nothing was written"));
    let h = zonegov_store::history(store.as_ref())
        .await
        .unwrap()
        .unwrap();
    assert!(h.change(&code("C2025B")).is_none());
    let n04 = h
        .institutions()
        .as_of(&code("N04"), day("2025-05-01"))
        .unwrap();
    assert_eq!(n04.attrs.name.zh, "发展和改革局", "alice's change is kept");
    assert_eq!(n04.attrs.plates.len(), 1, "bob's plate was not written");
    // Bob previews again and saves on top of alice's change.
    let seen_b = preview(store.as_ref(), &plate, "bob").await.unwrap().seen;
    apply(store.as_ref(), &plate, "bob", "local", ALL, Some(&seen_b))
        .await
        .unwrap();
    let h = zonegov_store::history(store.as_ref())
        .await
        .unwrap()
        .unwrap();
    let n04 = h
        .institutions()
        .as_of(&code("N04"), day("2025-05-01"))
        .unwrap();
    assert_eq!(
        (n04.attrs.name.zh.as_str(), n04.attrs.plates.len()),
        ("发展和改革局", 2)
    );
}

#[tokio::test]
async fn each_operation_family_needs_its_permission_and_a_refusal_is_audited() {
    let dir = tempfile::tempdir().unwrap();
    let store = demo_store(dir.path()).await;
    let r = reform(
        r#"id = "C2025Q"
effective = "2025-03-01"
doc_no = "示例〔2025〕8号"
reason = { zh = "编制划转" }

[[operations]]
op = "quota_move"
from = "N07"
to = "N04"
quota = "administrative"
amount = 1
"#,
    );
    let only_org: &(dyn Fn(Perm) -> bool + Sync) = &|p| p.code() != "org:quota:apply";
    let err = apply(store.as_ref(), &r, "tester", "local", only_org, None)
        .await
        .unwrap_err();
    assert!(
        matches!(err, ReformError::Forbidden("org:quota:apply")),
        "{err}"
    );
    let trail = store.audit().audit_chain().await.unwrap();
    assert!(
        trail
            .iter()
            .any(|e| e.draft.action == "reform.apply" && e.draft.outcome == "denied")
    );
    apply(store.as_ref(), &r, "tester", "local", ALL, None)
        .await
        .unwrap();
    let trail = store.audit().audit_chain().await.unwrap();
    let ok = trail
        .iter()
        .find(|e| e.draft.action == "reform.apply" && e.draft.outcome == "ok")
        .unwrap();
    assert_eq!(ok.draft.detail["ledger"]["entries"][0]["entry"], "move");
}
