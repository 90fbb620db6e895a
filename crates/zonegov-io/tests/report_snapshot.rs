#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test
//! The text report of the demo zone, pinned in both languages.

use std::path::PathBuf;
use zonegov_domain::Lang;
use zonegov_io::{read_dataset, report_text};

#[test]
fn demo_report_2024_against_2019() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data/demo");
    let h = read_dataset(&dir).unwrap().history;
    let r = h.report(
        "2024-12-31".parse().unwrap(),
        Some("2019-12-31".parse().unwrap()),
    );
    insta::assert_snapshot!("report_zh", report_text::render(&r, Lang::Zh));
    insta::assert_snapshot!("report_en", report_text::render(&r, Lang::En));
}
