//! Dates as people type them in spreadsheets: 2024-03-01, 2024/3/1, 2024.3.1,
//! 2024年3月1日. The parsing itself is the program's one date parser,
//! [`zonegov_domain::day::parse_day`]; this module only adapts it for the dataset.

use chrono::NaiveDate;
pub use zonegov_domain::day::DayError;

pub const DATE_FORMATS_HINT: &str = "expected a date such as 2024-03-01, 2024/3/1 or 2024年3月1日 (year 1949–2200) / 日期格式应为 2024-03-01、2024/3/1 或 2024年3月1日(年份 1949–2200)";

/// A day, or why the text is not one (bilingual).
pub fn check_date(s: &str) -> Result<NaiveDate, DayError> {
    zonegov_domain::day::parse_day(s)
}

pub fn parse_date(s: &str) -> Option<NaiveDate> {
    check_date(s).ok()
}
