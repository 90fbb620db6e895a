#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test
//! Export of the power list: what is written reads back as the same items (xlsx and
//! CSV), formula-like text is neutralised, and LibreOffice reads the xlsx as the
//! published layout (skipped with a message when `soffice` is absent, unless
//! ZONEGOV_REQUIRE_SOFFICE=1).

use chrono::NaiveDate;
use std::path::Path;
use std::process::Command;
use zonegov_domain::power::PowerItem;
use zonegov_domain::{Code, Period, Version};
use zonegov_io::power_list::{
    CsvListWriter, ParsedItem, ReadOptions, XlsxListWriter, read_power_list,
};

fn resolve(text: &str, _on: Option<NaiveDate>) -> Result<Code, String> {
    Code::parse(text).map_err(|e| e.to_string())
}

/// The canonical fixture's items as stored versions, plus one whose remarks look
/// like a formula.
fn versions() -> Vec<Version<PowerItem>> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/power/a_canonical.csv");
    let bytes = std::fs::read(path).unwrap();
    let read = read_power_list(&bytes, "a.csv", &ReadOptions::default(), &resolve);
    assert!(read.problems.is_empty(), "{:?}", read.problems);
    let mut out: Vec<Version<PowerItem>> = read
        .items
        .into_iter()
        .map(|p| Version {
            code: p.code,
            period: Period::new(p.valid_from.unwrap(), p.valid_to).unwrap(),
            change: Code::parse("C2024P").unwrap(),
            attrs: p.item,
        })
        .collect();
    let mut evil = out[2].clone();
    evil.code = Code::parse("GF00004000").unwrap();
    evil.attrs.remarks = Some("=HYPERLINK(\"http://evil.example\",\"点我\")".into());
    evil.attrs.handling_unit = Some("@SUM(A1)".into());
    out.push(evil);
    out
}

fn as_versions(
    items: Vec<ParsedItem>,
) -> Vec<(String, PowerItem, Option<NaiveDate>, Option<NaiveDate>)> {
    items
        .into_iter()
        .map(|p| (p.code.to_string(), p.item, p.valid_from, p.valid_to))
        .collect()
}

fn expected() -> Vec<(String, PowerItem, Option<NaiveDate>, Option<NaiveDate>)> {
    versions()
        .into_iter()
        .map(|v| {
            (
                v.code.to_string(),
                v.attrs,
                Some(v.period.from()),
                v.period.to(),
            )
        })
        .collect()
}

fn write_xlsx(path: &Path) {
    let mut w = XlsxListWriter::create(path, "济宁高新区权力清单和责任清单").unwrap();
    for v in versions() {
        w.write(&v).unwrap();
    }
    w.finish().unwrap();
}

#[test]
fn exported_xlsx_and_csv_read_back_as_the_same_items() {
    let dir = tempfile::tempdir().unwrap();
    let xlsx = dir.path().join("list.xlsx");
    write_xlsx(&xlsx);
    let back = read_power_list(
        &std::fs::read(&xlsx).unwrap(),
        "list.xlsx",
        &ReadOptions::default(),
        &resolve,
    );
    assert!(back.problems.is_empty(), "{:?}", back.problems);
    assert_eq!(as_versions(back.items), expected());

    let mut w = CsvListWriter::new(Vec::new()).unwrap();
    for v in versions() {
        w.write(&v).unwrap();
    }
    let bytes = w.finish().unwrap();
    let text = String::from_utf8(bytes.clone()).unwrap();
    assert!(text.starts_with('\u{feff}'));
    assert!(text.contains("'=HYPERLINK"), "formula neutralised in CSV");
    assert!(text.contains(",'@SUM(A1),"));
    // 3 + 3 + 1 + 1 responsibility rows and the header.
    assert_eq!(csv::Reader::from_reader(&bytes[3..]).records().count(), 8);
    let back = read_power_list(&bytes, "list.csv", &ReadOptions::default(), &resolve);
    assert!(back.problems.is_empty(), "{:?}", back.problems);
    assert_eq!(as_versions(back.items), expected());
}

#[test]
fn libreoffice_reads_the_exported_xlsx() {
    let found = Command::new("soffice")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        assert!(
            std::env::var("ZONEGOV_REQUIRE_SOFFICE").as_deref() != Ok("1"),
            "ZONEGOV_REQUIRE_SOFFICE=1 but soffice is not installed (apt-get install -y --no-install-recommends libreoffice-calc-nogui)"
        );
        println!("SKIPPED: soffice not found; install libreoffice-calc-nogui to run this test");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let xlsx = dir.path().join("list.xlsx");
    write_xlsx(&xlsx);
    let profile = format!(
        "-env:UserInstallation=file://{}/profile",
        dir.path().display()
    );
    let out = Command::new("soffice")
        .args([
            profile.as_str(),
            "--headless",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76,1",
            "--outdir",
        ])
        .arg(dir.path())
        .arg(&xlsx)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(dir.path().join("list.csv")).unwrap();
    let rows: Vec<csv::StringRecord> = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes())
        .records()
        .map(Result::unwrap)
        .collect();
    println!("LibreOffice read {} rows", rows.len());
    // Title, header, 8 responsibility rows.
    assert_eq!(rows.len(), 10);
    assert_eq!(&rows[0][0], "济宁高新区权力清单和责任清单");
    assert_eq!(&rows[1][0], "权力编码");
    // The penalty item spans rows 6–8: its cells are merged, so the value sits in
    // the first row and the merged rows below are empty.
    assert_eq!(&rows[5][0], "CF00002000");
    assert_eq!(&rows[5][4], "N11");
    assert_eq!(&rows[6][0], "");
    assert_eq!(&rows[6][10], "全面、客观、公正地调查，收集证据");
    assert_eq!(&rows[7][9], "决定");
    assert_eq!(
        &rows[9][15],
        "'=HYPERLINK(\"http://evil.example\",\"点我\")"
    );
    assert_eq!(&rows[9][5], "'@SUM(A1)");
}
