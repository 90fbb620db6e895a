#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Probe (issue 7): does rust_xlsxwriter's constant-memory mode grow with merged
//! ranges? `merge_probe ROWS merge|plain` writes ROWS rows (3 per item, 15 item
//! columns) and prints the process peak RSS.
use rust_xlsxwriter::{Format, Workbook};

fn hwm() -> String {
    std::fs::read_to_string("/proc/self/status")
        .unwrap()
        .lines()
        .find(|l| l.starts_with("VmHWM"))
        .unwrap()
        .to_owned()
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let rows: u32 = args[1].parse().unwrap();
    let merge = args[2] == "merge";
    let dir = tempfile::tempdir().unwrap();
    let mut book = Workbook::new();
    let f = Format::new().set_text_wrap();
    let sheet = book.add_worksheet_with_constant_memory();
    let text = "对违反消防安全管理规定的处罚（中华人民共和国消防法第四十二条）";
    let mut r = 0;
    while r + 3 <= rows {
        // Item cells first (merged down), then the responsibility rows in order,
        // as the writer does: constant-memory mode drops writes to finished rows.
        for c in (0..18u16).filter(|c| !(9..12).contains(c)) {
            if merge {
                sheet.merge_range(r, c, r + 2, c, text, &f).unwrap();
            } else {
                sheet.write_string_with_format(r, c, text, &f).unwrap();
            }
        }
        for k in 0..3 {
            for c in 9..12u16 {
                sheet.write_string_with_format(r + k, c, text, &f).unwrap();
            }
        }
        r += 3;
    }
    book.save(dir.path().join("p.xlsx")).unwrap();
    println!(
        "rows {r} {} {}",
        if merge { "merge" } else { "plain" },
        hwm()
    );
}
