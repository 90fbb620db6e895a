#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test
//! The coverage audit on enterprise records: the demo is covered 100 % with no
//! exception, and the planted fixture (tests/fixtures/safety_planted/README.md) yields
//! exactly its planted gaps and overlaps, through the dataset and through a store.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use zonegov_app::safety::audit::{audit_parts, audit_stored};
use zonegov_app::safety::synth::credit_code;
use zonegov_domain::NaiveDate;
use zonegov_domain::auth::Visible;
use zonegov_domain::safety::{CoverageReport, ExceptionKind as K, Party};

fn demo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data/demo")
}

fn day() -> NaiveDate {
    "2025-01-01".parse().unwrap()
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).unwrap();
        }
    }
}

/// The demo with the planted tables laid over it.
fn planted(dir: &Path) {
    copy_dir(&demo(), dir);
    let fixture = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/safety_planted");
    for f in ["safety_grids.csv", "safety_rules.csv", "enterprises.csv"] {
        std::fs::copy(fixture.join(f), dir.join(f)).unwrap();
    }
}

/// Every exception the report holds, as (credit code, kind).
fn found(r: &CoverageReport) -> BTreeSet<(String, K)> {
    r.examples()
        .map(|x| (x.credit_code.to_string(), x.kind))
        .collect()
}

fn expected() -> BTreeSet<(String, K)> {
    [
        (90_000_001, K::NoSectorBody),
        (90_000_002, K::SectorOverlap),
        (90_000_003, K::NoGrid),
        (90_000_004, K::NoSpecialistBody),
        (90_000_008, K::NoSectorBody),
        (90_000_008, K::NoGrid),
    ]
    .into_iter()
    .map(|(serial, kind)| (credit_code(serial).unwrap().to_string(), kind))
    .collect()
}

fn check_planted(r: &CoverageReport) {
    assert_eq!(r.total, 8);
    assert_eq!(found(r), expected(), "{}", r.text(zonegov_domain::Lang::Zh));
    // Every exception is counted once and kept (examples are not cut here).
    assert_eq!(r.exception_count(), expected().len() as u64);
    let overlaps: Vec<_> = r
        .mapping_overlaps
        .iter()
        .map(|m| {
            (
                m.party,
                m.key.to_string(),
                m.claimants
                    .iter()
                    .map(|c| c.to_string())
                    .collect::<Vec<_>>(),
            )
        })
        .collect();
    assert_eq!(overlaps.len(), 1, "{overlaps:?}");
    assert_eq!(overlaps[0].0, Party::Sector);
    assert!(overlaps[0].1.contains("3612"), "{overlaps:?}");
    let mut claimants = overlaps[0].2.clone();
    claimants.sort();
    assert_eq!(claimants, ["N06", "N13"]);
    assert!(!r.is_full());
}

#[test]
fn the_demo_is_covered_without_exception() {
    let ds = zonegov_io::read_dataset(&demo()).unwrap();
    for day in ["2024-09-01", "2025-01-01", "2025-06-01", "2026-11-27"] {
        let day: NaiveDate = day.parse().unwrap();
        let r = audit_parts(&ds.parts, &ds.history, day, 50).unwrap();
        assert_eq!(r.total, 3000, "{day}");
        assert!(r.is_full(), "{day}: {}", r.text(zonegov_domain::Lang::Zh));
        assert_eq!(r.exception_count(), 0, "{day}");
        assert!(r.mapping_overlaps.is_empty(), "{day}");
        for p in &r.parties {
            assert_eq!(p.covered, 3000, "{day} {:?}", p.party);
        }
    }
}

#[test]
fn the_planted_fixture_yields_exactly_its_exceptions() {
    let dir = tempfile::tempdir().unwrap();
    planted(dir.path());
    let ds = zonegov_io::read_dataset(dir.path()).unwrap();
    check_planted(&audit_parts(&ds.parts, &ds.history, day(), 50).unwrap());
}

#[tokio::test]
async fn the_stored_records_give_the_same_audit() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    planted(&data);
    let url = format!("sqlite://{}", dir.path().join("t.db").display());
    let store = zonegov_store::connect(&url).await.unwrap();
    zonegov_app::dataset::load_dir(store.as_ref(), &data, "tester")
        .await
        .unwrap();
    let all = Visible::default();
    let r = audit_stored(store.as_ref(), day(), &all, 50).await.unwrap();
    check_planted(&r);
    // The committee's sheet names each enterprise, not only its code.
    let names = zonegov_app::safety::audit::exception_names(store.as_ref(), &r, day(), &all)
        .await
        .unwrap();
    for x in r.examples() {
        let name = names.get(x.credit_code.as_str()).map(String::as_str);
        assert!(
            name.is_some_and(|n| n.starts_with("植入样例企业")),
            "{}: {name:?}",
            x.credit_code
        );
    }
    // Before the mapping and the register existed: nothing to audit, nothing claimed.
    let before = audit_stored(store.as_ref(), "2024-01-01".parse().unwrap(), &all, 50)
        .await
        .unwrap();
    assert_eq!(before.total, 0);
}

#[test]
fn the_planted_report_reads_as_recorded() {
    let dir = tempfile::tempdir().unwrap();
    planted(dir.path());
    let ds = zonegov_io::read_dataset(dir.path()).unwrap();
    let r = audit_parts(&ds.parts, &ds.history, day(), 50).unwrap();
    insta::assert_snapshot!("planted_zh", r.text(zonegov_domain::Lang::Zh));
    insta::assert_snapshot!("planted_en", r.text(zonegov_domain::Lang::En));
}

/// Every demo enterprise with coordinates lies in the outlines of the park and the
/// street it names, on its version's first day.
#[test]
fn demo_coordinates_agree_with_the_outlines() {
    use zonegov_domain::enterprise::Enterprise;
    use zonegov_domain::enterprise::placement::ZoneMap;
    let ds = zonegov_io::read_dataset(&demo()).unwrap();
    let mut located = 0;
    for v in ds.parts.records.of::<Enterprise>() {
        let map = ZoneMap::on(&ds.history, v.period.from());
        assert_eq!(map.check(&v.attrs), Vec::new(), "{}", v.code);
        located += usize::from(v.attrs.location.is_some());
        // Moved to another park's outline, the same point is reported.
        if let (Some(_), Some(park)) = (v.attrs.location, &v.attrs.park) {
            let mut moved = v.attrs.clone();
            let other = if park.as_str() == "P09" { "P10" } else { "P09" };
            moved.park = Some(zonegov_domain::Code::parse(other).unwrap());
            let found = map.check(&moved);
            assert_eq!(found.len(), 1, "{}: {found:?}", v.code);
            assert_eq!(found[0].field, "park");
            assert_eq!(found[0].found, std::slice::from_ref(park));
        }
    }
    assert!(located > 2500, "{located}");
}
