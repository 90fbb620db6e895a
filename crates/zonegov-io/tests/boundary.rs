#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test
//! The duty-boundary list: the demo's 47 items, and fixtures with planted problems
//! that the reader and the lint must each find.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use zonegov_domain::boundary::{BoundaryItem, Rule, lint};
use zonegov_domain::{Code, NaiveDate};
use zonegov_io::read_dataset;

fn demo_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data/demo")
}

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// The demo with its boundary list replaced by fixture `name`.
fn demo_with(name: &str) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&demo_dir(), tmp.path());
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/boundary");
    std::fs::copy(fixture.join(name), tmp.path().join("boundary_items.csv")).unwrap();
    tmp
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &to.join(e.file_name()));
        } else {
            std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
        }
    }
}

#[test]
fn demo_has_47_items_in_6_categories_each_step_one_lead_and_lints_clean() {
    let ds = read_dataset(&demo_dir()).unwrap_or_else(|e| panic!("{e}"));
    let on = day("2024-06-30");
    let items: Vec<_> = ds.history.timeline::<BoundaryItem>().snapshot(on).collect();
    assert_eq!(items.len(), 47);
    let categories: BTreeSet<&str> = items.iter().map(|v| v.attrs.category.zh.as_str()).collect();
    assert_eq!(categories.len(), 6);
    for named in ["土地保障", "科技人才交流", "安全生产"] {
        assert!(categories.contains(named), "{named}");
    }
    // One lead per step in the file itself, not only in the typed model.
    let mut leads: BTreeMap<(String, String), usize> = BTreeMap::new();
    let mut r = csv::Reader::from_path(demo_dir().join("boundary_items.csv")).unwrap();
    let h = r.headers().unwrap().clone();
    let col = |n: &str| h.iter().position(|c| c == n).unwrap();
    let (code, step, role) = (col("code"), col("step_no"), col("role"));
    for rec in r.records() {
        let rec = rec.unwrap();
        *leads
            .entry((rec[code].to_owned(), rec[step].to_owned()))
            .or_default() += usize::from(&rec[role] == "牵头");
    }
    assert!(leads.values().all(|n| *n == 1), "{leads:?}");
    let steps: usize = items.iter().map(|v| v.attrs.steps.len()).sum();
    assert_eq!(leads.len(), steps);
    // Every party level takes part somewhere.
    let levels: BTreeSet<_> = items
        .iter()
        .flat_map(|v| v.attrs.steps.iter().flat_map(|s| s.assignments()))
        .map(|a| a.party.level)
        .collect();
    assert_eq!(levels.len(), 5, "{levels:?}");
    let findings = lint(items.iter().map(|v| (&v.code, &v.attrs)), &ds.history, on);
    assert!(findings.is_empty(), "{findings:#?}");
}

#[test]
fn the_reader_names_a_step_with_two_leads_and_one_with_none() {
    let tmp = demo_with("bad_leads.csv");
    let errors = read_dataset(tmp.path()).unwrap_err().0;
    let found: Vec<(Option<u64>, &str)> = errors
        .iter()
        .map(|e| (e.line, e.message.as_str()))
        .collect();
    assert_eq!(errors.len(), 2, "{found:#?}");
    let two = errors
        .iter()
        .find(|e| e.line == Some(3))
        .expect("two leads");
    assert!(
        two.message.contains("Y01") && two.message.contains("2 leads"),
        "{}",
        two.message
    );
    assert!(
        two.message.contains("municipal_department:MD02"),
        "{}",
        two.message
    );
    let none = errors.iter().find(|e| e.line == Some(5)).expect("no lead");
    assert!(
        none.message.contains("Y02") && none.message.contains("整改"),
        "{}",
        none.message
    );
    assert!(none.message.contains("no lead") && none.message.contains("没有牵头单位"));
}

#[test]
fn the_lint_finds_every_planted_problem_and_suggests_successors() {
    let tmp = demo_with("planted_lint.csv");
    let ds = read_dataset(tmp.path()).unwrap_or_else(|e| panic!("{e}"));
    let t = ds.history.timeline::<BoundaryItem>();
    let on = day("2023-06-01");
    let findings = lint(t.snapshot(on).map(|v| (&v.code, &v.attrs)), &ds.history, on);
    let got: BTreeSet<(String, Rule, String)> = findings
        .iter()
        .map(|f| {
            let party = f
                .party
                .as_ref()
                .map(|p| p.code.to_string())
                .unwrap_or_default();
            (f.item.to_string(), f.rule, party)
        })
        .collect();
    let want: BTreeSet<(String, Rule, String)> = [
        ("X01", Rule::VagueDuty, "ST01"),
        ("X02", Rule::Abolished, "O10"),
        ("X03", Rule::NotYet, "S01"),
        ("X04", Rule::UnknownParty, "ZZ99"),
        ("X05", Rule::WrongLevel, "ST02"),
    ]
    .into_iter()
    .map(|(i, r, p)| (i.to_owned(), r, p.to_owned()))
    .collect();
    assert_eq!(got, want, "{findings:#?}");
    for f in &findings {
        assert!(
            f.step.is_some() && !f.zh.is_empty() && !f.en.is_empty(),
            "{f:?}"
        );
    }
    let abolished = findings.iter().find(|f| f.rule == Rule::Abolished).unwrap();
    assert_eq!(abolished.successors, [Code::parse("N04").unwrap()]);
    assert!(abolished.zh.contains("发展改革局"), "{}", abolished.zh);

    // After the 2024 integration the park P12 is gone, transformed into P13.
    let later = day("2024-10-01");
    let findings = lint(
        t.snapshot(later).map(|v| (&v.code, &v.attrs)),
        &ds.history,
        later,
    );
    let park = findings
        .iter()
        .find(|f| f.item.as_str() == "X06")
        .expect("P12 is flagged after the reform");
    assert_eq!(park.rule, Rule::Abolished);
    assert_eq!(park.successors, [Code::parse("P13").unwrap()]);
}
