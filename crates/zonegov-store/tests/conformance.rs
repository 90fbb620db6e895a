#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test
//! One conformance suite, run against both backends. SQLite always runs; the
//! PostgreSQL tier is ignored unless run with `--include-ignored` and
//! `ZONEGOV_TEST_PG_URL` pointing at a server where it may create databases
//! (`.ci/run` does this).

use std::path::PathBuf;
use std::sync::Arc;
use zonegov_domain::{Code, EntityKind, HistoryParts, NaiveDate};
use zonegov_store::{Store, StoreError};

fn demo_parts() -> HistoryParts {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data/demo");
    zonegov_io::read_dataset(&dir)
        .unwrap_or_else(|e| panic!("{e}"))
        .parts
}

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn code(s: &str) -> Code {
    Code::parse(s).unwrap()
}

/// A fresh, empty store of one backend, dropped with the guard.
struct Fresh {
    store: Arc<dyn Store>,
    _dir: Option<tempfile::TempDir>,
}

async fn sqlite() -> Fresh {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("t.db").display());
    Fresh {
        store: zonegov_store::connect(&url).await.unwrap(),
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
    Fresh {
        store: zonegov_store::connect(&format!("{base}/{name}"))
            .await
            .unwrap(),
        _dir: None,
    }
}

macro_rules! conformance {
    ($($test:ident),* $(,)?) => {
        mod sqlite_tier {
            $(
                #[tokio::test]
                async fn $test() {
                    super::$test(super::sqlite().await.store.as_ref()).await;
                }
            )*
        }
        mod postgres_tier {
            $(
                #[tokio::test]
                #[ignore = "needs PostgreSQL: run with --include-ignored and ZONEGOV_TEST_PG_URL"]
                async fn $test() {
                    super::$test(super::postgres().await.store.as_ref()).await;
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
);

async fn empty_store_has_no_history(s: &dyn Store) {
    assert!(s.zone().await.unwrap().is_none());
    assert!(zonegov_store::history(s).await.unwrap().is_none());
    assert!(s.parks_as_of(day("2024-01-01")).await.unwrap().is_empty());
}

async fn load_round_trips_every_record(s: &dyn Store) {
    let parts = demo_parts();
    let summary = s.load(&parts).await.unwrap();
    assert_eq!(
        summary.versions,
        parts.parks.len() + parts.institutions.len()
    );
    let back = s.history_parts().await.unwrap().unwrap();
    assert_eq!(back.zone, parts.zone);
    assert_eq!(back.categories.len(), parts.categories.len());
    assert_eq!(sorted(back.parks.clone()), sorted(parts.parks.clone()));
    assert_eq!(
        sorted(back.institutions.clone()),
        sorted(parts.institutions.clone())
    );
    assert_eq!(back.lineage, parts.lineage);
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

async fn sql_as_of_matches_the_domain_engine_on_every_boundary(s: &dyn Store) {
    s.load(&demo_parts()).await.unwrap();
    let h = zonegov_store::history(s).await.unwrap().unwrap();
    let mut days = vec![
        day("2014-12-31"),
        day("2019-12-31"),
        day("2021-06-30"),
        day("2024-12-31"),
        day("2030-01-01"),
    ];
    for b in h
        .parks
        .boundaries()
        .into_iter()
        .chain(h.institutions.boundaries())
    {
        days.extend([b.pred_opt().unwrap(), b, b.succ_opt().unwrap()]);
    }
    for d in days {
        let sql: Vec<_> = s.parks_as_of(d).await.unwrap();
        let mem: Vec<_> = h.parks.snapshot(d).cloned().collect();
        assert_eq!(sql, mem, "parks on {d}");
        let sql: Vec<_> = s.institutions_as_of(d).await.unwrap();
        let mem: Vec<_> = h.institutions.snapshot(d).cloned().collect();
        assert_eq!(sql, mem, "institutions on {d}");
    }
    assert_eq!(s.parks_as_of(day("2019-12-31")).await.unwrap().len(), 12);
    assert_eq!(s.parks_as_of(day("2024-12-31")).await.unwrap().len(), 10);
}

async fn loading_twice_conflicts_and_changes_nothing(s: &dyn Store) {
    let parts = demo_parts();
    s.load(&parts).await.unwrap();
    let before = s.history_parts().await.unwrap().unwrap();
    let err = s.load(&parts).await.unwrap_err();
    assert!(matches!(err, StoreError::Conflict(_)), "{err}");
    let after = s.history_parts().await.unwrap().unwrap();
    assert_eq!(before.parks, after.parks);
    assert_eq!(before.institutions, after.institutions);
    assert_eq!(before.lineage.len(), after.lineage.len());
}

async fn a_failing_load_leaves_nothing_behind(s: &dyn Store) {
    let mut parts = demo_parts();
    // The last version clashes with the first: the failure comes after the zone,
    // categories, change sets and most versions were already written in the transaction.
    let mut dup = parts.parks[0].clone();
    dup.attrs.name.zh = "重复".into();
    parts.institutions.push(zonegov_domain::Version {
        code: dup.code.clone(),
        period: dup.period,
        change: dup.change.clone(),
        attrs: parts.institutions[0].attrs.clone(),
    });
    parts.institutions.push(parts.institutions[0].clone());
    let err = s.load(&parts).await.unwrap_err();
    assert!(matches!(err, StoreError::Conflict(_)), "{err}");
    assert!(s.zone().await.unwrap().is_none());
    assert!(s.categories().await.unwrap().is_empty());
    assert!(s.change_sets().await.unwrap().is_empty());
    assert!(s.parks_as_of(day("2020-01-01")).await.unwrap().is_empty());
}

async fn entity_history_and_lineage(s: &dyn Store) {
    s.load(&demo_parts()).await.unwrap();
    let n04 = s.institution_versions(&code("N04")).await.unwrap();
    let names: Vec<&str> = n04.iter().map(|v| v.attrs.name.zh.as_str()).collect();
    assert_eq!(names, ["经济发展局", "发展改革局"]);
    assert_eq!(n04[1].attrs.plates[0].zh, "统计局");
    let links = s
        .lineage_of(EntityKind::Institution, &code("O20"))
        .await
        .unwrap();
    assert_eq!(links.len(), 1);
    assert_eq!(links[0].successor, code("N04"));
    let links = s
        .lineage_of(EntityKind::Institution, &code("N04"))
        .await
        .unwrap();
    assert_eq!(links.len(), 4, "three merged in, one split off");
    let p01 = s.park_versions(&code("P01")).await.unwrap();
    assert_eq!(p01.len(), 3);
    assert!(p01[0].attrs.boundary.is_some());
    assert!(s.park_versions(&code("NOPE")).await.unwrap().is_empty());
}

async fn every_version_has_a_change_item(s: &dyn Store) {
    let parts = demo_parts();
    s.load(&parts).await.unwrap();
    let items = s
        .change_items(EntityKind::Institution, &code("N04"))
        .await
        .unwrap();
    assert_eq!(items.len(), 2);
    assert!(
        items
            .iter()
            .all(|i| i.before.is_none() && i.after.is_some())
    );
    let after = items[1].after.as_ref().unwrap();
    assert_eq!(after["name"]["zh"], "发展改革局");
    assert_eq!(after["valid_from"], "2023-04-01");
}

async fn hostile_text_is_stored_verbatim(s: &dyn Store) {
    let mut parts = demo_parts();
    let hostile = "'); DROP TABLE zone; -- <script>alert('x')</script> ＜全角＞ “引号” \\ %_";
    parts.parks[0].attrs.name.zh = hostile.into();
    parts.changes[0].reason.zh = hostile.into();
    s.load(&parts).await.unwrap();
    let p = s.park_versions(&parts.parks[0].code).await.unwrap();
    assert_eq!(p[0].attrs.name.zh, hostile);
    let c = s.change_sets().await.unwrap();
    assert!(c.iter().any(|c| c.reason.zh == hostile));
    assert!(s.zone().await.unwrap().is_some());
}
