//! CSV for people who open it in Excel: a BOM so Chinese text reads as UTF-8, and
//! cells that Excel would run as formulas neutralised.

/// The header and rows as CSV bytes.
pub fn encode(
    header: &[&str],
    rows: impl IntoIterator<Item = Vec<String>>,
) -> Result<Vec<u8>, csv::Error> {
    let mut w = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    w.write_record(header)?;
    for r in rows {
        w.write_record(r.iter().map(|c| neutralise_formula(c)))?;
    }
    w.into_inner().map_err(|e| e.into_error().into())
}

/// Cells that Excel would run as formulas (=, +, -, @, tab, CR) get a leading `'`.
pub fn neutralise_formula(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_and_excel_gets_a_bom() {
        let bytes = encode(
            &["名称"],
            [vec!["=1+1".to_owned()], vec!["园区".to_owned()]],
        )
        .unwrap();
        let text = String::from_utf8(bytes).unwrap();
        assert_eq!(text, "\u{feff}名称\n'=1+1\n园区\n");
    }
}
