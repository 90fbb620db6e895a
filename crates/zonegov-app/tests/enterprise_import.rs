#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test
//! Importing the enterprise register into the demo: a clean file (CSV, and the same
//! rows as xlsx) adds and changes versions in one change set; a file of errors names
//! every bad cell by row, column, field and value, and writes nothing.

use std::path::PathBuf;
use zonegov_app::enterprise_import::{ImportOptions, dry_run, import};
use zonegov_app::safety::audit::audit_stored;
use zonegov_app::safety::synth::credit_code;
use zonegov_domain::auth::Visible;
use zonegov_domain::enterprise::credit_code::check_char;
use zonegov_domain::enterprise::{Enterprise, EnterpriseSize};
use zonegov_domain::{Code, NaiveDate, Provenance};
use zonegov_io::xlsx::{Layout, SheetWriter, Style};
use zonegov_store::Store;

fn here(p: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(p)
}

fn day() -> NaiveDate {
    "2025-01-01".parse().unwrap()
}

fn opt() -> ImportOptions {
    ImportOptions {
        doc_no: "示例〔2025〕1号".into(),
        effective: day(),
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

async fn total(store: &dyn Store, on: NaiveDate) -> u64 {
    audit_stored(store, on, &Visible::everything(), 0)
        .await
        .unwrap()
        .total
}

/// The CSV's rows as an xlsx sheet (with a title row above the header).
fn to_xlsx(csv_path: &std::path::Path, out: &std::path::Path) {
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_path(csv_path)
        .unwrap();
    let mut sheet = SheetWriter::create(
        out,
        &Layout {
            sheet_name: "企业名录",
            widths: &[20.0; 9],
            frozen_rows: 2,
            merged_columns: &[],
        },
    )
    .unwrap();
    sheet.begin_row(None).unwrap();
    sheet.text(0, Style::Title, "企业名录（示例）").unwrap();
    sheet.end_row().unwrap();
    for rec in r.records() {
        sheet.begin_row(None).unwrap();
        for (i, cell) in rec.unwrap().iter().enumerate() {
            sheet.text(i as u16, Style::Body, cell).unwrap();
        }
        sheet.end_row().unwrap();
    }
    sheet.finish().unwrap();
}

#[tokio::test]
async fn a_clean_file_adds_and_changes_versions_in_one_change_set() {
    let dir = tempfile::tempdir().unwrap();
    let store = demo_store(dir.path()).await;
    let bytes = std::fs::read(here("tests/fixtures/enterprise_import/good.csv")).unwrap();
    let dry = dry_run(store.as_ref(), &bytes, "good.csv", &opt())
        .await
        .unwrap();
    assert!(dry.is_ok(), "{:?}", dry.problems);
    assert_eq!((dry.added, dry.changed, dry.unchanged), (1, 1, 0));
    assert_eq!(
        dry.placed, 2,
        "both rows' coordinates agree with the outlines"
    );
    assert_eq!(
        total(store.as_ref(), day()).await,
        3000,
        "a dry run writes nothing"
    );

    let r = import(store.as_ref(), &bytes, "good.csv", &opt())
        .await
        .unwrap();
    assert!(r.change.is_some(), "{:?}", r.problems);
    assert_eq!(total(store.as_ref(), day()).await, 3001);
    // The new one was placed in P01 by name, its street by name.
    let new = Code::parse(credit_code(80_000_001).unwrap().as_str()).unwrap();
    let v = zonegov_store::versions_of::<Enterprise>(store.records(), &new, &Visible::everything())
        .await
        .unwrap();
    assert_eq!(v.len(), 1);
    assert_eq!(v[0].attrs.park.as_ref().map(Code::as_str), Some("P01"));
    assert_eq!(v[0].attrs.street.as_str(), "ST02");
    // The changed one keeps its history: closed the day before, new from the day.
    let old = Code::parse("91370871000000019M").unwrap();
    let v = zonegov_store::versions_of::<Enterprise>(store.records(), &old, &Visible::everything())
        .await
        .unwrap();
    assert_eq!(v.len(), 2, "{v:?}");
    assert_eq!(v[0].period.to(), Some(day()));
    assert_eq!(v[1].attrs.size, EnterpriseSize::Medium);

    // Again, as xlsx: nothing differs any more.
    let xlsx = dir.path().join("good.xlsx");
    to_xlsx(&here("tests/fixtures/enterprise_import/good.csv"), &xlsx);
    let again = dry_run(
        store.as_ref(),
        &std::fs::read(&xlsx).unwrap(),
        "good.xlsx",
        &opt(),
    )
    .await
    .unwrap();
    assert!(again.is_ok(), "{:?}", again.problems);
    assert_eq!((again.added, again.changed, again.unchanged), (0, 0, 2));
}

#[tokio::test]
async fn a_file_of_errors_names_every_cell_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let store = demo_store(dir.path()).await;
    for (name, bytes) in [
        (
            "errors.csv",
            std::fs::read(here("tests/fixtures/enterprise_import/errors.csv")).unwrap(),
        ),
        ("errors.xlsx", {
            let p = dir.path().join("errors.xlsx");
            to_xlsx(&here("tests/fixtures/enterprise_import/errors.csv"), &p);
            std::fs::read(&p).unwrap()
        }),
    ] {
        let r = import(store.as_ref(), &bytes, name, &opt()).await.unwrap();
        assert!(r.change.is_none());
        let got: Vec<(usize, &str, Option<&str>)> = r
            .problems
            .iter()
            .map(|p| (p.row, p.field.as_str(), p.column.as_deref()))
            .collect();
        // The header is on row 2 (a title row above it; the xlsx has one more title row).
        let o = usize::from(name.ends_with(".xlsx"));
        let expected = vec![
            (3 + o, "code", Some("A")),
            (4 + o, "industry", Some("C")),
            (5 + o, "hazards", Some("I")),
            (9 + o, "size", Some("H")),
            (6 + o, "street", Some("E")),
            (7 + o, "park", Some("F")),
            (8 + o, "park", Some("F")),
            // The point lies in P04's outline, in street ST04, not ST02 either.
            (8 + o, "street", Some("E")),
        ];
        assert_eq!(got, expected, "{name}: {:#?}", r.problems);
        // The credit code's reason names the check character it should have.
        let good = credit_code(80_000_002).unwrap();
        let expected_check = check_char(&good.as_str()[..17]).unwrap();
        let code = &r.problems[0];
        assert!(
            code.message.contains(&format!("“{expected_check}”")),
            "{}",
            code.message
        );
        assert_eq!(code.value, format!("{}0", &good.as_str()[..17]));
        assert!(
            r.problems[1].message.contains("9999"),
            "{}",
            r.problems[1].message
        );
        assert!(r.problems[2].value.contains("核辐射"));
        assert!(r.problems[4].message.contains("ST09"));
        assert!(
            r.problems[5].message.contains("P02"),
            "{}",
            r.problems[5].message
        );
        // The coordinates lie in P04's outline, the row says P01.
        assert!(
            r.problems[6].message.contains("P04"),
            "{}",
            r.problems[6].message
        );
        assert_eq!(
            total(store.as_ref(), day()).await,
            3000,
            "{name} wrote something"
        );
    }
}
