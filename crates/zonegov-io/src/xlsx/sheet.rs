//! A one-sheet xlsx written as it goes, in memory that does not grow with the rows:
//! the sheet's XML is deflated row by row straight into its zip entry (inline
//! strings, no shared-string table), and merged ranges are kept as one pair of row
//! numbers per block of rows merged down the same columns (8 bytes; at Excel's
//! 1,048,576-row limit at most 4 MB), written as `<mergeCells>` after the rows.
//!
//! It replaces rust_xlsxwriter for the list export: that library's constant-memory
//! mode still keeps every merged cell in a hash map for its overlap check, about
//! 0.8 KB per row of the published layout (see `examples/merge_probe.rs`). The zip
//! crate is the version calamine already brings for reading.
//!
//! The file is written beside its destination (`NAME.part`) and renamed to it by
//! [`SheetWriter::finish`], so a failed export leaves no partial file.

use super::xml::{push_attr, push_num, push_ref, push_text};
use std::fmt::Write as _;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use zip::ZipWriter;
use zip::write::SimpleFileOptions;

/// Rows an Excel sheet holds.
pub const MAX_ROWS: u32 = 1_048_576;

#[derive(Debug, thiserror::Error)]
pub enum XlsxError {
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("{0}")]
    Zip(#[from] zip::result::ZipError),
    #[error(
        "一个工作表最多 1,048,576 行，清单写到了第 {0} 行 / a sheet holds at most 1,048,576 rows; the list reached row {0}"
    )]
    TooManyRows(u64),
    #[error(
        "单元格须按列序写入：第 {row} 行 {col} 列 / cells go left to right: row {row}, column {col}"
    )]
    CellOrder { row: u64, col: String },
}

/// The cell formats of `styles.xml`, by index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// Bold 16 pt, centred.
    Title = 1,
    /// Bold, wrapped, thin border, centred, light blue fill.
    Header = 2,
    /// Wrapped, thin border, vertically centred.
    Body = 3,
}

/// What the sheet looks like apart from its rows.
pub struct Layout<'a> {
    pub sheet_name: &'a str,
    /// Column widths in characters, as a spreadsheet shows them.
    pub widths: &'a [f64],
    /// Rows kept in view when scrolling.
    pub frozen_rows: u32,
    /// The columns [`SheetWriter::merge_down`] merges.
    pub merged_columns: &'a [u16],
}

pub struct SheetWriter {
    // Declared before `part`: dropping the zip writes its directory, then the
    // unfinished file is removed.
    zip: ZipWriter<BufWriter<File>>,
    part: PartFile,
    dest: PathBuf,
    /// The row being built; written to the zip entry when it ends.
    buf: String,
    /// 0-based index of the next row to begin.
    next_row: u32,
    /// Column after the last cell of the open row.
    next_col: u16,
    merged_columns: Vec<u16>,
    /// First and last row of each block merged down `merged_columns`.
    blocks: Vec<[u32; 2]>,
    /// Single-row merges: row, first and last column.
    spans: Vec<(u32, u16, u16)>,
}

const MAIN_NS: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

impl SheetWriter {
    /// Starts the package at `path` (created when [`finish`](Self::finish) succeeds).
    pub fn create(path: &Path, layout: &Layout<'_>) -> Result<Self, XlsxError> {
        let part = PartFile::beside(path);
        let file = File::create(&part.path)?;
        let mut zip = ZipWriter::new(BufWriter::with_capacity(64 * 1024, file));
        let opts = options();
        for (name, body) in [
            ("[Content_Types].xml", content_types(1)),
            ("_rels/.rels", root_rels()),
            ("xl/workbook.xml", workbook(&[layout.sheet_name])),
            ("xl/_rels/workbook.xml.rels", workbook_rels(1)),
            ("xl/styles.xml", STYLES.to_owned()),
        ] {
            zip.start_file(name, opts)?;
            zip.write_all(body.as_bytes())?;
        }
        zip.start_file("xl/worksheets/sheet1.xml", opts)?;
        zip.write_all(sheet_head(layout, true).as_bytes())?;
        Ok(Self {
            zip,
            part,
            dest: path.to_owned(),
            buf: String::with_capacity(64 * 1024),
            next_row: 0,
            next_col: 0,
            merged_columns: layout.merged_columns.to_vec(),
            blocks: Vec::new(),
            spans: Vec::new(),
        })
    }

    /// The 0-based index the next row will have.
    pub fn next_row(&self) -> u32 {
        self.next_row
    }

    /// Opens the next row; `height` in points, or the default.
    pub fn begin_row(&mut self, height: Option<f64>) -> Result<(), XlsxError> {
        if self.next_row >= MAX_ROWS {
            return Err(XlsxError::TooManyRows(u64::from(self.next_row) + 1));
        }
        self.buf.push_str("<row r=\"");
        push_num(&mut self.buf, u64::from(self.next_row) + 1);
        if let Some(h) = height {
            let _ = write!(self.buf, "\" ht=\"{h}\" customHeight=\"1");
        }
        self.buf.push_str("\">");
        self.next_col = 0;
        Ok(())
    }

    /// A text cell of the open row; empty text is a formatted blank.
    pub fn text(&mut self, col: u16, style: Style, text: &str) -> Result<(), XlsxError> {
        if text.is_empty() {
            return self.blank(col, style);
        }
        self.cell_start(col, style)?;
        self.buf
            .push_str(" t=\"inlineStr\"><is><t xml:space=\"preserve\">");
        push_text(&mut self.buf, text);
        self.buf.push_str("</t></is></c>");
        Ok(())
    }

    /// A formatted empty cell (the borders of a merged range come from these).
    pub fn blank(&mut self, col: u16, style: Style) -> Result<(), XlsxError> {
        self.cell_start(col, style)?;
        self.buf.push_str("/>");
        Ok(())
    }

    fn cell_start(&mut self, col: u16, style: Style) -> Result<(), XlsxError> {
        if col < self.next_col {
            return Err(XlsxError::CellOrder {
                row: u64::from(self.next_row) + 1,
                col: crate::power_list::column_letter(usize::from(col)),
            });
        }
        self.next_col = col + 1;
        self.buf.push_str("<c r=\"");
        push_ref(&mut self.buf, self.next_row, col);
        let _ = write!(self.buf, "\" s=\"{}\"", style as u8);
        Ok(())
    }

    /// Closes the open row and hands it to the compressor.
    pub fn end_row(&mut self) -> Result<(), XlsxError> {
        self.buf.push_str("</row>");
        self.zip.write_all(self.buf.as_bytes())?;
        self.buf.clear();
        self.next_row += 1;
        Ok(())
    }

    /// Merges `first_col..=last_col` of the 0-based `row`.
    pub fn merge_across(&mut self, row: u32, first_col: u16, last_col: u16) {
        self.spans.push((row, first_col, last_col));
    }

    /// Merges each of the layout's merged columns from `first` down to `last`.
    pub fn merge_down(&mut self, first: u32, last: u32) {
        if last > first {
            self.blocks.push([first, last]);
        }
    }

    /// Ends the sheet (merged ranges, margins), closes the zip and moves the
    /// file to its destination.
    pub fn finish(mut self) -> Result<(), XlsxError> {
        self.buf.push_str("</sheetData>");
        let count = self.spans.len() + self.blocks.len() * self.merged_columns.len();
        if count > 0 {
            let _ = write!(self.buf, "<mergeCells count=\"{count}\">");
            for &(row, a, b) in &self.spans {
                self.buf.push_str("<mergeCell ref=\"");
                push_ref(&mut self.buf, row, a);
                self.buf.push(':');
                push_ref(&mut self.buf, row, b);
                self.buf.push_str("\"/>");
            }
            for &[first, last] in &self.blocks {
                for &col in &self.merged_columns {
                    self.buf.push_str("<mergeCell ref=\"");
                    push_ref(&mut self.buf, first, col);
                    self.buf.push(':');
                    push_ref(&mut self.buf, last, col);
                    self.buf.push_str("\"/>");
                }
                if self.buf.len() > 60 * 1024 {
                    self.zip.write_all(self.buf.as_bytes())?;
                    self.buf.clear();
                }
            }
            self.buf.push_str("</mergeCells>");
        }
        self.buf.push_str(
            "<pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/></worksheet>",
        );
        self.zip.write_all(self.buf.as_bytes())?;
        let file = self.zip.finish()?;
        let file = file.into_inner().map_err(|e| e.into_error())?;
        file.sync_all()?;
        drop(file);
        std::fs::rename(&self.part.path, &self.dest)?;
        self.part.done = true;
        Ok(())
    }
}

/// The file being written; removed unless it was finished.
pub(super) struct PartFile {
    pub(super) path: PathBuf,
    pub(super) done: bool,
}

impl PartFile {
    /// `path` with `.part` appended.
    pub(super) fn beside(path: &Path) -> Self {
        let mut name = path.as_os_str().to_owned();
        name.push(".part");
        Self {
            path: PathBuf::from(name),
            done: false,
        }
    }
}

impl Drop for PartFile {
    fn drop(&mut self) {
        if !self.done {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

pub(super) fn options() -> SimpleFileOptions {
    SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated)
}

/// The package's content types for `sheets` worksheets (`sheet1.xml` …).
pub(super) fn content_types(sheets: usize) -> String {
    let mut s = format!(
        "{HEAD}<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
<Default Extension=\"xml\" ContentType=\"application/xml\"/>\
<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
    );
    for n in 1..=sheets {
        let _ = write!(
            s,
            "<Override PartName=\"/xl/worksheets/sheet{n}.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
        );
    }
    s.push_str("<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/></Types>");
    s
}

pub(super) fn root_rels() -> String {
    format!(
        "{HEAD}<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" Type=\"{REL_NS}/officeDocument\" Target=\"xl/workbook.xml\"/>\
</Relationships>"
    )
}

/// The workbook naming its sheets in order; sheet `n` (1-based) is relationship
/// `rId{n}`.
pub(super) fn workbook(sheet_names: &[&str]) -> String {
    let mut s = format!(
        "{HEAD}<workbook xmlns=\"{MAIN_NS}\" xmlns:r=\"{REL_NS}\">\
<bookViews><workbookView/></bookViews><sheets>"
    );
    for (n, sheet_name) in (1..).zip(sheet_names) {
        s.push_str("<sheet name=\"");
        push_attr(&mut s, sheet_name);
        let _ = write!(s, "\" sheetId=\"{n}\" r:id=\"rId{n}\"/>");
    }
    s.push_str("</sheets></workbook>");
    s
}

/// Sheets are `rId1..=rId{sheets}`, the styles the one after.
pub(super) fn workbook_rels(sheets: usize) -> String {
    let mut s = format!(
        "{HEAD}<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    );
    for n in 1..=sheets {
        let _ = write!(
            s,
            "<Relationship Id=\"rId{n}\" Type=\"{REL_NS}/worksheet\" Target=\"worksheets/sheet{n}.xml\"/>"
        );
    }
    let _ = write!(
        s,
        "<Relationship Id=\"rId{}\" Type=\"{REL_NS}/styles\" Target=\"styles.xml\"/></Relationships>",
        sheets + 1
    );
    s
}

/// Fonts: regular, bold 16 (title), bold; fills: the two Excel reserves and the
/// header's blue; borders: none, thin. `cellXfs` are indexed by [`Style`].
pub(super) const STYLES: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">\
<fonts count=\"3\">\
<font><sz val=\"11\"/><color rgb=\"FF000000\"/><name val=\"Calibri\"/><family val=\"2\"/></font>\
<font><b/><sz val=\"16\"/><color rgb=\"FF000000\"/><name val=\"Calibri\"/><family val=\"2\"/></font>\
<font><b/><sz val=\"11\"/><color rgb=\"FF000000\"/><name val=\"Calibri\"/><family val=\"2\"/></font>\
</fonts>\
<fills count=\"3\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill>\
<fill><patternFill patternType=\"solid\"><fgColor rgb=\"FFDDEBF7\"/><bgColor indexed=\"64\"/></patternFill></fill></fills>\
<borders count=\"2\"><border><left/><right/><top/><bottom/><diagonal/></border>\
<border><left style=\"thin\"><color auto=\"1\"/></left><right style=\"thin\"><color auto=\"1\"/></right>\
<top style=\"thin\"><color auto=\"1\"/></top><bottom style=\"thin\"><color auto=\"1\"/></bottom><diagonal/></border></borders>\
<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>\
<cellXfs count=\"4\">\
<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>\
<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\" applyAlignment=\"1\"><alignment horizontal=\"center\" vertical=\"center\"/></xf>\
<xf numFmtId=\"0\" fontId=\"2\" fillId=\"2\" borderId=\"1\" xfId=\"0\" applyFont=\"1\" applyFill=\"1\" applyBorder=\"1\" applyAlignment=\"1\"><alignment horizontal=\"center\" vertical=\"center\" wrapText=\"1\"/></xf>\
<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"1\" xfId=\"0\" applyBorder=\"1\" applyAlignment=\"1\"><alignment vertical=\"center\" wrapText=\"1\"/></xf>\
</cellXfs>\
<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>\
<dxfs count=\"0\"/><tableStyles count=\"0\"/></styleSheet>";

/// The sheet up to its first row: frozen pane, column widths.
pub(super) fn sheet_head(layout: &Layout<'_>, selected: bool) -> String {
    let mut s = format!("{HEAD}<worksheet xmlns=\"{MAIN_NS}\" xmlns:r=\"{REL_NS}\">");
    s.push_str(if selected {
        "<sheetViews><sheetView tabSelected=\"1\" workbookViewId=\"0\">"
    } else {
        "<sheetViews><sheetView workbookViewId=\"0\">"
    });
    if layout.frozen_rows > 0 {
        let mut top = String::new();
        push_ref(&mut top, layout.frozen_rows, 0);
        let _ = write!(
            s,
            "<pane ySplit=\"{}\" topLeftCell=\"{top}\" activePane=\"bottomLeft\" state=\"frozen\"/>\
<selection pane=\"bottomLeft\" activeCell=\"{top}\" sqref=\"{top}\"/>",
            layout.frozen_rows
        );
    }
    s.push_str("</sheetView></sheetViews><sheetFormatPr defaultRowHeight=\"15\"/>");
    if !layout.widths.is_empty() {
        s.push_str("<cols>");
        for (i, w) in layout.widths.iter().enumerate() {
            let _ = write!(
                s,
                "<col min=\"{n}\" max=\"{n}\" width=\"{}\" customWidth=\"1\"/>",
                stored_width(*w),
                n = i + 1
            );
        }
        s.push_str("</cols>");
    }
    s.push_str("<sheetData>");
    s
}

/// Excel stores a column's width as characters of the default font's widest digit
/// (7 px for Calibri 11) plus 5 px of padding, in 1/256ths.
fn stored_width(chars: f64) -> f64 {
    let chars = chars.clamp(0.0, 255.0);
    let pixels = if chars < 1.0 {
        (chars * 12.0).round()
    } else {
        (chars * 7.0).round() + 5.0
    };
    (pixels * 256.0 / 7.0).floor() / 256.0
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn widths_are_stored_as_excel_does() {
        assert_eq!(stored_width(14.0), 14.7109375);
        assert_eq!(stored_width(8.0), 8.7109375);
        assert_eq!(stored_width(0.0), 0.0);
    }

    #[test]
    fn cells_out_of_order_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let layout = Layout {
            sheet_name: "s",
            widths: &[],
            frozen_rows: 0,
            merged_columns: &[],
        };
        let mut w = SheetWriter::create(&dir.path().join("x.xlsx"), &layout).unwrap();
        w.begin_row(None).unwrap();
        w.text(2, Style::Body, "c").unwrap();
        let e = w.text(1, Style::Body, "b").unwrap_err();
        assert!(e.to_string().contains("row 1, column B"), "{e}");
        drop(w);
        assert!(
            std::fs::read_dir(dir.path()).unwrap().next().is_none(),
            "an unfinished file leaves nothing behind"
        );
    }
}
