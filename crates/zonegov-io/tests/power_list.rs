#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test
//! The power list reader over three published layouts holding the same items, a file
//! with exactly twenty errors, and the generator of the xlsx fixtures
//! (`cargo test -p zonegov-io --test power_list -- --ignored regenerate`).

use chrono::NaiveDate;
use rust_xlsxwriter::{ExcelDateTime, Format, FormatAlign, Workbook};
use std::path::{Path, PathBuf};
use zonegov_domain::Code;
use zonegov_io::power_list::{ParsedItem, PowerListRead, ReadOptions, read_power_list};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/power")
        .join(name)
}

/// The demo's bodies by code or by name.
fn resolve(text: &str, _on: Option<NaiveDate>) -> Result<Code, String> {
    let known = [
        ("N10", "自然资源和规划建设局"),
        ("N11", "应急管理和生态环境局"),
        ("N06", "科技创新局"),
    ];
    known
        .iter()
        .find(|(c, n)| *c == text || *n == text)
        .map(|(c, _)| Code::parse(c).map_err(|e| e.to_string()))
        .unwrap_or_else(|| Err(format!("找不到实施主体 / no such body: {text}")))
}

fn read(name: &str) -> PowerListRead {
    let bytes = std::fs::read(fixture(name)).unwrap();
    read_power_list(&bytes, name, &ReadOptions::default(), &resolve)
}

/// Items without the rows they came from (which differ by layout).
fn comparable(r: &PowerListRead) -> Vec<ParsedItem> {
    r.items
        .iter()
        .cloned()
        .map(|mut i| {
            i.first_row = 0;
            i.last_row = 0;
            i
        })
        .collect()
}

#[test]
fn three_layouts_import_to_the_same_items() {
    let a = read("a_canonical.csv");
    let b = read("b_published.xlsx");
    let c = read("c_county.xlsx");
    for (name, r) in [("A", &a), ("B", &b), ("C", &c)] {
        assert!(r.problems.is_empty(), "{name}: {:#?}", r.problems);
        assert_eq!(r.items.len(), 3, "{name}");
    }
    let xk = &a.items[0];
    assert_eq!(xk.code.as_str(), "XK00001000");
    let steps: Vec<&str> = xk
        .item
        .responsibilities
        .iter()
        .map(|r| r.step.as_str())
        .collect();
    assert_eq!(steps, ["受理", "审查", "决定"]);
    assert_eq!(xk.item.accountability.len(), 2);
    assert_eq!((xk.first_row, xk.last_row), (2, 4));
    let cf = &a.items[1];
    assert_eq!(cf.item.responsibilities.len(), 3);
    assert_eq!(cf.item.responsibilities[1].step, "调查取证");
    assert_eq!(a.items[2].valid_to, NaiveDate::from_ymd_opt(2025, 12, 31));
    assert_eq!(comparable(&a), comparable(&b), "A and B differ");
    assert_eq!(comparable(&a), comparable(&c), "A and C differ");
    // B's trailing notes row and title rows are said, not silently dropped.
    assert!(
        b.notes.iter().any(|n| n.contains("row 9 is a note")),
        "{:?}",
        b.notes
    );
    assert!(
        b.notes.iter().any(|n| n.contains("header ends on row 3")),
        "{:?}",
        b.notes
    );
    assert_eq!((b.items[1].first_row, b.items[1].last_row), (5, 7));
}

#[test]
fn twenty_errors_are_all_reported_with_their_location_and_no_item() {
    let r = read("errors_20.csv");
    for p in &r.problems {
        println!("{p}");
    }
    assert!(r.items.is_empty());
    let got: Vec<(usize, Option<&str>, &str, &str)> = r
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
    let want: Vec<(usize, Option<&str>, &str, &str)> = vec![
        (2, Some("A"), "code", ""),
        (3, Some("A"), "code", "XK0001"),
        (4, Some("A"), "code", "xk00002000"),
        (5, Some("A"), "code", "XK0000300A"),
        (6, Some("A"), "code", "许可00004000"),
        (7, Some("B"), "item_type", "行政征用"),
        (8, Some("A"), "code", "CF00006000"),
        (9, Some("C"), "name", ""),
        (10, Some("D"), "body", ""),
        (11, Some("D"), "body", "不存在局"),
        (13, Some("D"), "body", "N11"),
        (14, Some("E"), "basis_implementing", ""),
        (15, Some("G"), "duty", ""),
        (16, Some("I"), "valid_from", "2024-13-01"),
        (17, Some("J"), "valid_to", "明年"),
        (18, Some("J"), "valid_to", "2024-01-01"),
        (19, Some("A"), "code", "XK00010000"),
        (20, Some("I"), "valid_from", "2024年2月30日"),
        (21, Some("B"), "item_type", ""),
        (22, Some("A"), "code", "XK 00018000"),
    ];
    assert_eq!(got, want);
    assert_eq!(r.problems.len(), 20);
    assert!(r.problems.iter().all(|p| p.sheet == "errors_20.csv"));
    assert_eq!(r.problems[10].header.as_deref(), Some("实施主体"));
    assert!(r.notes.iter().any(|n| n.contains("row 23 is a note")));
}

// ---- the generator of the xlsx fixtures -------------------------------------------

const BASIS_XK: &str = "《中华人民共和国城乡规划法》第四十条";
const BASIS_CF: &str = "《中华人民共和国安全生产法》第九十七条第（三）项";
const BASIS_GF: &str = "《科技型中小企业评价办法》第十条";
const XK_NAME: &str = "建设工程规划许可";
const CF_NAME: &str = "对生产经营单位未按规定进行安全生产教育培训的处罚";
const GF_NAME: &str = "科技型中小企业评价服务";

/// B: a title row, a two-row grouped header with merged cells, an item merged down
/// across its rows, multi-step cells, Chinese dates and a trailing notes row.
fn write_b(path: &Path) -> Result<(), rust_xlsxwriter::XlsxError> {
    let mut book = Workbook::new();
    let f = Format::new()
        .set_text_wrap()
        .set_align(FormatAlign::VerticalCenter);
    let s = book.add_worksheet();
    s.merge_range(0, 0, 0, 11, "济宁高新区权责清单（2024年版）", &f)?;
    s.merge_range(1, 0, 2, 0, "序号", &f)?;
    s.merge_range(1, 1, 1, 6, "权力清单", &f)?;
    s.merge_range(1, 7, 1, 8, "责任清单", &f)?;
    for (col, h) in [(9, "追责情形"), (10, "生效日期"), (11, "失效日期")] {
        s.merge_range(1, col, 2, col, h, &f)?;
    }
    for (i, h) in [
        "权力编码",
        "权力类型",
        "项目名称",
        "实施主体",
        "承办机构",
        "法律依据",
        "责任事项",
        "责任事项依据",
    ]
    .iter()
    .enumerate()
    {
        s.write_string_with_format(2, i as u16 + 1, *h, &f)?;
    }
    let xk = [
        "1",
        "XK00001000",
        "行政许可",
        XK_NAME,
        "自然资源和规划建设局",
        "规划科",
        BASIS_XK,
        "受理责任：依法受理或不予受理申请，一次性告知需补正材料\n审查责任：审查申请材料，组织现场踏勘\n决定责任：作出准予或不予许可的决定",
        "",
        "（1）对符合条件的申请不予受理的\n（2）违法准予许可的",
        "2024年1月1日",
        "",
    ];
    for (i, v) in xk.iter().enumerate() {
        s.write_string_with_format(3, i as u16, *v, &f)?;
    }
    let cf = [
        "2",
        "CF00002000",
        "行政处罚",
        CF_NAME,
        "N11",
        "安全生产监管科",
        BASIS_CF,
    ];
    for (i, v) in cf.iter().enumerate() {
        s.merge_range(4, i as u16, 6, i as u16, v, &f)?;
    }
    for (k, d) in [
        "立案责任：对违法线索进行核查，决定是否立案",
        "调查取证责任：全面、客观、公正地调查，收集证据",
        "决定责任：依法作出处罚决定",
    ]
    .iter()
    .enumerate()
    {
        s.write_string_with_format(4 + k as u32, 7, *d, &f)?;
    }
    s.merge_range(4, 9, 6, 9, "滥用职权、徇私舞弊的", &f)?;
    s.merge_range(4, 10, 6, 10, "2024年1月1日", &f)?;
    s.merge_range(4, 11, 6, 11, "", &f)?;
    let gf = [
        "3",
        "GF00003000",
        "公共服务事项",
        GF_NAME,
        "科技创新局",
        "",
        BASIS_GF,
        "实施责任：为企业提供评价咨询和材料初审服务",
        "",
        "",
        "2024年3月1日",
        "2025年12月31日",
    ];
    for (i, v) in gf.iter().enumerate() {
        s.write_string_with_format(7, i as u16, *v, &f)?;
    }
    s.merge_range(
        8,
        0,
        8,
        11,
        "注：本清单依据有关法律法规编制，由各部门按职责实施，如有调整以最新公布为准。",
        &f,
    )?;
    book.save(path)
}

/// C: a county layout, columns in another order under other names, one row per item
/// with every step in one cell, types and bodies by name, numbered situations, date
/// cells.
fn write_c(path: &Path) -> Result<(), rust_xlsxwriter::XlsxError> {
    let mut book = Workbook::new();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let s = book.add_worksheet();
    for (i, h) in [
        "职权名称",
        "职权类型",
        "职权编码",
        "法定主体",
        "承办科室",
        "法律依据",
        "责任事项",
        "追责情形",
        "生效日期",
        "失效日期",
    ]
    .iter()
    .enumerate()
    {
        s.write_string(0, i as u16, *h)?;
    }
    let rows: [[&str; 8]; 3] = [
        [
            XK_NAME,
            "行政许可",
            "XK00001000",
            "自然资源和规划建设局",
            "规划科",
            BASIS_XK,
            "1.受理责任：依法受理或不予受理申请，一次性告知需补正材料\n2.审查责任：审查申请材料，组织现场踏勘\n3.决定责任：作出准予或不予许可的决定",
            "1.对符合条件的申请不予受理的\n2.违法准予许可的",
        ],
        [
            CF_NAME,
            "处罚",
            "CF00002000",
            "应急管理和生态环境局",
            "安全生产监管科",
            BASIS_CF,
            "立案责任：对违法线索进行核查，决定是否立案\n调查取证责任：全面、客观、公正地调查，收集证据\n决定责任：依法作出处罚决定",
            "滥用职权、徇私舞弊的",
        ],
        [
            GF_NAME,
            "公共服务事项",
            "GF00003000",
            "科技创新局",
            "",
            BASIS_GF,
            "实施责任：为企业提供评价咨询和材料初审服务",
            "",
        ],
    ];
    let dates = [
        ((2024, 1, 1), None),
        ((2024, 1, 1), None),
        ((2024, 3, 1), Some((2025, 12, 31))),
    ];
    for (r, row) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (i, v) in row.iter().enumerate() {
            s.write_string(r, i as u16, *v)?;
        }
        let ((y, m, d), to) = dates[r as usize - 1];
        s.write_datetime_with_format(r, 8, ExcelDateTime::from_ymd(y, m, d)?, &date)?;
        if let Some((y, m, d)) = to {
            s.write_datetime_with_format(r, 9, ExcelDateTime::from_ymd(y, m, d)?, &date)?;
        }
    }
    book.save(path)
}

#[test]
#[ignore = "writes the committed fixtures; run after changing the generator"]
fn regenerate_xlsx_fixtures() {
    write_b(&fixture("b_published.xlsx")).unwrap();
    write_c(&fixture("c_county.xlsx")).unwrap();
}

#[test]
fn the_generator_still_produces_what_the_committed_fixtures_hold() {
    let dir = tempfile::tempdir().unwrap();
    for (name, write) in [
        ("b_published.xlsx", write_b as fn(&Path) -> _),
        ("c_county.xlsx", write_c),
    ] {
        let path = dir.path().join(name);
        write(&path).unwrap();
        let bytes = std::fs::read(&path).unwrap();
        let fresh = read_power_list(&bytes, name, &ReadOptions::default(), &resolve);
        assert_eq!(fresh.items, read(name).items, "{name}");
    }
}
