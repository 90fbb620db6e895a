#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test
//! `zonegov reform apply`: a staffing office's table plan previewed (nothing
//! written), then applied; the report after it counts the merged bodies once; a
//! plan with a bad cell names it and writes nothing.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_zonegov");

fn demo_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data/demo")
}

fn zonegov(db: &str, args: &[&str]) -> Output {
    Command::new(BIN)
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .unwrap()
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

fn internal(db: &str, as_of: &str) -> u64 {
    let out = zonegov(db, &["report", "--as-of", as_of, "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    v["internal_institutions"].as_u64().unwrap()
}

const HEAD: [&str; 8] = [
    "--id",
    "C2025R",
    "--doc-no",
    "示例〔2025〕1号",
    "--effective",
    "2025-01-01",
    "--reason",
    "财政金融局、科技创新局并入发展改革局",
];

fn plan(dir: &Path, body: &str) -> String {
    let path = dir.join("plan.csv");
    std::fs::write(
        &path,
        format!("操作,原机构,新机构,名称,编制类型,编制数,文号\n{body}"),
    )
    .unwrap();
    path.display().to_string()
}

#[test]
fn a_table_plan_is_previewed_then_applied() {
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}", dir.path().join("z.db").display());
    assert!(
        zonegov(&db, &["load", demo_dir().to_str().unwrap()])
            .status
            .success()
    );
    let file = plan(
        dir.path(),
        "合并,N05|N06,N04,,,,\n核增,,N04,,行政编制,2,示例〔2025〕1号\n",
    );
    let mut args = vec!["reform", "apply", file.as_str(), "--dry-run"];
    args.extend(HEAD);
    let out = zonegov(&db, &args);
    let shown = text(&out);
    assert!(out.status.success(), "{shown}");
    assert!(shown.contains("nothing written"), "{shown}");
    assert!(shown.contains("institution N05 并入 N04"), "{shown}");
    assert!(
        shown.contains("权责清单 (power_item): 70 new, 70 ended, 70 moved, 0 flagged"),
        "{shown}"
    );
    assert!(
        shown.contains("行政编制: 226 → 228 (核定 / decided +2)"),
        "{shown}"
    );
    assert_eq!(internal(&db, "2025-06-30"), 13, "a dry run writes nothing");

    args.retain(|a| *a != "--dry-run");
    let out = zonegov(&db, &args);
    assert!(out.status.success(), "{}", text(&out));
    assert!(
        text(&out).contains("written: change set C2025R"),
        "{}",
        text(&out)
    );
    assert_eq!(internal(&db, "2025-06-30"), 11);
    assert_eq!(
        internal(&db, "2024-12-31"),
        13,
        "the day before is unchanged"
    );
}

#[test]
fn a_bad_cell_is_named_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}", dir.path().join("z.db").display());
    assert!(
        zonegov(&db, &["load", demo_dir().to_str().unwrap()])
            .status
            .success()
    );
    let file = plan(dir.path(), "编制划转,N07,N04,,行政编制,三,\n");
    let mut args = vec!["reform", "apply", file.as_str()];
    args.extend(HEAD);
    let out = zonegov(&db, &args);
    assert!(!out.status.success());
    let shown = text(&out);
    assert!(
        shown.contains("第2行") && shown.contains("F列") && shown.contains("三"),
        "{shown}"
    );
    assert_eq!(internal(&db, "2025-06-30"), 13);
}
