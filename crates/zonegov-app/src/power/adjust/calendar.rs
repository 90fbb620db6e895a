//! The working-day calendar as data: `data/calendar/cn-holidays.csv` (national
//! holidays and 调休 make-up days from the State Council's yearly notices), compiled
//! in so that nothing is read or fetched at run time, or another file of the same
//! form for a locality's own arrangements.

use zonegov_domain::NaiveDate;
use zonegov_domain::workday::WorkCalendar;

/// The national arrangements shipped with zonegov (see the file for the years).
pub const NATIONAL_CSV: &str = include_str!("../../../../../data/calendar/cn-holidays.csv");

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "calendar line {line}, column {column}: {message} ({value:?}) / 日历第 {line} 行 {column} 列：{message_zh}（{value}）"
)]
pub struct CalendarFileError {
    pub line: usize,
    pub column: &'static str,
    pub value: String,
    pub message: &'static str,
    pub message_zh: &'static str,
}

/// Parses `date,kind,name,source` rows (`kind`: `holiday` or `workday`); lines
/// starting with `#` and the header are skipped. Every error names its line.
pub fn parse(text: &str) -> Result<WorkCalendar, CalendarFileError> {
    let mut holidays = Vec::new();
    let mut workdays = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        let row = raw.trim();
        if row.is_empty() || row.starts_with('#') || row.starts_with("date,") {
            continue;
        }
        let mut cells = row.split(',');
        let date = cells.next().unwrap_or_default().trim();
        let kind = cells.next().unwrap_or_default().trim();
        let day: NaiveDate = date.parse().map_err(|_| CalendarFileError {
            line,
            column: "date",
            value: date.to_owned(),
            message: "not a date (YYYY-MM-DD)",
            message_zh: "日期格式应为 YYYY-MM-DD",
        })?;
        match kind {
            "holiday" => holidays.push(day),
            "workday" => workdays.push(day),
            other => {
                return Err(CalendarFileError {
                    line,
                    column: "kind",
                    value: other.to_owned(),
                    message: "kind must be holiday or workday",
                    message_zh: "类型须为 holiday 或 workday",
                });
            }
        }
    }
    WorkCalendar::new(holidays, workdays).map_err(|e| CalendarFileError {
        line: 0,
        column: "date",
        value: e.to_string(),
        message: "contradictory calendar",
        message_zh: "日历自相矛盾",
    })
}

/// The national calendar shipped with zonegov.
pub fn national() -> Result<WorkCalendar, CalendarFileError> {
    parse(NATIONAL_CSV)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn the_shipped_calendar_knows_national_day_and_its_makeup_days() {
        let c = national().unwrap();
        assert!(!c.is_working_day(day("2024-10-01")));
        assert!(c.is_working_day(day("2024-09-29")), "Sunday worked");
        assert!(c.is_working_day(day("2024-10-12")), "Saturday worked");
        assert!(!c.is_working_day(day("2025-01-29")), "春节 2025");
        assert!(
            c.is_working_day(day("2025-01-26")),
            "Sunday worked before 春节 2025"
        );
        assert!(!c.is_working_day(day("2023-06-23")), "端午节 2023");
    }

    #[test]
    fn errors_name_the_line_and_column() {
        let e = parse("date,kind\n2024-10-01,holiday\n2024-13-01,holiday\n").unwrap_err();
        assert_eq!((e.line, e.column), (3, "date"));
        let e = parse("2024-10-01,off\n").unwrap_err();
        assert_eq!((e.line, e.column, e.value.as_str()), (1, "kind", "off"));
        assert!(
            parse("2024-10-08,workday\n").is_err(),
            "a Tuesday is no make-up day"
        );
    }
}
