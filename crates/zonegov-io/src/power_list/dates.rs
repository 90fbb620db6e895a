//! Days as lists write them: every form [`parse_day`] reads, plus Excel serial
//! numbers (a date cell saved as a number, or typed into a text column).

use chrono::{Days, NaiveDate};
use zonegov_domain::day::{MAX_YEAR, MIN_YEAR, parse_day};

/// Excel's day 0 in the 1900 system (1899-12-30, which absorbs the 1900 leap-year bug
/// for every serial after February 1900).
fn epoch() -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(1899, 12, 30)
}

/// The day of an Excel serial number (time of day dropped), within the years
/// [`parse_day`] accepts.
pub fn serial_to_day(serial: f64) -> Option<NaiveDate> {
    if !serial.is_finite() || serial < 1.0 {
        return None;
    }
    let day = epoch()?.checked_add_days(Days::new(serial.floor() as u64))?;
    let year = chrono::Datelike::year(&day);
    (MIN_YEAR..=MAX_YEAR).contains(&year).then_some(day)
}

/// A day in any accepted form; the error is bilingual.
pub fn parse_list_day(text: &str) -> Result<NaiveDate, String> {
    let t = text.trim();
    if !t.is_empty()
        && t.len() <= 8
        && t.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && let Some(d) = t.parse::<f64>().ok().and_then(serial_to_day)
    {
        return Ok(d);
    }
    parse_day(t).map_err(|e| e.to_string())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn every_published_form_reads() {
        let want = NaiveDate::from_ymd_opt(2023, 12, 31).unwrap();
        for s in [
            "2023-12-31",
            "2023/12/31",
            "2023.12.31",
            "2023年12月31日",
            "45291",
            " 45291.0 ",
        ] {
            assert_eq!(parse_list_day(s), Ok(want), "{s}");
        }
        assert!(parse_list_day("2023-02-30").is_err());
        assert!(parse_list_day("12").is_err(), "1900 is out of range");
        assert!(parse_list_day("明年").is_err());
    }
}
