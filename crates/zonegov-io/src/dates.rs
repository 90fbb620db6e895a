//! Dates as people type them in spreadsheets: 2024-03-01, 2024/3/1, 2024.3.1,
//! 2024年3月1日.

use chrono::NaiveDate;

pub const DATE_FORMATS_HINT: &str = "expected a date such as 2024-03-01, 2024/3/1 or 2024年3月1日";

pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    let normalised: String = s
        .trim_end_matches('日')
        .chars()
        .map(|c| match c {
            '/' | '.' | '年' | '月' => '-',
            c => c,
        })
        .collect();
    let mut parts = normalised.split('-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || y.len() != 4 {
        return None;
    }
    NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tolerant_forms() {
        let want = NaiveDate::from_ymd_opt(2024, 3, 1);
        for s in [
            "2024-03-01",
            "2024/3/1",
            "2024.3.1",
            "2024年3月1日",
            " 2024-3-01 ",
        ] {
            assert_eq!(parse_date(s), want, "{s}");
        }
        for s in [
            "2024-13-01",
            "2024-02-30",
            "24-3-1",
            "2024-3",
            "",
            "2024-03-01-01",
            "abc",
        ] {
            assert_eq!(parse_date(s), None, "{s}");
        }
    }
}
