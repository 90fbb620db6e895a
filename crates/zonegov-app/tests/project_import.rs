#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test
//! Importing a project sheet into the demo: amounts written "106亿元", "1.2亿",
//! "8000万元" and "1,500万" are parsed; a file with an amount without unit, an
//! unreadable amount, an unknown industry and stage dates out of order names every
//! bad cell and writes nothing; the report counts what was imported.

use std::path::PathBuf;
use zonegov_app::project_import::{ImportOptions, dry_run, import};
use zonegov_domain::project::{Amount, Project};
use zonegov_domain::{Code, NaiveDate, Provenance};
use zonegov_store::Store;

fn here(p: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(p)
}

fn opt() -> ImportOptions {
    ImportOptions {
        doc_no: "示例〔2024〕20号".into(),
        effective: "2024-12-01".parse().unwrap(),
        provenance: Provenance::default(),
        actor: "tester".into(),
        ip: "local".into(),
    }
}

async fn demo_store(dir: &std::path::Path) -> std::sync::Arc<dyn Store> {
    let url = format!("sqlite://{}", dir.join("t.db").display());
    let store = zonegov_store::connect(&url).await.unwrap();
    zonegov_app::dataset::load_dir(store.as_ref(), &here("../../data/demo"), "tester")
        .await
        .unwrap();
    store
}

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

async fn major(store: &dyn Store) -> usize {
    let h = zonegov_store::history(store).await.unwrap().unwrap();
    h.attraction(day("2024-12-31")).unwrap().major_projects
}

#[tokio::test]
async fn amounts_with_units_are_imported_and_counted() {
    let dir = tempfile::tempdir().unwrap();
    let store = demo_store(dir.path()).await;
    assert_eq!(major(store.as_ref()).await, 83);
    let bytes = std::fs::read(here("tests/fixtures/projects/good.csv")).unwrap();
    let r = dry_run(store.as_ref(), &bytes, "good.csv", &opt())
        .await
        .unwrap();
    assert!(r.is_ok(), "{:?}", r.problems);
    assert_eq!(major(store.as_ref()).await, 83, "a dry run writes nothing");
    let r = import(store.as_ref(), &bytes, "good.csv", &opt())
        .await
        .unwrap();
    assert!(r.is_ok(), "{:?}", r.problems);
    assert_eq!((r.added, r.changed), (4, 0));
    let h = zonegov_store::history(store.as_ref())
        .await
        .unwrap()
        .unwrap();
    let amount = |code: &str| {
        h.timeline::<Project>()
            .versions(&Code::parse(code).unwrap())
            .last()
            .map(|v| v.attrs.amount)
    };
    assert_eq!(amount("XN01"), Some(Amount::from_yuan(10_600_000_000)));
    assert_eq!(amount("XN02"), Some(Amount::from_yuan(120_000_000)));
    assert_eq!(amount("XN03"), Some(Amount::from_yuan(80_000_000)));
    assert_eq!(amount("XN04"), Some(Amount::from_yuan(15_000_000)));
    // Only XN01 signed: ≥ 1亿, 十强, landed 2024-11-20.
    assert_eq!(major(store.as_ref()).await, 84);
    // The same file again changes nothing.
    let again = import(store.as_ref(), &bytes, "good.csv", &opt())
        .await
        .unwrap();
    assert_eq!((again.added, again.changed, again.unchanged), (0, 0, 4));
}

#[tokio::test]
async fn every_bad_cell_is_located_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let store = demo_store(dir.path()).await;
    let bytes = std::fs::read(here("tests/fixtures/projects/bad.csv")).unwrap();
    let r = import(store.as_ref(), &bytes, "bad.csv", &opt())
        .await
        .unwrap();
    let located: Vec<(usize, Option<&str>, &str, &str)> = r
        .problems
        .iter()
        .map(|p| {
            (
                p.row,
                p.column.as_deref(),
                p.field.as_str(),
                p.value.as_str(),
            )
        })
        .collect();
    assert_eq!(
        located,
        vec![
            (2, Some("D"), "amount", "1500"),
            (3, Some("D"), "amount", "十亿左右"),
            (4, Some("F"), "industry", "I9"),
            (5, None, "stages", ""),
        ]
    );
    assert!(r.problems[3].message.contains("2024-09-01"));
    assert!(r.change.is_none());
    let h = zonegov_store::history(store.as_ref())
        .await
        .unwrap()
        .unwrap();
    assert!(
        !h.timeline::<Project>()
            .contains(&Code::parse("XN14").unwrap())
    );
    assert_eq!(major(store.as_ref()).await, 83);
}
