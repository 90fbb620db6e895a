#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test
//! Export of the power list: what is written reads back as the same items (xlsx and
//! CSV), formula-like text is neutralised, and LibreOffice reads the xlsx as the
//! published layout (skipped with a message when `soffice` is absent, unless
//! ZONEGOV_REQUIRE_SOFFICE=1).

use calamine::Reader;
use chrono::NaiveDate;
use std::path::Path;
use std::process::Command;
use zonegov_domain::power::PowerItem;
use zonegov_domain::{Code, Period, Version};
use zonegov_io::power_list::export_xml::{CUT_MARKER, MAX_CELL_UNITS};
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

/// `xlsx` converted to CSV by LibreOffice, as rows; `None` (said so) when soffice
/// is absent, unless ZONEGOV_REQUIRE_SOFFICE=1.
fn libreoffice_csv(dir: &Path, xlsx: &Path) -> Option<Vec<csv::StringRecord>> {
    let out = libreoffice(
        dir,
        xlsx,
        "csv:Text - txt - csv (StarCalc):44,34,76,1",
        "csv",
    )?;
    let text = String::from_utf8(out).unwrap();
    Some(
        csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes())
            .records()
            .map(Result::unwrap)
            .collect(),
    )
}

/// `input` converted by LibreOffice with `filter` into `out_dir`, as bytes.
fn libreoffice(dir: &Path, input: &Path, filter: &str, ext: &str) -> Option<Vec<u8>> {
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
        return None;
    }
    let profile = format!("-env:UserInstallation=file://{}/profile", dir.display());
    let out = Command::new("soffice")
        .args([
            profile.as_str(),
            "--headless",
            "--convert-to",
            filter,
            "--outdir",
        ])
        .arg(dir.join("lo"))
        .arg(input)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let name = input.with_extension(ext);
    Some(std::fs::read(dir.join("lo").join(name.file_name().unwrap())).unwrap())
}

#[test]
fn libreoffice_reads_the_exported_xlsx() {
    let dir = tempfile::tempdir().unwrap();
    let xlsx = dir.path().join("list.xlsx");
    write_xlsx(&xlsx);
    let Some(rows) = libreoffice_csv(dir.path(), &xlsx) else {
        return;
    };
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

    // LibreOffice sees the merged ranges: saved again as xlsx, it still has them.
    let again = libreoffice(dir.path(), &xlsx, "xlsx:Calc MS Excel 2007 XML", "xlsx").unwrap();
    let mut book: calamine::Xlsx<_> = calamine::Xlsx::new(std::io::Cursor::new(again)).unwrap();
    let merges = book.worksheet_merge_cells("权责清单").unwrap().unwrap();
    let penalty: Vec<_> = merges
        .iter()
        .filter(|d| d.start.0 == 5 && d.end.0 == 7)
        .map(|d| d.start.1)
        .collect();
    assert_eq!(penalty.len(), 15, "{merges:?}");
    assert!(
        !penalty.contains(&9),
        "the responsibility columns are not merged"
    );
}

/// Text meant to break the file: XML specials and markup, every control character
/// XML 1.0 forbids, a carriage return, the two non-characters, a literal `_xHHHH_`,
/// characters outside the BMP, formula triggers and a cell longer than Excel allows.
fn hostile() -> Version<PowerItem> {
    let mut v = versions()[2].clone();
    v.code = Code::parse("GF00009000").unwrap();
    let controls: String = (0u8..0x20)
        .filter(|b| !matches!(b, b'\t' | b'\n'))
        .map(char::from)
        .collect();
    let it = &mut v.attrs;
    it.name = zonegov_domain::Name::new(
        "<worksheet>&amp;\"'</c></row>]]><![CDATA[x]]> 对&lt;的处罚",
        "",
    );
    it.sub_item = Some(format!("前{controls}后\u{FFFE}\u{FFFF}尾"));
    it.handling_unit = Some("=cmd|' /C calc'!A0".into());
    it.remarks = Some("_x0041_ 与 _x000D_ 照原样 𠀀😀\r\n第二行".into());
    it.level = Some("-1+1".into());
    it.accountability = vec![zonegov_domain::power::Accountability {
        situation: "长".repeat(40_000),
        basis: Vec::new(),
    }];
    it.responsibilities
        .push(zonegov_domain::power::Responsibility {
            step: "-终结".into(),
            duty: "+SUM(1,2) & <b>加粗</b>".into(),
            basis: Vec::new(),
        });
    v
}

#[test]
fn hostile_text_gives_a_valid_file_that_reads_back() {
    let dir = tempfile::tempdir().unwrap();
    let xlsx = dir.path().join("hostile.xlsx");
    let evil = hostile();
    let mut w = XlsxListWriter::create(&xlsx, "<标题> & \"title\" =1+1").unwrap();
    for v in versions() {
        w.write(&v).unwrap();
    }
    w.write(&evil).unwrap();
    w.finish().unwrap();
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["hostile.xlsx"], "no .part file is left");

    let bytes = std::fs::read(&xlsx).unwrap();
    // No character XML 1.0 forbids in any part (calamine alone would not notice).
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&bytes)).unwrap();
    for i in 0..zip.len() {
        let mut part = String::new();
        std::io::Read::read_to_string(&mut zip.by_index(i).unwrap(), &mut part).unwrap();
        let bad = part.chars().find(|c| {
            matches!(c, '\u{0}'..='\u{8}' | '\u{B}' | '\u{C}' | '\u{E}'..='\u{1F}' | '\u{FFFE}' | '\u{FFFF}')
        });
        assert_eq!(bad, None, "part {i}");
    }
    let back = read_power_list(&bytes, "hostile.xlsx", &ReadOptions::default(), &resolve);
    assert!(back.problems.is_empty(), "{:?}", back.problems);
    let got = back.items.last().unwrap();
    assert_eq!(got.code, evil.code);
    let (a, b) = (&got.item, &evil.attrs);
    assert_eq!(a.name, b.name);
    assert_eq!(
        a.sub_item,
        b.sub_item
            .as_ref()
            .map(|s| s.replace(['\u{FFFE}', '\u{FFFF}'], "\u{FFFD}")),
        "control characters survive, the two non-characters are replaced"
    );
    assert_eq!(a.handling_unit, b.handling_unit, "formula text read back");
    assert_eq!(a.remarks, b.remarks, "a literal _xHHHH_ and \\r survive");
    assert_eq!(a.level, b.level);
    assert_eq!(a.responsibilities, b.responsibilities);
    let long = &a.accountability[0].situation;
    assert!(
        long.ends_with(CUT_MARKER),
        "an over-long cell is cut, visibly"
    );
    assert_eq!(long.encode_utf16().count(), MAX_CELL_UNITS);
    // Everything else is untouched.
    let mut rest = evil.attrs.clone();
    rest.accountability = a.accountability.clone();
    rest.sub_item = a.sub_item.clone();
    assert_eq!(a, &rest);

    // The item's 15 cells are merged down its rows, the title across the header.
    let mut book: calamine::Xlsx<_> = calamine::Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    let merges = book.worksheet_merge_cells("权责清单").unwrap().unwrap();
    let spans = |first: u32, last: u32| {
        merges
            .iter()
            .filter(|d| d.start.0 == first && d.end.0 == last && d.start.1 == d.end.1)
            .count()
    };
    assert_eq!(spans(2, 4), 15, "first item: rows 3–5");
    assert!(merges.iter().any(|d| d.start == (0, 0) && d.end == (0, 17)));
    // The title, and the 15 item columns of every item with more than one row.
    let multi = versions()
        .iter()
        .chain([&evil])
        .filter(|v| v.attrs.responsibilities.len() > 1)
        .count();
    assert_eq!(merges.len(), 1 + 15 * multi);

    if let Some(rows) = libreoffice_csv(dir.path(), &xlsx) {
        let last = rows.iter().find(|r| &r[0] == "GF00009000").unwrap();
        assert_eq!(&last[2], &evil.attrs.name.zh);
        assert_eq!(&last[5], "'=cmd|' /C calc'!A0");
        assert_eq!(&rows[0][0], "<标题> & \"title\" =1+1");
    }
}
