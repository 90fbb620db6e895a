//! Cell text as spreadsheet XML. Every string the xlsx writer puts in a file goes
//! through [`push_text`], so no input can break the file: the XML specials are
//! entities, the C0 controls XML 1.0 forbids (all but tab and line feed) and the
//! carriage return (an XML parser would turn it into a line feed) are written as
//! Excel's `_xHHHH_` escapes, the non-characters U+FFFE and U+FFFF (also
//! forbidden, and not decoded by calamine) become U+FFFD, a literal `_xHHHH_` in
//! the text has its underscore escaped so it reads back as written, and text
//! longer than a cell can hold is cut with a visible marker.

/// What an Excel cell holds at most, in UTF-16 code units.
pub const MAX_CELL_UNITS: usize = 32_767;

/// Appended to text cut at [`MAX_CELL_UNITS`]; the CSV export keeps the whole text.
pub const CUT_MARKER: &str = "…（已截断 / truncated）";

/// Appends `text`, escaped and cut to fit a cell, to `out`.
pub fn push_text(out: &mut String, text: &str) {
    let text = fit(text);
    let bytes = text.as_bytes();
    for (i, ch) in text.char_indices() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\t' | '\n' => out.push(ch),
            '\u{0}'..='\u{1F}' => push_escape(out, ch),
            '\u{FFFE}' | '\u{FFFF}' => out.push('\u{FFFD}'),
            '_' if is_escape_like(&bytes[i..]) => out.push_str("_x005F_"),
            _ => out.push(ch),
        }
    }
}

/// Appends `text` escaped for an attribute value in double quotes.
pub fn push_attr(out: &mut String, text: &str) {
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\u{0}'..='\u{1F}' | '\u{FFFE}' | '\u{FFFF}' => out.push(' '),
            _ => out.push(ch),
        }
    }
}

/// `text`, or its longest prefix that fits a cell with [`CUT_MARKER`] after it.
fn fit(text: &str) -> std::borrow::Cow<'_, str> {
    // A char is at most 2 UTF-16 units and 4 bytes: short text needs no count.
    if text.len() <= MAX_CELL_UNITS {
        return text.into();
    }
    if text.encode_utf16().count() <= MAX_CELL_UNITS {
        return text.into();
    }
    let room = MAX_CELL_UNITS - CUT_MARKER.encode_utf16().count();
    let mut units = 0;
    let mut end = 0;
    for (i, ch) in text.char_indices() {
        units += ch.len_utf16();
        if units > room {
            break;
        }
        end = i + ch.len_utf8();
    }
    format!("{}{CUT_MARKER}", &text[..end]).into()
}

fn push_escape(out: &mut String, ch: char) {
    use std::fmt::Write;
    // Writing to a String cannot fail.
    let _ = write!(out, "_x{:04X}_", u32::from(ch));
}

/// Whether `rest` starts with `_xHHHH_`, which Excel and calamine would decode.
fn is_escape_like(rest: &[u8]) -> bool {
    rest.len() >= 7
        && rest[1] == b'x'
        && rest[2..6].iter().all(u8::is_ascii_hexdigit)
        && rest[6] == b'_'
}

/// Appends the A1 reference of the 0-based `row` and `col`.
pub fn push_ref(out: &mut String, row: u32, col: u16) {
    // Letters without allocating: this runs for every cell of the sheet.
    let mut letters = [0u8; 3];
    let mut start = letters.len();
    let mut n = u32::from(col) + 1;
    while n > 0 && start > 0 {
        start -= 1;
        letters[start] = b'A' + ((n - 1) % 26) as u8;
        n = (n - 1) / 26;
    }
    for &b in &letters[start..] {
        out.push(char::from(b));
    }
    push_num(out, u64::from(row) + 1);
}

pub fn push_num(out: &mut String, n: u64) {
    use std::fmt::Write;
    let _ = write!(out, "{n}");
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn text(s: &str) -> String {
        let mut out = String::new();
        push_text(&mut out, s);
        out
    }

    #[test]
    fn specials_and_forbidden_characters_are_escaped() {
        assert_eq!(text("a<b>&c"), "a&lt;b&gt;&amp;c");
        assert_eq!(text("x\u{1}\u{8}y\r\n\tz"), "x_x0001__x0008_y_x000D_\n\tz");
        assert_eq!(text("\u{FFFE}\u{FFFF}"), "\u{FFFD}\u{FFFD}");
        assert_eq!(text("\"引号\""), "\"引号\"");
    }

    #[test]
    fn a_literal_escape_keeps_its_meaning() {
        assert_eq!(text("_x0041_"), "_x005F_x0041_");
        assert_eq!(text("_x00G1_ a_b _x"), "_x00G1_ a_b _x");
    }

    #[test]
    fn long_text_is_cut_to_fit_a_cell() {
        let long = "权".repeat(40_000);
        let cut = text(&long);
        assert!(cut.ends_with(CUT_MARKER));
        assert_eq!(cut.encode_utf16().count(), MAX_CELL_UNITS);
        // Characters outside the BMP count twice.
        let wide = "𠀀".repeat(20_000);
        assert!(text(&wide).encode_utf16().count() <= MAX_CELL_UNITS);
        let fits = "a".repeat(MAX_CELL_UNITS);
        assert_eq!(text(&fits), fits);
    }

    #[test]
    fn references() {
        let mut s = String::new();
        push_ref(&mut s, 0, 0);
        s.push(':');
        push_ref(&mut s, 1_048_575, 17);
        s.push(' ');
        push_ref(&mut s, 2, 26);
        push_ref(&mut s, 2, 16_383);
        assert_eq!(s, "A1:R1048576 AA3XFD3");
    }
}
