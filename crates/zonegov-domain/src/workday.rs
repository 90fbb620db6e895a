//! Working days (工作日) as government time limits count them: Monday to Friday,
//! except public holidays (法定节假日), plus the weekend days worked in exchange
//! (调休上班). Which days those are is data, published each year by the State
//! Council, so a calendar is built from lists rather than from rules in code.

use chrono::{Datelike, NaiveDate, Weekday};
use std::collections::BTreeSet;

/// How far a count may run before it is refused: ten years of days. A time limit
/// is a few dozen working days; a calendar with no working day at all (every day a
/// holiday) would otherwise never end.
const MAX_SPAN_DAYS: u32 = 3_660;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CalendarError {
    /// A day cannot be both a holiday and a make-up working day.
    #[error(
        "{0} is listed both as a holiday and as a make-up working day / {0} 同时列为节假日和调休上班日"
    )]
    BothHolidayAndWorkday(NaiveDate),
    /// A make-up working day replaces a weekend day; a weekday is a working day anyway.
    #[error("make-up working day {0} is not a Saturday or Sunday / 调休上班日 {0} 不是周六或周日")]
    MakeupOnWeekday(NaiveDate),
}

/// The working-day calendar: holidays and make-up working days, as published.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WorkCalendar {
    holidays: BTreeSet<NaiveDate>,
    makeup_workdays: BTreeSet<NaiveDate>,
}

fn is_weekend(d: NaiveDate) -> bool {
    matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

impl WorkCalendar {
    /// A calendar from its holidays and make-up working days; contradictory lists
    /// are refused, naming the day.
    pub fn new(
        holidays: impl IntoIterator<Item = NaiveDate>,
        makeup_workdays: impl IntoIterator<Item = NaiveDate>,
    ) -> Result<Self, CalendarError> {
        let holidays: BTreeSet<NaiveDate> = holidays.into_iter().collect();
        let makeup_workdays: BTreeSet<NaiveDate> = makeup_workdays.into_iter().collect();
        if let Some(d) = holidays.intersection(&makeup_workdays).next() {
            return Err(CalendarError::BothHolidayAndWorkday(*d));
        }
        if let Some(d) = makeup_workdays.iter().find(|d| !is_weekend(**d)) {
            return Err(CalendarError::MakeupOnWeekday(*d));
        }
        Ok(Self {
            holidays,
            makeup_workdays,
        })
    }

    pub fn is_working_day(&self, d: NaiveDate) -> bool {
        if self.holidays.contains(&d) {
            false
        } else {
            self.makeup_workdays.contains(&d) || !is_weekend(d)
        }
    }

    /// The day on which `n` working days after `start` have passed (`start` itself
    /// not counted): the deadline of a time limit of `n` working days. `None` when
    /// the count would run past ten years.
    pub fn add_working_days(&self, start: NaiveDate, n: u32) -> Option<NaiveDate> {
        let mut day = start;
        let mut left = n;
        let mut steps = 0;
        while left > 0 {
            day = day.succ_opt()?;
            steps += 1;
            if steps > MAX_SPAN_DAYS {
                return None;
            }
            if self.is_working_day(day) {
                left -= 1;
            }
        }
        Some(day)
    }

    /// Working days after `from`, up to and including `to` (0 when `to` is not
    /// after `from`); capped at ten years of days.
    pub fn working_days_between(&self, from: NaiveDate, to: NaiveDate) -> u32 {
        from.iter_days()
            .skip(1)
            .take_while(|d| *d <= to)
            .take(MAX_SPAN_DAYS as usize)
            .filter(|d| self.is_working_day(*d))
            .count() as u32
    }

    /// Whether a step started on `start` with a limit of `limit` working days is
    /// overdue on `today`: its deadline has passed. A deadline beyond the calendar's
    /// reach is never overdue.
    pub fn is_overdue(&self, start: NaiveDate, limit: u32, today: NaiveDate) -> bool {
        self.add_working_days(start, limit)
            .is_some_and(|deadline| today > deadline)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    /// National Day 2024 as published: 1–7 October off, Sunday 29 September and
    /// Saturday 12 October worked.
    fn national_day_2024() -> WorkCalendar {
        WorkCalendar::new(
            (1..=7).map(|d| NaiveDate::from_ymd_opt(2024, 10, d).unwrap()),
            [day("2024-09-29"), day("2024-10-12")],
        )
        .unwrap()
    }

    #[test]
    fn holidays_and_makeup_days_decide_working_days() {
        let c = national_day_2024();
        assert!(
            c.is_working_day(day("2024-09-29")),
            "Sunday worked in exchange"
        );
        assert!(!c.is_working_day(day("2024-10-01")), "holiday on a Tuesday");
        assert!(
            !c.is_working_day(day("2024-10-05")),
            "holiday on a Saturday"
        );
        assert!(c.is_working_day(day("2024-10-08")));
        assert!(
            c.is_working_day(day("2024-10-12")),
            "Saturday worked in exchange"
        );
        assert!(!c.is_working_day(day("2024-10-13")), "an ordinary Sunday");
    }

    #[test]
    fn a_time_limit_runs_across_the_holiday() {
        let c = national_day_2024();
        // Friday 27 September + 3 working days: Sun 29 (worked), Mon 30, Tue 8 Oct.
        assert_eq!(
            c.add_working_days(day("2024-09-27"), 3),
            Some(day("2024-10-08"))
        );
        // Without the calendar the same count ends on Wednesday 2 October.
        let plain = WorkCalendar::default();
        assert_eq!(
            plain.add_working_days(day("2024-09-27"), 3),
            Some(day("2024-10-02"))
        );
        assert_eq!(
            c.add_working_days(day("2024-09-27"), 0),
            Some(day("2024-09-27"))
        );
        assert_eq!(
            c.working_days_between(day("2024-09-27"), day("2024-10-08")),
            3
        );
        assert_eq!(
            c.working_days_between(day("2024-10-08"), day("2024-09-27")),
            0
        );
    }

    #[test]
    fn overdue_means_the_deadline_has_passed() {
        let c = national_day_2024();
        let start = day("2024-09-27");
        assert!(
            !c.is_overdue(start, 3, day("2024-10-07")),
            "the holiday does not count"
        );
        assert!(
            !c.is_overdue(start, 3, day("2024-10-08")),
            "the deadline day itself"
        );
        assert!(c.is_overdue(start, 3, day("2024-10-09")));
    }

    #[test]
    fn contradictions_are_refused_and_endless_counts_end() {
        assert_eq!(
            WorkCalendar::new([day("2024-10-01")], [day("2024-10-01")]),
            Err(CalendarError::BothHolidayAndWorkday(day("2024-10-01")))
        );
        assert_eq!(
            WorkCalendar::new([], [day("2024-10-08")]),
            Err(CalendarError::MakeupOnWeekday(day("2024-10-08")))
        );
        let never = WorkCalendar::new(
            day("2024-01-01").iter_days().take(4_000),
            std::iter::empty(),
        )
        .unwrap();
        assert_eq!(never.add_working_days(day("2024-01-01"), 1), None);
        assert!(!never.is_overdue(day("2024-01-01"), 1, day("2035-01-01")));
    }
}
