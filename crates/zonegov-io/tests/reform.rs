#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test
//! The demo's reforms as operations: replayed on the state before them they give
//! exactly the dataset's institutions, parks and lineage, and the same report on
//! either side of each reform.

use std::path::{Path, PathBuf};
use zonegov_domain::reform::replay::{before, differences, replay, structural};
use zonegov_domain::{NaiveDate, ZoneHistory};
use zonegov_io::reform::{ReformHead, read_reform, read_reform_toml};

fn demo_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/demo")
}

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

#[test]
fn the_demo_reforms_replayed_give_the_dataset_and_its_reports() {
    let dataset = zonegov_io::read_dataset(&demo_dir()).unwrap();
    let reforms = read_reform_toml(&demo_dir().join("reforms")).unwrap();
    let ids: Vec<&str> = reforms.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["C2020", "C2023A", "C2023B", "C2023C", "C2024"]);
    let start = ZoneHistory::build(before(&dataset.parts, &reforms)).unwrap();
    assert_eq!(
        start.institutions().snapshot(day("2024-12-31")).count(),
        43,
        "GW, GWH, O01..O37 and T01..T04 stay open"
    );
    let got = replay(start, &reforms, "test").unwrap();
    let expected = ZoneHistory::build(structural(&dataset.parts)).unwrap();
    let diffs = differences(&expected, &got, &reforms);
    assert!(diffs.is_empty(), "{diffs:#?}");
    for d in ["2019-12-31", "2020-12-31", "2023-12-31", "2024-12-31"] {
        let (a, b) = (expected.report(day(d), None), got.report(day(d), None));
        assert_eq!(a, b, "report as of {d}");
    }
    let internal = |h: &ZoneHistory, d: &str| h.report(day(d), None);
    let r2019 = serde_json::to_value(internal(&got, "2019-12-31")).unwrap();
    let r2024 = serde_json::to_value(internal(&got, "2024-12-31")).unwrap();
    assert_ne!(r2019, r2024);
}

#[test]
fn a_malformed_reform_file_is_located_by_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.toml");
    std::fs::write(
        &path,
        "id = \"C9\"\neffective = \"2025-01-01\"\ndoc_no = \"x\"\nreason = { zh = \"r\" }\n\n[[operations]]\nop = \"merge_all\"\n",
    )
    .unwrap();
    let problems = read_reform(&path, None).unwrap_err();
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].row, 7, "{problems:?}");
    assert!(problems[0].message.contains("merge_all"), "{problems:?}");
}

#[test]
fn a_table_plan_is_read_with_every_bad_cell_located() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.csv");
    std::fs::write(
        &path,
        "操作,原机构,新机构,名称,编制类型,编制数,文号\n\
         合并,N05|N06,N04,,,,\n\
         编制划转,N07,N04,,行政编制,3,\n\
         核增,,N04,,行政编制,2,示例〔2025〕1号\n\
         加挂牌子,N04,,科技局,,,\n",
    )
    .unwrap();
    let head = ReformHead {
        id: zonegov_domain::Code::parse("C2025R").unwrap(),
        effective: day("2025-01-01"),
        doc_no: "示例〔2025〕1号".into(),
        reason: zonegov_domain::Name {
            zh: "调整".into(),
            en: String::new(),
        },
    };
    let reform = read_reform(&path, Some(&head)).unwrap();
    let names: Vec<&str> = reform.operations.iter().map(|o| o.name()).collect();
    assert_eq!(
        names,
        ["merge", "quota_move", "quota_decision", "add_plate"]
    );

    std::fs::write(
        &path,
        "操作,原机构,新机构,名称,编制类型,编制数,文号\n\
         编制划转,N07,N04,,行政编制,三,\n\
         核减,,N04,,科级,2,\n",
    )
    .unwrap();
    let problems = read_reform(&path, Some(&head)).unwrap_err();
    let at: Vec<(usize, &str, &str, &str)> = problems
        .iter()
        .map(|p| {
            (
                p.row,
                p.column.as_deref().unwrap_or(""),
                p.field.as_str(),
                p.value.as_str(),
            )
        })
        .collect();
    assert_eq!(
        at,
        [
            (2, "F", "amount", "三"),
            (3, "E", "quota_type", "科级"),
            (3, "G", "doc_no", "")
        ]
    );
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

#[test]
fn the_dataset_check_refuses_tables_the_reforms_do_not_give() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&demo_dir(), dir.path());
    let inst = dir.path().join("institutions.csv");
    let text = std::fs::read_to_string(&inst).unwrap();
    // The 2023 rename's added plate, changed in the table but not in the reform.
    let edited = text.replacen(
        "C2023B,发展改革局,Development and Reform Bureau,统计局,",
        "C2023B,发展改革局,Development and Reform Bureau,统计分局,",
        1,
    );
    assert_ne!(text, edited);
    std::fs::write(&inst, edited).unwrap();
    let errors = zonegov_io::read_dataset(dir.path()).unwrap_err();
    let text = errors.to_string();
    assert!(
        text.contains("reforms") && text.contains("institution N04 from 2023-04-01"),
        "{text}"
    );
}
