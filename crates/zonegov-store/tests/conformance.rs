#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test
//! One conformance suite, run against both backends. SQLite always runs; the
//! PostgreSQL tier is ignored unless run with `--include-ignored` and
//! `ZONEGOV_TEST_PG_URL` pointing at a server where it may create databases
//! (`.ci/run` does this).

use std::path::PathBuf;
use std::sync::Arc;
use zonegov_domain::auth::Visible;
use zonegov_domain::{Code, HistoryParts, Institution, NaiveDate, Park, Record};
use zonegov_store::{Store, StoreError};

/// The demo zone without its power list: the list's cases load their own items.
fn demo_parts() -> HistoryParts {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data/demo");
    let mut parts = zonegov_io::read_dataset(&dir)
        .unwrap_or_else(|e| panic!("{e}"))
        .parts;
    parts.records.set::<zonegov_domain::PowerItem>(Vec::new());
    parts
}

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn all() -> Visible {
    Visible::everything()
}

fn code(s: &str) -> Code {
    Code::parse(s).unwrap()
}

/// A fresh, empty store of one backend, dropped with the guard.
struct Fresh {
    store: Arc<dyn Store>,
    url: String,
    _dir: Option<tempfile::TempDir>,
}

impl Fresh {
    /// How many rows `table` holds, read behind the store's back.
    async fn count(&self, table: &str) -> i64 {
        use sqlx::Connection;
        let sql = sqlx::AssertSqlSafe(format!("SELECT COUNT(*) FROM {table}"));
        if self.url.starts_with("sqlite:") {
            let mut c = sqlx::SqliteConnection::connect(&self.url).await.unwrap();
            sqlx::query_scalar(sql).fetch_one(&mut c).await.unwrap()
        } else {
            let mut c = sqlx::PgConnection::connect(&self.url).await.unwrap();
            sqlx::query_scalar(sql).fetch_one(&mut c).await.unwrap()
        }
    }

    /// Runs SQL behind the store's back, as an attacker with database access would.
    async fn raw(&self, sql: &str) {
        use sqlx::Connection;
        let sql = sqlx::AssertSqlSafe(sql.to_owned());
        if self.url.starts_with("sqlite:") {
            let mut c = sqlx::SqliteConnection::connect(&self.url).await.unwrap();
            sqlx::Executor::execute(&mut c, sql).await.unwrap();
        } else {
            let mut c = sqlx::PgConnection::connect(&self.url).await.unwrap();
            sqlx::Executor::execute(&mut c, sql).await.unwrap();
        }
    }
}

async fn sqlite() -> Fresh {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("t.db").display());
    Fresh {
        store: zonegov_store::connect(&url).await.unwrap(),
        url,
        _dir: Some(dir),
    }
}

async fn postgres() -> Fresh {
    use sqlx::Connection;
    let admin_url = std::env::var("ZONEGOV_TEST_PG_URL")
        .expect("the PostgreSQL tier needs ZONEGOV_TEST_PG_URL, e.g. postgres://postgres@127.0.0.1:5432/postgres");
    let name = format!(
        "zg_conf_{}_{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos()
    );
    let mut admin = sqlx::PgConnection::connect(&admin_url).await.unwrap();
    sqlx::Executor::execute(
        &mut admin,
        sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")),
    )
    .await
    .unwrap();
    let (base, _) = admin_url.rsplit_once('/').unwrap();
    let url = format!("{base}/{name}");
    Fresh {
        store: zonegov_store::connect(&url).await.unwrap(),
        url,
        _dir: None,
    }
}

macro_rules! conformance {
    ($($test:ident),* $(,)?) => {
        mod sqlite_tier {
            $(
                #[tokio::test]
                async fn $test() {
                    super::$test(&super::sqlite().await).await;
                }
            )*
        }
        mod postgres_tier {
            $(
                #[tokio::test]
                #[ignore = "needs PostgreSQL: run with --include-ignored and ZONEGOV_TEST_PG_URL"]
                async fn $test() {
                    super::$test(&super::postgres().await).await;
                }
            )*
        }
    };
}

conformance!(
    empty_store_has_no_history,
    load_round_trips_every_record,
    sql_as_of_matches_the_domain_engine_on_every_boundary,
    loading_twice_conflicts_and_changes_nothing,
    a_failing_load_leaves_nothing_behind,
    entity_history_and_lineage,
    every_version_has_a_change_item,
    hostile_text_is_stored_verbatim,
    data_scope_is_applied_in_the_query,
    users_roles_and_sessions_round_trip,
    audit_chain_verifies_and_names_tampering,
    audit_purge_keeps_the_rest_verifiable,
    audit_fields_are_bounded,
    search_finds_two_character_words_ranked_scoped_and_current,
    a_name_match_behind_a_window_of_duty_matches_still_ranks_first,
    search_rows_hold_the_vector_of_the_text_literal,
    bulk_versions_are_indexed_have_change_items_and_refuse_existing_records,
    list_counts_follow_every_write,
    a_bulk_write_supersedes_in_chunks_and_a_late_failure_leaves_nothing,
    adjustment_steps_round_trip_and_a_stale_step_conflicts,
    publication_ends_and_writes_versions_in_one_transaction,
    a_failing_publication_writes_nothing,
    adjustment_lists_apply_the_scope_in_the_query,
    api_tokens_round_trip_revoke_once_and_touch_without_a_revision,
);

async fn empty_store_has_no_history(f: &Fresh) {
    let s = f.store.as_ref();
    assert!(!s.records().has_zone().await.unwrap());
    assert!(zonegov_store::history(s).await.unwrap().is_none());
    assert!(
        zonegov_store::as_of::<Park>(s.records(), day("2024-01-01"), &all())
            .await
            .unwrap()
            .is_empty()
    );
}

async fn load_round_trips_every_record(f: &Fresh) {
    let s = f.store.as_ref();
    let parts = demo_parts();
    let summary = s.records().load(&parts).await.unwrap();
    assert_eq!(summary.versions, parts.records.len());
    assert!(
        parts.versions::<zonegov_domain::Counterpart>().len() >= 5,
        "the demo's streets"
    );
    let back = s.records().history_parts().await.unwrap().unwrap();
    assert_eq!(back.zone, parts.zone);
    assert_eq!(back.categories.len(), parts.categories.len());
    assert_eq!(
        sorted(back.versions::<Park>().to_vec()),
        sorted(parts.versions::<Park>().to_vec())
    );
    assert_eq!(
        sorted(back.versions::<Institution>().to_vec()),
        sorted(parts.versions::<Institution>().to_vec())
    );
    assert_eq!(
        sorted(back.versions::<zonegov_domain::Counterpart>().to_vec()),
        sorted(parts.versions::<zonegov_domain::Counterpart>().to_vec())
    );
    assert_eq!(back.lineage, parts.lineage);
    // Provenance per field survives the database (zone and lineage are compared whole above).
    let facts = |cs: &[zonegov_domain::ChangeSet]| {
        let mut v: Vec<_> = cs
            .iter()
            .map(|c| (c.id.clone(), c.provenance.clone()))
            .collect();
        v.sort_by(|a, b| a.0.cmp(&b.0));
        v
    };
    assert_eq!(facts(&back.changes), facts(&parts.changes));
    let cats = |cs: &[zonegov_domain::Category]| {
        let mut v: Vec<_> = cs
            .iter()
            .map(|c| (c.code.clone(), c.provenance.clone()))
            .collect();
        v.sort_by(|a, b| a.0.cmp(&b.0));
        v
    };
    assert_eq!(cats(&back.categories), cats(&parts.categories));
    assert!(
        parts.zone.provenance.facts.len() == 2 && parts.lineage[0].provenance.facts == ["change"]
    );
    let mut ids: Vec<_> = back
        .changes
        .iter()
        .map(|c| (c.id.clone(), c.doc_no.clone(), c.reason.clone()))
        .collect();
    let mut want: Vec<_> = parts
        .changes
        .iter()
        .map(|c| (c.id.clone(), c.doc_no.clone(), c.reason.clone()))
        .collect();
    ids.sort_by(|a, b| a.0.cmp(&b.0));
    want.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(ids, want);
    assert!(back.changes.iter().all(|c| c.recorded_at.is_some()));
}

fn sorted<T>(mut v: Vec<zonegov_domain::Version<T>>) -> Vec<zonegov_domain::Version<T>> {
    v.sort_by(|a, b| (&a.code, a.period.from()).cmp(&(&b.code, b.period.from())));
    v
}

async fn sql_as_of_matches_the_domain_engine_on_every_boundary(f: &Fresh) {
    let s = f.store.as_ref();
    s.records().load(&demo_parts()).await.unwrap();
    let h = zonegov_store::history(s).await.unwrap().unwrap();
    let mut days = vec![
        day("2014-12-31"),
        day("2019-12-31"),
        day("2021-06-30"),
        day("2024-12-31"),
        day("2030-01-01"),
    ];
    for b in h
        .parks()
        .boundaries()
        .into_iter()
        .chain(h.institutions().boundaries())
    {
        days.extend([b.pred_opt().unwrap(), b, b.succ_opt().unwrap()]);
    }
    for d in days {
        let sql: Vec<_> = zonegov_store::as_of::<Park>(s.records(), d, &all())
            .await
            .unwrap();
        let mem: Vec<_> = h.parks().snapshot(d).cloned().collect();
        assert_eq!(sql, mem, "parks on {d}");
        let sql: Vec<_> = zonegov_store::as_of::<Institution>(s.records(), d, &all())
            .await
            .unwrap();
        let mem: Vec<_> = h.institutions().snapshot(d).cloned().collect();
        assert_eq!(sql, mem, "institutions on {d}");
    }
    assert_eq!(
        zonegov_store::as_of::<Park>(s.records(), day("2019-12-31"), &all())
            .await
            .unwrap()
            .len(),
        12
    );
    assert_eq!(
        zonegov_store::as_of::<Park>(s.records(), day("2024-12-31"), &all())
            .await
            .unwrap()
            .len(),
        10
    );
}

async fn loading_twice_conflicts_and_changes_nothing(f: &Fresh) {
    let s = f.store.as_ref();
    let parts = demo_parts();
    s.records().load(&parts).await.unwrap();
    let before = s.records().history_parts().await.unwrap().unwrap();
    let err = s.records().load(&parts).await.unwrap_err();
    assert!(matches!(err, StoreError::Conflict(_)), "{err}");
    let after = s.records().history_parts().await.unwrap().unwrap();
    assert_eq!(before.versions::<Park>(), after.versions::<Park>());
    assert_eq!(
        before.versions::<Institution>(),
        after.versions::<Institution>()
    );
    assert_eq!(before.lineage.len(), after.lineage.len());
}

async fn a_failing_load_leaves_nothing_behind(f: &Fresh) {
    let s = f.store.as_ref();
    let mut parts = demo_parts();
    // The last version clashes with the first: the failure comes after the zone,
    // categories, change sets and most versions were already written in the transaction.
    let institutions = parts.records.of_mut::<Institution>();
    let first = institutions[0].clone();
    institutions.push(first);
    let err = s.records().load(&parts).await.unwrap_err();
    assert!(matches!(err, StoreError::Conflict(_)), "{err}");
    assert!(!s.records().has_zone().await.unwrap());
    assert!(s.records().history_parts().await.unwrap().is_none());
    for table in [
        "zone",
        "category",
        "change_set",
        "entity_version",
        "change_item",
        "lineage",
    ] {
        assert_eq!(f.count(table).await, 0, "{table} after a failed load");
    }
    assert!(
        zonegov_store::as_of::<Park>(s.records(), day("2020-01-01"), &all())
            .await
            .unwrap()
            .is_empty()
    );
}

async fn entity_history_and_lineage(f: &Fresh) {
    let s = f.store.as_ref();
    s.records().load(&demo_parts()).await.unwrap();
    let n04 = zonegov_store::versions_of::<Institution>(s.records(), &code("N04"), &all())
        .await
        .unwrap();
    let names: Vec<&str> = n04.iter().map(|v| v.attrs.name.zh.as_str()).collect();
    assert_eq!(names, ["经济发展局", "发展改革局"]);
    assert_eq!(n04[1].attrs.plates[0].zh, "统计局");
    let h = zonegov_store::history(s).await.unwrap().unwrap();
    let (succ, pred) = h.lineage_of(Institution::KIND, &code("O20"));
    assert_eq!((succ.len(), pred.len()), (1, 0));
    assert_eq!(succ[0].successor, code("N04"));
    let (_, pred) = h.lineage_of(Institution::KIND, &code("N04"));
    assert_eq!(pred.len(), 3, "three merged in");
    let p01 = zonegov_store::versions_of::<Park>(s.records(), &code("P01"), &all())
        .await
        .unwrap();
    assert_eq!(p01.len(), 3);
    assert!(p01[0].attrs.boundary.is_some());
    assert!(
        zonegov_store::versions_of::<Park>(s.records(), &code("NOPE"), &all())
            .await
            .unwrap()
            .is_empty()
    );
}

async fn every_version_has_a_change_item(f: &Fresh) {
    let s = f.store.as_ref();
    let parts = demo_parts();
    s.records().load(&parts).await.unwrap();
    let items = s
        .records()
        .change_items(zonegov_domain::Institution::KIND, &code("N04"))
        .await
        .unwrap();
    assert_eq!(items.len(), 2);
    assert!(items.iter().all(|i| i.after.is_some()));
    // The first version had nothing before it; the rename's item holds the old name.
    assert!(items[0].before.is_none());
    let before = items[1].before.as_ref().unwrap();
    assert_eq!(before["name"]["zh"], "经济发展局");
    assert_eq!(before["valid_to"], "2023-04-01");
    let after = items[1].after.as_ref().unwrap();
    assert_eq!(after["name"]["zh"], "发展改革局");
    assert_eq!(after["valid_from"], "2023-04-01");
}

async fn hostile_text_is_stored_verbatim(f: &Fresh) {
    let s = f.store.as_ref();
    let mut parts = demo_parts();
    let hostile = "'); DROP TABLE zone; -- <script>alert('x')</script> ＜全角＞ “引号” \\ %_";
    parts.records.of_mut::<Park>()[0].attrs.name.zh = hostile.into();
    parts.changes[0].reason.zh = hostile.into();
    s.records().load(&parts).await.unwrap();
    let first = parts.versions::<Park>()[0].code.clone();
    let p = zonegov_store::versions_of::<Park>(s.records(), &first, &all())
        .await
        .unwrap();
    assert_eq!(p[0].attrs.name.zh, hostile);
    let back = s.records().history_parts().await.unwrap().unwrap();
    assert!(back.changes.iter().any(|c| c.reason.zh == hostile));
    assert!(s.records().has_zone().await.unwrap());
}

async fn data_scope_is_applied_in_the_query(f: &Fresh) {
    let s = f.store.as_ref();
    s.records().load(&demo_parts()).await.unwrap();
    let d = day("2024-12-31");
    let only = Visible {
        institutions: Some([code("N08"), code("U01")].into()),
        parks: Some([code("P01")].into()),
    };
    let inst: Vec<_> = zonegov_store::as_of::<Institution>(s.records(), d, &only)
        .await
        .unwrap()
        .into_iter()
        .map(|v| v.code)
        .collect();
    assert_eq!(inst, [code("N08"), code("U01")]);
    let parks: Vec<_> = zonegov_store::as_of::<Park>(s.records(), d, &only)
        .await
        .unwrap()
        .into_iter()
        .map(|v| v.code)
        .collect();
    assert_eq!(parks, [code("P01")]);
    assert!(
        zonegov_store::versions_of::<Park>(s.records(), &code("P03"), &only)
            .await
            .unwrap()
            .is_empty(),
        "out of scope reads as absent"
    );
    assert_eq!(
        zonegov_store::versions_of::<Park>(s.records(), &code("P01"), &only)
            .await
            .unwrap()
            .len(),
        3
    );
    let nothing = Visible {
        institutions: Some(Default::default()),
        parks: Some(Default::default()),
    };
    assert!(
        zonegov_store::as_of::<Institution>(s.records(), d, &nothing)
            .await
            .unwrap()
            .is_empty()
    );
    // (A hostile code cannot reach the query: `Code` refuses anything but [A-Za-z0-9._-].)
    assert!(Code::parse("P01')--").is_err());
}

async fn users_roles_and_sessions_round_trip(f: &Fresh) {
    use std::collections::BTreeSet;
    use zonegov_domain::auth::{DataScope, Permission, Role, Username};
    let s = f.store.as_ref();
    let role = Role {
        code: code("viewer"),
        name: zonegov_domain::Name::new("查看", "Viewer"),
        permissions: BTreeSet::from([Permission::parse("zone:park:list").unwrap()]),
        scope: DataScope::Custom(BTreeSet::from([code("N08")])),
    };
    s.accounts().save_role(&role).await.unwrap();
    assert_eq!(s.accounts().roles().await.unwrap(), vec![role.clone()]);
    let new = zonegov_store::NewUser {
        username: Username::parse("zhang.san").unwrap(),
        display_name: "张三".into(),
        password_hash: "$argon2id$stub".into(),
        institution: code("N08"),
        park: Some(code("P01")),
        must_change_password: true,
        roles: vec![code("viewer")],
    };
    let id = s.accounts().create_user(&new).await.unwrap();
    assert!(matches!(
        s.accounts().create_user(&new).await,
        Err(StoreError::Conflict(_))
    ));
    let (u, hash) = s
        .accounts()
        .user_by_name("zhang.san")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (u.id, hash.as_str(), u.roles.clone()),
        (id, "$argon2id$stub", vec![code("viewer")])
    );
    assert!(u.must_change_password && u.failed_logins == 0 && u.locked_until.is_none());
    let until = chrono::Utc::now() + chrono::Duration::minutes(15);
    s.accounts()
        .record_login_failure(id, 0, Some(until))
        .await
        .unwrap();
    assert!(
        s.accounts()
            .user_by_id(id)
            .await
            .unwrap()
            .unwrap()
            .is_locked(chrono::Utc::now())
    );
    s.accounts().record_login_success(id).await.unwrap();
    assert!(
        !s.accounts()
            .user_by_id(id)
            .await
            .unwrap()
            .unwrap()
            .is_locked(chrono::Utc::now())
    );
    s.accounts().set_user_roles(id, &[]).await.unwrap();
    assert!(
        s.accounts()
            .user_by_id(id)
            .await
            .unwrap()
            .unwrap()
            .roles
            .is_empty()
    );
    let now = chrono::Utc::now();
    let session = zonegov_store::Session {
        user_id: id,
        csrf: "t".into(),
        ip: "127.0.0.1".into(),
        created_at: now,
        last_seen: now,
    };
    s.accounts().create_session("h1", &session).await.unwrap();
    assert_eq!(
        s.accounts().session("h1").await.unwrap().unwrap().user_id,
        id
    );
    s.accounts().delete_sessions_of(id).await.unwrap();
    assert!(s.accounts().session("h1").await.unwrap().is_none());
    let old = zonegov_store::Session {
        last_seen: now - chrono::Duration::hours(2),
        ..session.clone()
    };
    s.accounts().create_session("stale", &old).await.unwrap();
    s.accounts()
        .create_session("fresh", &session)
        .await
        .unwrap();
    assert_eq!(
        s.accounts()
            .purge_sessions(now - chrono::Duration::minutes(30))
            .await
            .unwrap(),
        1
    );
    assert!(
        s.accounts().session("stale").await.unwrap().is_none()
            && s.accounts().session("fresh").await.unwrap().is_some()
    );
}

fn draft(n: i64) -> zonegov_domain::auth::AuditDraft {
    zonegov_domain::auth::AuditDraft {
        actor: "admin".into(),
        ip: "127.0.0.1".into(),
        action: if n % 2 == 0 {
            "login.success".into()
        } else {
            "user.update".into()
        },
        target: format!("user:{n}"),
        outcome: "ok".into(),
        detail: serde_json::json!({"before": {"roles": []}, "after": {"roles": ["viewer"]}, "名": "张三'; --"}),
    }
}

async fn verify(s: &dyn Store) -> Result<u64, zonegov_domain::auth::ChainBreak> {
    zonegov_domain::auth::audit::verify(
        &s.audit().audit_chain().await.unwrap(),
        &s.audit().audit_anchors().await.unwrap(),
    )
}

async fn audit_chain_verifies_and_names_tampering(f: &Fresh) {
    use zonegov_domain::auth::ChainBreak;
    let s = f.store.as_ref();
    assert_eq!(verify(s).await, Ok(0));
    for n in 1..=6 {
        s.audit().append_audit(&draft(n)).await.unwrap();
    }
    assert_eq!(verify(s).await, Ok(6));
    let logins = s
        .audit()
        .audit_entries(&zonegov_store::AuditFilter {
            action_prefix: Some("login".into()),
            limit: 10,
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(logins.iter().map(|e| e.seq).collect::<Vec<_>>(), [6, 4, 2]);
    let page = s
        .audit()
        .audit_entries(&zonegov_store::AuditFilter {
            before_seq: Some(4),
            limit: 2,
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(page.iter().map(|e| e.seq).collect::<Vec<_>>(), [3, 2]);

    f.raw("UPDATE audit_log SET actor = 'mallory' WHERE seq = 3")
        .await;
    assert_eq!(verify(s).await, Err(ChainBreak::Altered { seq: 3 }));
    f.raw("UPDATE audit_log SET actor = 'admin' WHERE seq = 3")
        .await;
    assert_eq!(verify(s).await, Ok(6));

    // Deleting the newest entry leaves an intact chain 1..=5: only the head, which
    // still says 6, names the deletion.
    f.raw("DELETE FROM audit_log WHERE seq = 6").await;
    assert_eq!(
        verify(s).await,
        Err(ChainBreak::Head { last: 5, head: 6 }),
        "the deleted newest entry is named"
    );

    f.raw("DELETE FROM audit_log WHERE seq = 4").await;
    assert_eq!(verify(s).await, Err(ChainBreak::Broken { seq: 5, prev: 3 }));
    // Re-insert a forged copy of entry 4: its hash cannot be right without the chain.
    f.raw("INSERT INTO audit_log (seq, at, actor, ip, action, target, outcome, detail, prev_hash, hash) \
           SELECT 4, at, actor, ip, action, 'user:forged', outcome, detail, hash, hash FROM audit_log WHERE seq = 3").await;
    assert_eq!(verify(s).await, Err(ChainBreak::Altered { seq: 4 }));
    f.raw("DELETE FROM audit_log WHERE seq = 4").await;
    assert_eq!(
        verify(s).await,
        Err(ChainBreak::Broken { seq: 5, prev: 3 }),
        "with 4 and 6 gone, the hole at 4 is found first"
    );
}

async fn audit_fields_are_bounded(f: &Fresh) {
    let s = f.store.as_ref();
    let huge = "名".repeat(100_000);
    let mut d = draft(1);
    d.actor = huge.clone();
    d.target = huge.clone();
    d.detail = serde_json::json!({ "x": huge });
    let entry = s.audit().append_audit(&d).await.unwrap();
    let stored = s.audit().audit_chain().await.unwrap().pop().unwrap();
    assert_eq!(stored, entry, "what is stored is what was sealed");
    assert_eq!(
        stored.draft.actor.chars().count(),
        65,
        "64 and the cut mark"
    );
    assert_eq!(stored.draft.target.chars().count(), 257);
    assert!(stored.draft.detail.to_string().len() <= 4096);
    assert_eq!(stored.draft.detail["truncated"], true);
    assert_eq!(verify(s).await, Ok(1));
}

async fn audit_purge_keeps_the_rest_verifiable(f: &Fresh) {
    let s = f.store.as_ref();
    for n in 1..=4 {
        s.audit().append_audit(&draft(n)).await.unwrap();
    }
    let cut = chrono::Utc::now() + chrono::Duration::seconds(1);
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    s.audit().append_audit(&draft(5)).await.unwrap();
    assert_eq!(s.audit().purge_audit(cut).await.unwrap(), 4);
    assert_eq!(verify(s).await, Ok(1));
    s.audit().append_audit(&draft(6)).await.unwrap();
    assert_eq!(verify(s).await, Ok(2));
}

/// A power item with the given name, body, duty and sub-item, valid from 2024.
fn power_item(
    code_text: &str,
    name: &str,
    body: &str,
    duty: &str,
    sub_item: Option<&str>,
) -> zonegov_domain::Version<zonegov_domain::PowerItem> {
    use zonegov_domain::power::{Accountability, BasisRole, Citation, PowerItem, Responsibility};
    zonegov_domain::Version {
        code: code(code_text),
        period: zonegov_domain::Period::new(day("2024-01-01"), None).unwrap(),
        change: code("C2015"),
        attrs: PowerItem {
            name: zonegov_domain::Name::new(name, ""),
            sub_item: sub_item.map(str::to_owned),
            item_type: "CF".into(),
            body: code(body),
            handling_unit: None,
            level: None,
            basis: vec![Citation {
                law: "中华人民共和国行政处罚法".into(),
                article: Some("第八条".into()),
                clause: None,
                item: None,
                role: BasisRole::Setting,
            }],
            responsibilities: vec![Responsibility {
                step: "受理".into(),
                duty: duty.into(),
                basis: Vec::new(),
            }],
            accountability: vec![Accountability {
                situation: "不履行职责的".into(),
                basis: Vec::new(),
            }],
            supervision_phone: None,
            remarks: None,
            provenance: zonegov_domain::Provenance {
                source: zonegov_domain::Source::Illustrative,
                basis: "test".into(),
                facts: Vec::new(),
            },
        },
    }
}

async fn search_finds_two_character_words_ranked_scoped_and_current(f: &Fresh) {
    use zonegov_domain::PowerItem;
    use zonegov_store::SearchQuery;
    let s = f.store.as_ref();
    let mut parts = demo_parts();
    for v in [
        power_item(
            "CF001",
            "对违反消防安全管理规定的处罚",
            "N08",
            "依法受理防火检查发现的案件",
            None,
        ),
        power_item("CF002", "消防", "N04", "受理", None),
        // A name shorter than CF001's: only the tier puts the name match first.
        power_item("CF003", "排污处罚", "N04", "受理消防部门移送的线索", None),
        power_item(
            "XK001",
            "建设用地规划许可",
            "N04",
            "受理申请",
            Some("91370800MA3C5XXX2K"),
        ),
    ] {
        parts.records.push(v);
    }
    s.records().load(&parts).await.unwrap();
    let q = |text| SearchQuery {
        kind: PowerItem::KIND,
        text,
        as_of: Some(day("2024-06-01")),
        scope: None,
        limit: 20,
        offset: 0,
    };
    let codes = |hits: Vec<zonegov_store::SearchHit>| -> Vec<String> {
        hits.into_iter()
            .map(|h| h.version.code.as_str().to_owned())
            .collect()
    };
    // The exact name first, then a name match, then a match in a duty only.
    let found = codes(s.records().search(&q("消防")).await.unwrap());
    assert_eq!(found, ["CF002", "CF001", "CF003"]);
    assert_eq!(
        codes(s.records().search(&q("用地")).await.unwrap()),
        ["XK001"]
    );
    assert_eq!(
        codes(s.records().search(&q("排污")).await.unwrap()),
        ["CF003"]
    );
    // One character: a prefix over tokens finds 防火 inside a duty.
    assert_eq!(
        codes(s.records().search(&q("火")).await.unwrap()),
        ["CF001"]
    );
    // A phrase must be contiguous: 消防许可 is in no text.
    assert!(s.records().search(&q("消防许可")).await.unwrap().is_empty());
    // Credit-code-like text, any case, whole or typed partly.
    assert_eq!(
        codes(s.records().search(&q("91370800ma3c5xxx2k")).await.unwrap()),
        ["XK001"]
    );
    assert_eq!(
        codes(s.records().search(&q("91370800MA3C")).await.unwrap()),
        ["XK001"]
    );
    // The data scope applies to the owner (the body), in the query.
    let only_n08: std::collections::BTreeSet<Code> = [code("N08")].into();
    let scoped = SearchQuery {
        scope: Some(&only_n08),
        ..q("消防")
    };
    assert_eq!(codes(s.records().search(&scoped).await.unwrap()), ["CF001"]);
    // Before the items existed, nothing.
    let early = SearchQuery {
        as_of: Some(day("2023-12-31")),
        ..q("消防")
    };
    assert!(s.records().search(&early).await.unwrap().is_empty());
    // Paging by offset.
    let second = SearchQuery {
        limit: 1,
        offset: 1,
        ..q("消防")
    };
    assert_eq!(codes(s.records().search(&second).await.unwrap()), ["CF001"]);
    // Hostile input never errors and is never syntax.
    for hostile in [
        "\"",
        "消防\" OR \"x",
        "*",
        "NEAR(消防 用地)",
        "a:b",
        "消防 & 用地 | !排污",
        "(((",
        "'; DROP TABLE search_index; --",
        "",
        "   ",
        "col:消防",
        "^消防",
        "消防*",
    ] {
        let hits = s
            .records()
            .search(&q(hostile))
            .await
            .unwrap_or_else(|e| panic!("{hostile:?}: {e}"));
        assert!(hits.len() <= 3, "{hostile:?}");
    }
    // Operator characters are separators: around a word they change nothing.
    for wrapped in ["\"消防", "消防*", "^消防", "(消防)", "消防:"] {
        let mut found = codes(s.records().search(&q(wrapped)).await.unwrap());
        found.sort();
        assert_eq!(found, ["CF001", "CF002", "CF003"], "{wrapped:?}");
    }
    // A superseded version drops out of results.
    f.raw("UPDATE entity_version SET superseded_by = 'C2015' WHERE code = 'CF002'")
        .await;
    assert_eq!(
        codes(s.records().search(&q("消防")).await.unwrap()),
        ["CF001", "CF003"]
    );
}

/// The search rows hold exactly the vector of the text literal
/// (`DocTokens::tsvector_literal`, the form the store used to send): PostgreSQL
/// stores the binary form the store now sends, compared here with what the server
/// makes of the literal, by `=` (lexemes, positions, weights) and as text, and its
/// name row with the literal's weight-A part. Hostile and ordinary text: quotes,
/// backslashes, colons, spaces, Han, full-width forms, a word repeated past the 256
/// positions PostgreSQL keeps, positions past 16,383, the longest word the text
/// form takes, almost nothing; through the single-row write (`load`) and the bulk
/// path. Both databases then find each item by a word of it. A word the text form
/// refuses (2,048 bytes) is refused on PostgreSQL and the write leaves nothing.
async fn search_rows_hold_the_vector_of_the_text_literal(f: &Fresh) {
    use zonegov_domain::{PowerItem, Record};
    let s = f.store.as_ref();
    let long_word = "x".repeat(2_047);
    let texts: Vec<(String, String)> = vec![
        (
            "对违反消防安全管理规定的处罚".into(),
            "依法受理防火检查发现的案件".into(),
        ),
        (
            "it's \"quoted\" 'x' \\ back\\\\slash O'Brien".into(),
            "a:1 b:2A c\\:d 'e':3,4 消防:A ':' '' \\' \\".into(),
        ),
        ("空 格  多\t个\n行".into(), " 　 ".into()),
        ("消防".repeat(300), "检查 ".repeat(300)),
        (
            "统一社会信用代码91370800MA3C5XXX2K ＸＫ０１ Ab9".into(),
            "第十五条；第十五条".into(),
        ),
        (String::new(), String::new()),
        ("消防".into(), "防火".repeat(9_000)),
        (long_word.clone(), format!("{long_word} {long_word}")),
        ("𠀀𠀁 丽 﨑".into(), "a 1 z 9 aa a1".into()),
    ];
    let items: Vec<zonegov_domain::Version<PowerItem>> = texts
        .iter()
        .enumerate()
        .map(|(i, (name, duty))| power_item(&format!("CF{i:03}"), name, "N04", duty, None))
        .collect();
    let (single, bulk) = items.split_at(items.len() / 2);
    let mut parts = demo_parts();
    for v in single {
        parts.records.push(v.clone());
    }
    s.records().load(&parts).await.unwrap();
    s.records()
        .load_bulk_versions(&[], &bulk.to_vec())
        .await
        .unwrap();
    for v in &items {
        let tokens = v.attrs.search_text().unwrap().tokens();
        if f.url.starts_with("postgres") {
            use sqlx::{Connection, Row};
            let mut c = sqlx::PgConnection::connect(&f.url).await.unwrap();
            let row = sqlx::query(
                "SELECT s.tokens = CAST($2 AS tsvector) AS same, \
                        n.tokens = ts_filter(CAST($2 AS tsvector), '{a}') AS same_name, \
                        CAST(s.tokens AS TEXT) AS got, CAST(CAST($2 AS tsvector) AS TEXT) AS want \
                 FROM entity_version ev JOIN search_index s ON s.version_id = ev.id \
                 JOIN search_name n ON n.version_id = ev.id \
                 WHERE ev.kind = 'power_item' AND ev.code = $1",
            )
            .bind(v.code.as_str())
            .bind(tokens.tsvector_literal())
            .fetch_one(&mut c)
            .await
            .unwrap();
            let (got, want): (String, String) = (row.get("got"), row.get("want"));
            assert_eq!(got, want, "{}", v.code);
            assert!(row.get::<bool, _>("same"), "{}: {got}", v.code);
            assert!(row.get::<bool, _>("same_name"), "{}: {got}", v.code);
        }
        // Found by a word of its name, else of its duties (or its basis, which
        // every item shares: then at least itself).
        let word = tokens
            .name
            .iter()
            .chain(&tokens.body)
            .find(|t| t.chars().count() == 2)
            .cloned()
            .unwrap_or_else(|| "处罚".to_owned());
        let hits = s
            .records()
            .search(&zonegov_store::SearchQuery {
                kind: PowerItem::KIND,
                text: &word,
                as_of: None,
                scope: None,
                limit: 100,
                offset: 0,
            })
            .await
            .unwrap();
        assert!(
            hits.iter().any(|h| h.version.code == v.code),
            "{} by {word}",
            v.code
        );
    }
    if f.url.starts_with("postgres") {
        let too_long = [power_item("CF999", &"x".repeat(2_048), "N04", "受理", None)];
        let before = f.count("entity_version").await;
        let err = s
            .records()
            .load_bulk_versions(&[], &too_long.to_vec())
            .await
            .unwrap_err();
        assert!(err.to_string().contains("2048 bytes"), "{err}");
        assert_eq!(f.count("entity_version").await, before);
    }
}

/// A national list holds far more matches in duties than a search ranks (its
/// window, 200 for a first page). A name match that comes after a window's worth of
/// duty-only matches must still be found and rank first: both databases take a
/// window of name matches of its own (PostgreSQL from `search_name`, 0010).
async fn a_name_match_behind_a_window_of_duty_matches_still_ranks_first(f: &Fresh) {
    use zonegov_domain::PowerItem;
    let s = f.store.as_ref();
    s.records().load(&demo_parts()).await.unwrap();
    let items: Vec<zonegov_domain::Version<PowerItem>> = (0..450)
        .map(|i| {
            let (name, duty) = if i == 440 {
                ("消防设施检测的许可", "受理申请")
            } else {
                ("对违反安全管理规定的处罚", "组织消防检查")
            };
            power_item(&format!("CF{i:05}"), name, "N04", duty, None)
        })
        .collect();
    s.records().load_bulk_versions(&[], &items).await.unwrap();
    let q = zonegov_store::SearchQuery {
        kind: PowerItem::KIND,
        text: "消防",
        as_of: None,
        scope: None,
        limit: 10,
        offset: 0,
    };
    let hits = s.records().search(&q).await.unwrap();
    assert_eq!(hits.len(), 10);
    assert_eq!(
        hits[0].version.code.as_str(),
        "CF00440",
        "{:?}",
        hits[0].version.name_zh
    );
    assert!(hits[0].score > hits[1].score);
}

async fn bulk_versions_are_indexed_have_change_items_and_refuse_existing_records(f: &Fresh) {
    use zonegov_domain::PowerItem;
    let s = f.store.as_ref();
    s.records().load(&demo_parts()).await.unwrap();
    let items: Vec<zonegov_domain::Version<PowerItem>> = (0..2_500)
        .map(|i| {
            let name = if i == 1_234 {
                "对违反排污规定的处罚"
            } else {
                "对违反消防安全管理规定的处罚"
            };
            power_item(&format!("CF{i:05}"), name, "N04", "受理", None)
        })
        .collect();
    let before_items = f.count("change_item").await;
    let written = s.records().load_bulk_versions(&[], &items).await.unwrap();
    assert_eq!(written, 2_500);
    assert_eq!(
        f.count("entity_version WHERE kind = 'power_item'").await,
        2_500
    );
    assert_eq!(f.count("change_item").await, before_items + 2_500);
    let q = zonegov_store::SearchQuery {
        kind: PowerItem::KIND,
        text: "排污",
        as_of: None,
        scope: None,
        limit: 10,
        offset: 0,
    };
    let hits = s.records().search(&q).await.unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].version.code.as_str(), "CF01234");
    // Batches after the first are indexed too.
    let all = zonegov_store::SearchQuery {
        text: "消防",
        limit: 5_000,
        ..q
    };
    assert_eq!(s.records().search(&all).await.unwrap().len(), 2_499);
    // Again: every record exists, nothing more is written.
    let err = s
        .records()
        .load_bulk_versions(&[], &items[2_000..].to_vec())
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Conflict(_)), "{err}");
    assert_eq!(
        f.count("entity_version WHERE kind = 'power_item'").await,
        2_500
    );
    assert_eq!(f.count("change_item").await, before_items + 2_500);
}

/// The list counts are kept per data revision: every write moves the revision,
/// through the store or behind its back, so no kept count outlives its data.
async fn list_counts_follow_every_write(f: &Fresh) {
    use zonegov_domain::PowerItem;
    let s = f.store.as_ref();
    s.records().load(&demo_parts()).await.unwrap();
    let on = day("2025-01-01");
    let count = || async {
        s.records()
            .tally(PowerItem::KIND, on, None)
            .await
            .unwrap()
            .iter()
            .map(|t| (t.count, t.weight))
            .fold((0, 0), |a, b| (a.0 + b.0, a.1 + b.1))
    };
    assert_eq!(count().await, (0, 0));
    let items: Vec<zonegov_domain::Version<PowerItem>> = (0..3)
        .map(|i| {
            power_item(
                &format!("CF{i:03}"),
                "对违反排污规定的处罚",
                "N04",
                "受理",
                None,
            )
        })
        .collect();
    s.records().load_bulk_versions(&[], &items).await.unwrap();
    let (n, w) = count().await;
    assert_eq!(n, 3, "a bulk write is seen");
    // Asked again with nothing written: the same answer.
    assert_eq!(count().await, (n, w));
    // Behind the store's back (another process, an administrator's SQL).
    f.raw("UPDATE entity_version SET valid_to = '2024-06-01' WHERE kind = 'power_item' AND code = 'CF000'")
        .await;
    assert_eq!(
        count().await.0,
        2,
        "a write behind the store's back is seen"
    );
}

/// The one bulk path as the import uses it: a change set, superseded versions and
/// their replacements over more than one chunk. The replacements' change items name
/// the superseded version as "before", their search rows replace the old ones in
/// results, and the revision counter moves. A clash in a later chunk, or a version
/// to supersede that is not current, fails the whole write: every table is as before.
async fn a_bulk_write_supersedes_in_chunks_and_a_late_failure_leaves_nothing(f: &Fresh) {
    use zonegov_domain::PowerItem;
    use zonegov_store::{BulkWrite, Supersede};
    let s = f.store.as_ref();
    s.records().load(&demo_parts()).await.unwrap();
    let n = 4_500;
    let items: Vec<Version<PowerItem>> = (0..n)
        .map(|i| {
            power_item(
                &format!("CF{i:05}"),
                "对违反消防安全管理规定的处罚",
                "N04",
                "受理",
                None,
            )
        })
        .collect();
    s.records().load_bulk_versions(&[], &items).await.unwrap();
    let tables = [
        "entity_version",
        "entity_version WHERE superseded_by IS NULL",
        "change_item",
        "change_set",
    ];
    let counts = async || {
        let mut out = Vec::new();
        for t in tables {
            out.push(f.count(t).await);
        }
        out
    };
    let supersede = |by: &str| -> Vec<Supersede> {
        (0..n)
            .map(|i| Supersede {
                code: code(&format!("CF{i:05}")),
                from: day("2024-01-01"),
                by: code(by),
            })
            .collect()
    };
    let replaced = |change: &str| -> Vec<Version<PowerItem>> {
        (0..n)
            .map(|i| {
                let name = if i == 4_321 {
                    "对违反排污规定的处罚"
                } else {
                    "对违反燃气管理规定的处罚"
                };
                let mut v = power_item(&format!("CF{i:05}"), name, "N04", "受理", None);
                v.change = code(change);
                v
            })
            .collect()
    };
    let revision = s.perf().revision().await.unwrap().data;
    let before = counts().await;
    let c1 = change_set("P2025", "2024-01-01");
    let v1 = replaced("P2025");
    let written = s
        .records()
        .append_versions(&BulkWrite {
            changes: std::slice::from_ref(&c1),
            supersede: &supersede("P2025"),
            versions: &v1,
        })
        .await
        .unwrap();
    assert_eq!(written, n);
    assert!(
        s.perf().revision().await.unwrap().data > revision,
        "a bulk write moves the counter"
    );
    let after = counts().await;
    assert_eq!(after[0], before[0] + n as i64);
    assert_eq!(after[1], before[1], "one current version per item");
    assert_eq!(after[2], before[2] + n as i64);
    let items_of = s
        .records()
        .change_items(PowerItem::KIND, &code("CF04321"))
        .await
        .unwrap();
    let last = items_of.last().unwrap();
    assert_eq!(last.change.as_str(), "P2025");
    assert_eq!(last.before.as_ref().unwrap()["change"], "C2015");
    assert_eq!(
        last.after.as_ref().unwrap()["name"]["zh"],
        "对违反排污规定的处罚"
    );
    assert_eq!(last.after.as_ref().unwrap()["valid_from"], "2024-01-01");
    let q = |text| zonegov_store::SearchQuery {
        kind: PowerItem::KIND,
        text,
        as_of: None,
        scope: None,
        limit: 10_000,
        offset: 0,
    };
    assert_eq!(
        s.records().search(&q("消防")).await.unwrap().len(),
        0,
        "superseded rows drop out"
    );
    assert_eq!(
        s.records().search(&q("燃气")).await.unwrap().len(),
        n - 1,
        "every chunk is indexed"
    );
    let hits = s.records().search(&q("排污")).await.unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].version.code.as_str(), "CF04321");

    // A clash in the last chunk: nothing of the first chunks stays.
    let c2 = change_set("P2026", "2024-01-01");
    let mut v2 = replaced("P2026");
    let mut twin = v2[0].clone();
    twin.attrs.name = zonegov_domain::Name::new("对违反烟花爆竹管理规定的处罚", "");
    v2.push(twin);
    let err = s
        .records()
        .append_versions(&BulkWrite {
            changes: std::slice::from_ref(&c2),
            supersede: &supersede("P2026"),
            versions: &v2,
        })
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Conflict(_)), "{err}");
    assert_eq!(counts().await, after);
    assert!(s.records().search(&q("烟花爆竹")).await.unwrap().is_empty());
    assert_eq!(s.records().search(&q("燃气")).await.unwrap().len(), n - 1);

    // A version to supersede that is not current: a conflict naming it.
    let mut gone = supersede("P2026");
    gone.push(Supersede {
        code: code("CF99999"),
        from: day("2024-01-01"),
        by: code("P2026"),
    });
    let err = s
        .records()
        .append_versions(&BulkWrite {
            changes: std::slice::from_ref(&c2),
            supersede: &gone,
            versions: &replaced("P2026"),
        })
        .await
        .unwrap_err();
    assert!(err.to_string().contains("CF99999"), "{err}");
    assert_eq!(counts().await, after);
}

// --- Dynamic adjustment of the power list (动态调整) ---

use zonegov_domain::power::adjustment::{
    Kind, NewAdjustment, ProposedItem, Status, StepRecord, Trigger,
};
use zonegov_domain::{ChangeSet, PowerItem, Version};
use zonegov_store::{AdjustmentFilter, VersionEnd};

fn adjust_item(name: &str, body: &str) -> PowerItem {
    serde_json::from_value(serde_json::json!({
        "name": {"zh": name, "en": ""},
        "item_type": "CF",
        "body": body,
        "basis": [{"law": "中华人民共和国统计法", "article": "第三十七条"}],
        "responsibilities": [{"step": "受理", "duty": "依法受理"}],
        "provenance": {"source": "illustrative"}
    }))
    .unwrap()
}

fn change_set(id: &str, effective: &str) -> ChangeSet {
    ChangeSet {
        id: code(id),
        effective: day(effective),
        doc_no: format!("{id}号"),
        reason: zonegov_domain::Name::new("测试", "test"),
        actor: "tester".into(),
        recorded_at: None,
        provenance: Default::default(),
    }
}

/// A load of power items on top of the stored zone.
fn item_parts(
    zone: zonegov_domain::Zone,
    change: ChangeSet,
    items: Vec<Version<PowerItem>>,
) -> HistoryParts {
    let mut records = zonegov_domain::RecordSet::default();
    for v in items {
        records.push(v);
    }
    HistoryParts {
        zone,
        categories: vec![],
        changes: vec![change],
        records,
        lineage: vec![],
    }
}

fn item_version(c: &str, from: &str, change: &str, item: PowerItem) -> Version<PowerItem> {
    Version {
        code: code(c),
        period: zonegov_domain::Period::new(day(from), None).unwrap(),
        change: code(change),
        attrs: item,
    }
}

/// The demo zone plus two items, CF001 and CF002 of N04, from 2021.
async fn zone_with_items(s: &dyn Store) -> zonegov_domain::Zone {
    s.records().load(&demo_parts()).await.unwrap();
    let zone = zonegov_store::history(s).await.unwrap().unwrap().zone;
    let parts = item_parts(
        zone.clone(),
        change_set("P2021", "2021-01-01"),
        vec![
            item_version(
                "CF001",
                "2021-01-01",
                "P2021",
                adjust_item("统计违法处罚", "N04"),
            ),
            item_version(
                "CF002",
                "2021-01-01",
                "P2021",
                adjust_item("统计检查", "N04"),
            ),
        ],
    );
    s.records().load(&parts).await.unwrap();
    zone
}

fn new_adjustment(body: &str) -> NewAdjustment {
    NewAdjustment {
        kind: Kind::Change,
        trigger: Trigger::Reform,
        trigger_date: day("2024-03-01"),
        body: code(body),
        title: "承办机构变更".into(),
        drafted_by: "alice".into(),
        by_system: false,
        draft: vec![ProposedItem {
            code: code("CF001"),
            item: Some(adjust_item("统计违法处罚", "N04")),
        }],
    }
}

fn step(at: Status, decision: &str, d: &str) -> StepRecord {
    StepRecord {
        step: at,
        role: "power:adjust:draft".into(),
        actor: "alice".into(),
        decision: decision.into(),
        notes: String::new(),
        day: day(d),
        due: Some(day("2024-03-15")),
        acted_at: None,
    }
}

async fn adjustment_steps_round_trip_and_a_stale_step_conflicts(f: &Fresh) {
    let s = f.store.as_ref();
    let a = s.adjustments();
    let id = a.create_adjustment(&new_adjustment("N04")).await.unwrap();
    let got = a.adjustment(id).await.unwrap().unwrap();
    assert_eq!(got.status, Status::Draft);
    assert_eq!(
        got.stage_since,
        day("2024-03-01"),
        "the draft's clock starts at the trigger"
    );
    assert_eq!(got.draft, new_adjustment("N04").draft);
    let mut revised = new_adjustment("N04").draft;
    revised[0].item.as_mut().unwrap().handling_unit = Some("统计科".into());
    a.advance_adjustment(
        id,
        Status::Draft,
        Status::LegalReview,
        &step(Status::Draft, "submit", "2024-03-05"),
        Some(&revised),
    )
    .await
    .unwrap();
    let got = a.adjustment(id).await.unwrap().unwrap();
    assert_eq!(
        (got.status, got.stage_since),
        (Status::LegalReview, day("2024-03-05"))
    );
    assert_eq!(got.draft, revised);
    // A second actor on the same step finds it gone: a conflict, and no second step.
    let err = a
        .advance_adjustment(
            id,
            Status::Draft,
            Status::LegalReview,
            &step(Status::Draft, "submit", "2024-03-06"),
            None,
        )
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Conflict(_)), "{err}");
    let steps = a.adjustment_steps(id).await.unwrap();
    assert_eq!(steps.len(), 1);
    assert_eq!(steps[0].decision, "submit");
    assert_eq!(steps[0].due, Some(day("2024-03-15")));
    assert!(steps[0].acted_at.is_some());
    assert!(a.adjustment(id + 100).await.unwrap().is_none());
}

async fn publication_ends_and_writes_versions_in_one_transaction(f: &Fresh) {
    let s = f.store.as_ref();
    let zone = zone_with_items(s).await;
    let a = s.adjustments();
    let id = a.create_adjustment(&new_adjustment("N04")).await.unwrap();
    for (from, to) in [
        (Status::Draft, Status::LegalReview),
        (Status::LegalReview, Status::StaffingReview),
        (Status::StaffingReview, Status::Publication),
    ] {
        a.advance_adjustment(id, from, to, &step(from, "pass", "2024-03-05"), None)
            .await
            .unwrap();
    }
    // Change CF001 (new name) and cancel CF002, both from 1 July 2024.
    let parts = item_parts(
        zone,
        change_set("ADJ1", "2024-07-01"),
        vec![item_version(
            "CF001",
            "2024-07-01",
            "ADJ1",
            adjust_item("统计违法行为处罚", "N04"),
        )],
    );
    let ends: Vec<VersionEnd> = ["CF001", "CF002"]
        .iter()
        .map(|c| VersionEnd {
            kind: PowerItem::KIND,
            code: code(c),
            from: day("2021-01-01"),
            to: day("2024-07-01"),
            change: code("ADJ1"),
        })
        .collect();
    let summary = a
        .publish_adjustment(
            id,
            &step(Status::Publication, "publish", "2024-06-20"),
            &parts,
            &ends,
        )
        .await
        .unwrap();
    assert_eq!(summary.versions, 3, "two ends and one new version");
    // The cancelled item is still found on a day it existed, and only then.
    let found = |on: &'static str| async move {
        s.records()
            .search(&zonegov_store::SearchQuery {
                kind: PowerItem::KIND,
                text: "统计检查",
                as_of: Some(day(on)),
                scope: None,
                limit: 10,
                offset: 0,
            })
            .await
            .unwrap()
            .into_iter()
            .map(|h| h.version.code.to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(found("2024-06-30").await, ["CF002"]);
    assert!(found("2024-07-01").await.is_empty());
    let got = a.adjustment(id).await.unwrap().unwrap();
    assert_eq!(got.status, Status::Published);
    assert_eq!(got.change_id, Some(code("ADJ1")));
    assert_eq!(got.effective, Some(day("2024-07-01")));
    assert_eq!(got.doc_no.as_deref(), Some("ADJ1号"));
    let before = zonegov_store::as_of::<PowerItem>(s.records(), day("2024-06-30"), &all())
        .await
        .unwrap();
    let after = zonegov_store::as_of::<PowerItem>(s.records(), day("2024-07-01"), &all())
        .await
        .unwrap();
    assert_eq!(before.len(), 2);
    assert_eq!(before[0].attrs.name.zh, "统计违法处罚");
    assert_eq!(after.len(), 1);
    assert_eq!(after[0].attrs.name.zh, "统计违法行为处罚");
    let cf001 = zonegov_store::versions_of::<PowerItem>(s.records(), &code("CF001"), &all())
        .await
        .unwrap();
    assert_eq!(cf001.len(), 2);
    assert_eq!(cf001[0].period.to(), Some(day("2024-07-01")));
    // Each end and the new version have a change item; the new one's "before" is
    // the closed version.
    let items = s
        .records()
        .change_items(PowerItem::KIND, &code("CF001"))
        .await
        .unwrap();
    assert_eq!(items.len(), 3);
    assert_eq!(items[2].before.as_ref().unwrap()["valid_to"], "2024-07-01");
    let items = s
        .records()
        .change_items(PowerItem::KIND, &code("CF002"))
        .await
        .unwrap();
    assert_eq!(
        items[1].before.as_ref().unwrap()["valid_to"],
        serde_json::Value::Null
    );
    assert_eq!(items[1].after.as_ref().unwrap()["valid_to"], "2024-07-01");
}

async fn a_failing_publication_writes_nothing(f: &Fresh) {
    let s = f.store.as_ref();
    let zone = zone_with_items(s).await;
    let a = s.adjustments();
    let id = a.create_adjustment(&new_adjustment("N04")).await.unwrap();
    for (from, to) in [
        (Status::Draft, Status::LegalReview),
        (Status::LegalReview, Status::StaffingReview),
        (Status::StaffingReview, Status::Publication),
    ] {
        a.advance_adjustment(id, from, to, &step(from, "pass", "2024-03-05"), None)
            .await
            .unwrap();
    }
    let before = publication_counts(f).await;
    // CF002's end is written (an update and an insert), then the new version
    // clashes with CF001's stored one: the whole publication is rolled back.
    let parts = item_parts(
        zone,
        change_set("ADJ2", "2024-07-01"),
        vec![item_version(
            "CF001",
            "2021-01-01",
            "ADJ2",
            adjust_item("新事项", "N04"),
        )],
    );
    let ends = vec![VersionEnd {
        kind: PowerItem::KIND,
        code: code("CF002"),
        from: day("2021-01-01"),
        to: day("2024-07-01"),
        change: code("ADJ2"),
    }];
    let err = a
        .publish_adjustment(
            id,
            &step(Status::Publication, "publish", "2024-06-20"),
            &parts,
            &ends,
        )
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Conflict(_)), "{err}");
    assert_eq!(publication_counts(f).await, before);
    assert_eq!(
        a.adjustment(id).await.unwrap().unwrap().status,
        Status::Publication
    );
    let cf002 = zonegov_store::versions_of::<PowerItem>(s.records(), &code("CF002"), &all())
        .await
        .unwrap();
    assert_eq!(cf002.len(), 1);
    assert_eq!(cf002[0].period.to(), None, "the end was rolled back");
    // Ending a version that does not start on the given day is refused too.
    let ends = vec![VersionEnd {
        from: day("2020-01-01"),
        ..ends[0].clone()
    }];
    let parts = item_parts(
        zonegov_store::history(s).await.unwrap().unwrap().zone,
        change_set("ADJ3", "2024-07-01"),
        vec![],
    );
    let err = a
        .publish_adjustment(
            id,
            &step(Status::Publication, "publish", "2024-06-20"),
            &parts,
            &ends,
        )
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Conflict(_)), "{err}");
    assert_eq!(publication_counts(f).await, before);
}

async fn publication_counts(f: &Fresh) -> Vec<i64> {
    let mut out = vec![];
    for t in [
        "change_set",
        "entity_version",
        "change_item",
        "adjustment_step",
    ] {
        out.push(f.count(t).await);
    }
    out
}

async fn adjustment_lists_apply_the_scope_in_the_query(f: &Fresh) {
    let s = f.store.as_ref();
    let a = s.adjustments();
    let n04 = a.create_adjustment(&new_adjustment("N04")).await.unwrap();
    let n13 = a.create_adjustment(&new_adjustment("N13")).await.unwrap();
    a.advance_adjustment(
        n13,
        Status::Draft,
        Status::Withdrawn,
        &step(Status::Draft, "withdraw", "2024-03-02"),
        None,
    )
    .await
    .unwrap();
    let ids = |v: Vec<zonegov_domain::power::adjustment::Adjustment>| {
        v.iter().map(|x| x.id).collect::<Vec<_>>()
    };
    assert_eq!(
        ids(a
            .list_adjustments(&AdjustmentFilter::default())
            .await
            .unwrap()),
        [n13, n04]
    );
    let scope = std::collections::BTreeSet::from([code("N04")]);
    let scoped = AdjustmentFilter {
        scope: Some(&scope),
        ..Default::default()
    };
    assert_eq!(ids(a.list_adjustments(&scoped).await.unwrap()), [n04]);
    let open = AdjustmentFilter {
        open_only: true,
        ..Default::default()
    };
    assert_eq!(ids(a.list_adjustments(&open).await.unwrap()), [n04]);
    let withdrawn = AdjustmentFilter {
        status: Some(Status::Withdrawn),
        ..Default::default()
    };
    assert_eq!(ids(a.list_adjustments(&withdrawn).await.unwrap()), [n13]);
}

async fn api_tokens_round_trip_revoke_once_and_touch_without_a_revision(f: &Fresh) {
    use std::collections::BTreeSet;
    use zonegov_domain::auth::token::{TokenName, hash_secret};
    use zonegov_domain::auth::{DataScope, Permission, Role};
    let s = f.store.as_ref();
    let role = Role {
        code: code("reader"),
        name: zonegov_domain::Name::new("只读", "Reader"),
        permissions: BTreeSet::from([Permission::parse("zone:institution:view").unwrap()]),
        scope: DataScope::All,
    };
    s.accounts().save_role(&role).await.unwrap();
    let created_at = chrono::DateTime::parse_from_rfc3339("2026-01-02T03:04:05Z")
        .unwrap()
        .to_utc();
    let new = zonegov_store::NewToken {
        name: TokenName::parse("12345 热线'; --").unwrap(),
        role: code("reader"),
        scope: DataScope::Custom(BTreeSet::from([code("N04"), code("N08")])),
        institution: code("GWH"),
        park: Some(code("P01")),
        rate_per_minute: 120,
        secret_hash: hash_secret(&"ab".repeat(32)),
        created_by: "admin".into(),
        created_at,
        expires_at: Some(created_at + chrono::Duration::days(30)),
    };
    let unknown_role = zonegov_store::NewToken {
        role: code("nobody"),
        ..new.clone()
    };
    assert!(matches!(
        s.tokens().create_token(&unknown_role).await,
        Err(StoreError::Conflict(_))
    ));
    assert_eq!(f.count("api_token").await, 0);
    let rev0 = s.perf().revision().await.unwrap();
    let id = s.tokens().create_token(&new).await.unwrap();
    let rev1 = s.perf().revision().await.unwrap();
    assert!(
        rev1.auth > rev0.auth,
        "creating a token moves the auth revision"
    );
    let t = s.tokens().token(id).await.unwrap().unwrap();
    assert_eq!(
        (t.id, &t.name, &t.role, &t.scope, &t.institution, &t.park),
        (
            id,
            &new.name,
            &new.role,
            &new.scope,
            &new.institution,
            &new.park
        )
    );
    assert_eq!(
        (
            t.rate_per_minute,
            &t.secret_hash,
            t.created_at,
            t.expires_at
        ),
        (120, &new.secret_hash, created_at, new.expires_at)
    );
    assert_eq!((t.revoked_at, t.last_used_at), (None, None));
    // Touching keeps the last use without moving the revision (caches stay valid).
    let used = created_at + chrono::Duration::minutes(5);
    s.tokens().touch_token(id, used).await.unwrap();
    assert_eq!(s.perf().revision().await.unwrap(), rev1);
    assert_eq!(
        s.tokens().token(id).await.unwrap().unwrap().last_used_at,
        Some(used)
    );
    // Revoking moves it (the next request in every process sees it) and happens once.
    let at = created_at + chrono::Duration::hours(1);
    assert!(s.tokens().revoke_token(id, "admin", at).await.unwrap());
    let rev2 = s.perf().revision().await.unwrap();
    assert!(rev2.auth > rev1.auth, "revoking moves the auth revision");
    assert!(
        !s.tokens()
            .revoke_token(id, "other", at + chrono::Duration::hours(1))
            .await
            .unwrap()
    );
    assert!(
        !s.tokens()
            .revoke_token(id + 100, "admin", at)
            .await
            .unwrap()
    );
    let t = s.tokens().token(id).await.unwrap().unwrap();
    assert_eq!(
        (t.revoked_at, t.revoked_by.as_deref()),
        (Some(at), Some("admin"))
    );
    let second = zonegov_store::NewToken {
        scope: DataScope::OwnPark,
        expires_at: None,
        ..new.clone()
    };
    let id2 = s.tokens().create_token(&second).await.unwrap();
    let all = s.tokens().tokens().await.unwrap();
    assert_eq!(all.iter().map(|t| t.id).collect::<Vec<_>>(), vec![id2, id]);
    assert_eq!(
        (&all[0].scope, all[0].expires_at),
        (&DataScope::OwnPark, None)
    );
    assert!(s.tokens().token(id2 + 1).await.unwrap().is_none());
}
