//! The one date parser of the whole program: query parameters, the command line and
//! the dataset all read days through [`parse_day`], so they accept the same forms
//! (2024-03-01, 2024/3/1, 2024.3.1, 2024年3月1日) and refuse the same nonsense.

use chrono::{Datelike, NaiveDate};

/// The earliest year a day may name (the founding of the People's Republic).
pub const MIN_YEAR: i32 = 1949;
/// The latest year a day may name.
pub const MAX_YEAR: i32 = 2200;

/// Why a text is not a day; `Display` is bilingual.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DayError {
    #[error(
        "expected a date such as 2024-03-01, 2024/3/1, 2024.3.1 or 2024年3月1日 / 日期格式应为 2024-03-01、2024/3/1、2024.3.1 或 2024年3月1日"
    )]
    Format,
    #[error("no such day in the calendar / 日历中没有这一天")]
    NoSuchDay,
    #[error(
        "the year {0} is outside {MIN_YEAR}–{MAX_YEAR} / 年份 {0} 超出 {MIN_YEAR}–{MAX_YEAR} 的范围"
    )]
    YearOutOfRange(i32),
}

/// Reads a day written `2024-03-01`, `2024/3/1`, `2024.3.1` or `2024年3月1日`
/// (surrounding spaces ignored). The year has exactly four digits and lies within
/// [`MIN_YEAR`]..=[`MAX_YEAR`]; month and day have one or two digits.
pub fn parse_day(s: &str) -> Result<NaiveDate, DayError> {
    let s = s.trim();
    let (y, rest) = if let Some((y, rest)) = s.split_once('年') {
        // 2024年3月1日: the Chinese form, all three markers required.
        let (m, d) = rest.split_once('月').ok_or(DayError::Format)?;
        let d = d.strip_suffix('日').ok_or(DayError::Format)?;
        (y, [m, d])
    } else {
        let sep = s
            .chars()
            .find(|c| matches!(c, '-' | '/' | '.'))
            .ok_or(DayError::Format)?;
        let mut parts = s.split(sep);
        let (Some(y), Some(m), Some(d), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(DayError::Format);
        };
        (y, [m, d])
    };
    let digits = |t: &str, len: std::ops::RangeInclusive<usize>| {
        len.contains(&t.len()) && t.bytes().all(|b| b.is_ascii_digit())
    };
    if !digits(y, 4..=4) || !rest.iter().all(|t| digits(t, 1..=2)) {
        return Err(DayError::Format);
    }
    let num = |t: &str| t.parse::<u32>().map_err(|_| DayError::Format);
    let year = i32::try_from(num(y)?).map_err(|_| DayError::Format)?;
    if !(MIN_YEAR..=MAX_YEAR).contains(&year) {
        return Err(DayError::YearOutOfRange(year));
    }
    let day =
        NaiveDate::from_ymd_opt(year, num(rest[0])?, num(rest[1])?).ok_or(DayError::NoSuchDay)?;
    debug_assert_eq!(day.year(), year);
    Ok(day)
}

/// [`parse_day`] for a named parameter: the error names the parameter and the value,
/// e.g. `as_of = "+10000-01-01": expected a date … / 日期格式应为 …`.
pub fn parse_param(name: &str, value: &str) -> Result<NaiveDate, String> {
    parse_day(value).map_err(|e| format!("{name} = {value:?}: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_written_forms_people_use() {
        let want = NaiveDate::from_ymd_opt(2024, 3, 1);
        for s in [
            "2024-03-01",
            "2024/3/1",
            "2024.3.1",
            "2024年3月1日",
            " 2024-3-01 ",
            "2024年03月01日",
        ] {
            assert_eq!(parse_day(s).ok(), want, "{s}");
        }
    }

    #[test]
    fn nonsense_is_refused_with_its_reason() {
        for s in [
            "+10000-01-01",
            "+2024-01-01",
            "10000-01-01",
            "24-3-1",
            "2024-3",
            "",
            "2024-03-01-01",
            "abc",
            "2024-3/1",
            "2024年3月1",
            "2024-+3-1",
            "2024-003-1",
            "２０２４-03-01",
        ] {
            assert_eq!(parse_day(s), Err(DayError::Format), "{s:?}");
        }
        assert_eq!(parse_day("2024-13-01"), Err(DayError::NoSuchDay));
        assert_eq!(parse_day("2023-02-29"), Err(DayError::NoSuchDay));
        assert_eq!(parse_day("1948-12-31"), Err(DayError::YearOutOfRange(1948)));
        assert_eq!(parse_day("2201-01-01"), Err(DayError::YearOutOfRange(2201)));
        assert!(parse_day("1949-01-01").is_ok() && parse_day("2200-12-31").is_ok());
    }

    #[test]
    fn the_message_names_parameter_and_value_in_both_languages() {
        let e = parse_param("as_of", "9999-01-01").unwrap_err();
        assert!(e.starts_with("as_of = \"9999-01-01\": "), "{e}");
        assert!(
            e.contains("1949") && e.contains("2200") && e.contains("年份"),
            "{e}"
        );
    }
}
