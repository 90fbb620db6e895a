#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test
//! The 三定 table on the demo: the ledger's figures recounted from the CSV files
//! themselves, planted problems named by file, line, field and value, and the
//! reform history's counts and flows (37 → 12, 12 → 10).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use zonegov_domain::reform_history::{flows, timeline};
use zonegov_domain::staffing::ledger;
use zonegov_domain::{Code, NaiveDate, QuotaType};
use zonegov_io::read_dataset;

fn demo_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data/demo")
}

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn rows(file: &str) -> Vec<BTreeMap<String, String>> {
    let mut r = csv::Reader::from_path(demo_dir().join(file)).unwrap();
    let head: Vec<String> = r.headers().unwrap().iter().map(str::to_owned).collect();
    r.records()
        .map(|rec| {
            let rec = rec.unwrap();
            head.iter()
                .cloned()
                .zip(rec.iter().map(str::to_owned))
                .collect()
        })
        .collect()
}

fn valid_on(r: &BTreeMap<String, String>, d: &str) -> bool {
    r["valid_from"].as_str() <= d && (r["valid_to"].is_empty() || d < r["valid_to"].as_str())
}

#[test]
fn the_demo_ledger_is_what_the_files_hold() {
    let ds = read_dataset(&demo_dir()).unwrap_or_else(|e| panic!("{e}"));
    for d in ["2021-06-30", "2023-12-31", "2024-12-31"] {
        let l = ledger(&ds.history, day(d));
        for (ty, col, label) in [
            (
                QuotaType::Administrative,
                "quota_administrative",
                "行政编制",
            ),
            (QuotaType::PublicService, "quota_public_service", "事业编制"),
            (QuotaType::Headcount, "quota_headcount", "人员控制数"),
        ] {
            let quota: u64 = rows("institutions.csv")
                .iter()
                .filter(|r| valid_on(r, d))
                .map(|r| r[col].parse::<u64>().unwrap_or(0))
                .sum();
            let staffed: Vec<String> = rows("staffing.csv")
                .into_iter()
                .filter(|r| valid_on(r, d))
                .map(|r| r["occupancy"].clone())
                .collect();
            let occupied = staffed
                .iter()
                .flat_map(|c| c.split('|'))
                .filter(|e| e.rsplit(';').next() == Some(label))
                .count() as u64;
            let t = l.of_type(ty).unwrap();
            assert_eq!((t.quota, t.occupied), (quota, occupied), "{d} {label}");
            assert_eq!(t.quota, t.occupied + t.vacant + t.unrecorded, "{d} {label}");
        }
    }
    // Every current body and both centers have a 三定; the streets have none.
    let l = ledger(&ds.history, day("2024-12-31"));
    let recorded: Vec<&str> = l
        .bodies
        .iter()
        .filter(|b| b.recorded)
        .map(|b| b.code.as_str())
        .collect();
    assert_eq!(recorded.len(), 14, "{recorded:?}");
    assert!(recorded.contains(&"S01") && recorded.contains(&"N08"));
    assert!(
        l.bodies
            .iter()
            .any(|b| b.code.as_str() == "T01" && !b.recorded)
    );
}

fn copy_dir(from: &Path, to: &Path) {
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        if e.file_type().unwrap().is_dir() {
            std::fs::create_dir_all(to.join(e.file_name())).unwrap();
            copy_dir(&e.path(), &to.join(e.file_name()));
        } else {
            std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
        }
    }
}

/// The demo with `staffing.csv`'s row for `code` edited by `edit`; the errors read.
fn demo_with_row(code: &str, edit: impl Fn(&mut BTreeMap<String, String>)) -> (String, u64) {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&demo_dir(), tmp.path());
    let path = tmp.path().join("staffing.csv");
    let mut r = csv::Reader::from_path(&path).unwrap();
    let head: Vec<String> = r.headers().unwrap().iter().map(str::to_owned).collect();
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record(&head).unwrap();
    let mut line = 0;
    for (i, rec) in r.records().enumerate() {
        let mut row: BTreeMap<String, String> = head
            .iter()
            .cloned()
            .zip(rec.unwrap().iter().map(str::to_owned))
            .collect();
        if row["code"] == code && line == 0 {
            edit(&mut row);
            line = i as u64 + 2;
        }
        out.write_record(head.iter().map(|h| row[h].clone()))
            .unwrap();
    }
    std::fs::write(&path, out.into_inner().unwrap()).unwrap();
    let err = read_dataset(tmp.path()).expect_err("the planted problem is refused");
    (err.to_string(), line)
}

#[test]
fn over_quota_over_posts_and_bad_cells_are_named_with_their_row() {
    // N13 has 8 administrative places and 7 people on them: two more is 超编.
    let (e, line) = demo_with_row("N13", |r| {
        let extra = "|甲乙丙;;运行监测科;行政编制|丁戊己;;运行监测科;行政编制";
        r.get_mut("occupancy").unwrap().push_str(extra);
    });
    assert!(
        e.contains(&format!("staffing.csv:{line}: field occupancy")) && e.contains("超编"),
        "{e}"
    );
    let (e, line) = demo_with_row("N13", |r| {
        *r.get_mut("posts").unwrap() = "正职=1|副职=1|内设机构负责人=2".into();
    });
    assert!(
        e.contains(&format!("staffing.csv:{line}: field posts")) && e.contains("副职"),
        "{e}"
    );
    let (e, line) = demo_with_row("N13", |r| {
        let f = r["functions"].replacen('[', "[CF0001;", 1);
        *r.get_mut("functions").unwrap() = f;
    });
    assert!(
        e.contains(&format!("staffing.csv:{line}: field functions = ")) && e.contains("CF0001"),
        "{e}"
    );
    let (e, _) = demo_with_row("N13", |r| {
        r.get_mut("occupancy")
            .unwrap()
            .push_str("|甲乙丙;处长;;行政编制");
    });
    assert!(e.contains("field occupancy") && e.contains("处长"), "{e}");
}

#[test]
fn reform_history_counts_and_flows_come_from_the_data() {
    let ds = read_dataset(&demo_dir()).unwrap_or_else(|e| panic!("{e}"));
    let h = &ds.history;
    let t = timeline(h);
    let ids: Vec<&str> = t.iter().map(|e| e.change.id.as_str()).collect();
    // Date order; the list publication and adjustment touch no body or park.
    assert_eq!(ids.first(), Some(&"C2015"));
    assert!(!ids.contains(&"C2021L"), "{ids:?}");
    let c2020 = t.iter().find(|e| e.change.id.as_str() == "C2020").unwrap();
    let links = rows("lineage.csv")
        .into_iter()
        .filter(|r| r["change"] == "C2020")
        .count();
    assert_eq!((c2020.institutions.ended, c2020.links.len()), (37, links));
    let renamed = t.iter().find(|e| e.change.id.as_str() == "C2023B").unwrap();
    assert_eq!(renamed.institutions.renamed, 1);
    let f = flows(h, &Code::parse("C2020").unwrap()).unwrap();
    assert_eq!((f[0].before, f[0].after), (37, 12));
    // Each body before the reform carries 1 through the chart.
    let out: f64 = f[0].links.iter().map(|l| l.value).sum();
    assert!((out - 37.0).abs() < 1e-9, "{out}");
    let f = flows(h, &Code::parse("C2024").unwrap()).unwrap();
    let parks = f.iter().find(|f| f.kind.code() == "park").unwrap();
    assert_eq!((parks.before, parks.after), (12, 10));
    assert!(flows(h, &Code::parse("NOPE").unwrap()).is_none());
}
