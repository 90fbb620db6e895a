//! Which column holds which field. Localities print the same field under different
//! names (权力编码, 职权编码, 事项编码), above one or two header rows, under a title;
//! this maps every layout onto the canonical field keys.

use super::grid::Sheet;

/// Canonical field keys and the headers published lists use for them. The key
/// itself is accepted too, so the canonical CSV (keys as headers) maps to itself.
pub const ALIASES: &[(&str, &[&str])] = &[
    ("code", &["权力编码", "职权编码", "事项编码", "编码"]),
    (
        "item_type",
        &["权力类型", "权力分类", "职权类型", "事项类型"],
    ),
    (
        "name",
        &[
            "权力事项名称",
            "项目名称",
            "职权名称",
            "主项名称",
            "事项名称",
        ],
    ),
    ("sub_item", &["子项", "子项名称"]),
    ("body", &["实施主体", "法定主体", "实施机关"]),
    ("handling_unit", &["承办机构", "承办科室"]),
    ("level", &["行使层级"]),
    ("basis_setting", &["设定依据"]),
    ("basis_implementing", &["实施依据", "法律依据"]),
    ("step", &["责任环节"]),
    ("duty", &["责任事项"]),
    ("duty_basis", &["责任事项依据"]),
    ("accountability", &["追责情形"]),
    ("accountability_basis", &["追责依据"]),
    ("phone", &["监督电话"]),
    ("remarks", &["备注"]),
    ("valid_from", &["生效日期"]),
    ("valid_to", &["失效日期"]),
    ("change", &["变更批次"]),
    ("source", &["来源"]),
    ("basis", &["来源说明"]),
    ("facts", &["事实字段"]),
    ("action", &["操作", "调整类型", "变更类型"]),
];

/// Fields an item needs a column for.
pub const REQUIRED: &[&str] = &["code", "item_type", "name", "body", "duty"];

/// Header text without spaces, line breaks, full-width punctuation or required-field
/// stars, so 「权力\n编码」, 「*权力编码：」 and 「权力编码（必填）」 read alike.
pub fn normalise(text: &str) -> String {
    let mut s: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && !"*＊:：，,。.、\u{3000}".contains(*c))
        .collect::<String>()
        .to_lowercase();
    for marker in ["（必填）", "(必填)", "（选填）", "(选填)"] {
        s = s.replace(marker, "");
    }
    s
}

/// A table of canonical field keys and the headers files use for them.
pub type Aliases = &'static [(&'static str, &'static [&'static str])];

/// The field key a header names, if any.
pub fn field_of(text: &str) -> Option<&'static str> {
    field_in(text, ALIASES)
}

/// The field key a header names in `aliases` (any list's table: the power list's, the
/// enterprise register's).
pub fn field_in(text: &str, aliases: Aliases) -> Option<&'static str> {
    let n = normalise(text);
    if n.is_empty() {
        return None;
    }
    aliases
        .iter()
        .find(|(key, names)| *key == n || names.iter().any(|a| normalise(a) == n))
        .map(|(key, _)| *key)
}

/// A column mapped to a field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    pub index: usize,
    pub field: &'static str,
    /// The header as written (leaf row of a grouped header).
    pub header: String,
}

/// Where the header is and what each column holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    /// 0-based index of the last header row; data starts below it.
    pub last_header_row: usize,
    pub columns: Vec<Column>,
}

impl Layout {
    pub fn column(&self, field: &str) -> Option<&Column> {
        self.columns.iter().find(|c| c.field == field)
    }
}

fn mapped(sheet: &Sheet, row: usize, aliases: Aliases) -> Vec<Column> {
    let mut out: Vec<Column> = Vec::new();
    for (index, text) in sheet.rows.get(row).into_iter().flatten().enumerate() {
        if let Some(field) = field_in(text, aliases)
            && out.iter().all(|c| c.field != field)
        {
            out.push(Column {
                index,
                field,
                header: text.trim().to_owned(),
            });
        }
    }
    out
}

/// Adds the other row's fields in columns `base` leaves unmapped; `None` when the
/// other row adds nothing.
fn combined(sheet: &Sheet, base: &[Column], other: usize, aliases: Aliases) -> Option<Vec<Column>> {
    let extra: Vec<Column> = mapped(sheet, other, aliases)
        .into_iter()
        .filter(|c| {
            base.iter()
                .all(|b| b.index != c.index && b.field != c.field)
        })
        .collect();
    if extra.is_empty() {
        return None;
    }
    let mut all = base.to_vec();
    all.extend(extra);
    all.sort_by_key(|c| c.index);
    Some(all)
}

/// Whether every filled cell of `row` is a header (so the row is a header row, not data).
fn all_headers(sheet: &Sheet, row: usize, aliases: Aliases) -> bool {
    sheet.rows.get(row).is_some_and(|r| {
        r.iter()
            .all(|c| c.trim().is_empty() || field_in(c, aliases).is_some())
    })
}

/// Finds the header among the first rows: the row matching most fields (at least
/// three), the later one on a tie (a vertically merged cell repeats in both rows of a
/// grouped header), combined with the row above or below when that row supplies the
/// leaf or group names of the columns it leaves unmapped.
pub fn find_layout(sheet: &Sheet) -> Option<Layout> {
    find_layout_in(sheet, ALIASES)
}

/// [`find_layout`] against another alias table.
pub fn find_layout_in(sheet: &Sheet, aliases: Aliases) -> Option<Layout> {
    let scan = sheet.rows.len().min(20);
    let mut best: Option<(usize, Vec<Column>)> = None;
    for row in 0..scan {
        let cols = mapped(sheet, row, aliases);
        if cols.len() >= 3 && best.as_ref().is_none_or(|(_, b)| cols.len() >= b.len()) {
            best = Some((row, cols));
        }
    }
    let (row, cols) = best?;
    if all_headers(sheet, row + 1, aliases)
        && let Some(all) = combined(sheet, &cols, row + 1, aliases)
    {
        return Some(Layout {
            last_header_row: row + 1,
            columns: all,
        });
    }
    let columns = match row.checked_sub(1) {
        Some(above) => combined(sheet, &cols, above, aliases).unwrap_or(cols),
        None => cols,
    };
    Some(Layout {
        last_header_row: row,
        columns,
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn sheet(rows: &[&[&str]]) -> Sheet {
        Sheet {
            name: "s".into(),
            rows: rows
                .iter()
                .map(|r| r.iter().map(|c| (*c).to_owned()).collect())
                .collect(),
        }
    }

    #[test]
    fn aliases_match_after_normalising() {
        assert_eq!(field_of(" 职权\n编码 "), Some("code"));
        assert_eq!(field_of("*法定主体："), Some("body"));
        assert_eq!(field_of("item_type"), Some("item_type"));
        assert_eq!(field_of("责任清单"), None);
    }

    #[test]
    fn title_and_grouped_header_rows_are_found_and_combined() {
        let s = sheet(&[
            &[
                "某高新区权责清单",
                "某高新区权责清单",
                "某高新区权责清单",
                "某高新区权责清单",
            ],
            &["权力编码", "权力类型", "实施主体", "责任清单", "责任清单"],
            &["", "", "", "责任事项", "追责情形"],
            &["XK00001000", "XK", "N04", "受理", "x"],
        ]);
        let l = find_layout(&s).unwrap();
        assert_eq!(l.last_header_row, 2);
        assert_eq!(l.column("duty").map(|c| c.index), Some(3));
        assert_eq!(l.column("accountability").map(|c| c.index), Some(4));
        assert_eq!(l.column("code").map(|c| c.index), Some(0));
    }

    #[test]
    fn merged_group_row_above_the_leaves() {
        let s = sheet(&[
            &["权力编码", "权力类型", "实施主体", "责任清单", "责任清单"],
            &["权力编码", "权力类型", "实施主体", "责任事项", "追责情形"],
            &["XK00001000", "XK", "N04", "受理", "x"],
        ]);
        let l = find_layout(&s).unwrap();
        assert_eq!((l.last_header_row, l.columns.len()), (1, 5));
    }
}
