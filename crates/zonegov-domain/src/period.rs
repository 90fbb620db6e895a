//! Effective periods: `[from, to)`, open-ended when `to` is absent.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A half-open validity interval `[from, to)`. Construction guarantees `from < to`,
/// so an empty or inverted period cannot exist.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(try_from = "RawPeriod", into = "RawPeriod")]
pub struct Period {
    from: NaiveDate,
    to: Option<NaiveDate>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("valid_to {to} must be after valid_from {from}")]
pub struct InvertedPeriod {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl Period {
    pub fn new(from: NaiveDate, to: Option<NaiveDate>) -> Result<Self, InvertedPeriod> {
        match to {
            Some(to) if to <= from => Err(InvertedPeriod { from, to }),
            _ => Ok(Self { from, to }),
        }
    }

    pub fn open(from: NaiveDate) -> Self {
        Self { from, to: None }
    }

    pub fn from(&self) -> NaiveDate {
        self.from
    }

    pub fn to(&self) -> Option<NaiveDate> {
        self.to
    }

    pub fn contains(&self, day: NaiveDate) -> bool {
        self.from <= day && self.to.is_none_or(|to| day < to)
    }

    pub fn overlaps(&self, other: &Period) -> bool {
        let a_before_b_ends = other.to.is_none_or(|to| self.from < to);
        let b_before_a_ends = self.to.is_none_or(|to| other.from < to);
        a_before_b_ends && b_before_a_ends
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.to {
            Some(to) => write!(f, "[{}, {})", self.from, to),
            None => write!(f, "[{}, …)", self.from),
        }
    }
}

#[derive(Serialize, Deserialize)]
struct RawPeriod {
    valid_from: NaiveDate,
    valid_to: Option<NaiveDate>,
}

impl TryFrom<RawPeriod> for Period {
    type Error = InvertedPeriod;
    fn try_from(raw: RawPeriod) -> Result<Self, Self::Error> {
        Period::new(raw.valid_from, raw.valid_to)
    }
}

impl From<Period> for RawPeriod {
    fn from(p: Period) -> Self {
        RawPeriod {
            valid_from: p.from,
            valid_to: p.to,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn rejects_inverted_and_empty_periods() {
        assert!(Period::new(d("2024-09-01"), Some(d("2024-08-31"))).is_err());
        assert!(Period::new(d("2024-09-01"), Some(d("2024-09-01"))).is_err());
        assert!(Period::new(d("2024-09-01"), Some(d("2024-09-02"))).is_ok());
    }

    #[test]
    fn end_is_exclusive() {
        let p = Period::new(d("2020-01-01"), Some(d("2020-07-01"))).unwrap();
        assert!(p.contains(d("2020-06-30")));
        assert!(!p.contains(d("2020-07-01")));
        assert!(!p.contains(d("2019-12-31")));
    }

    #[test]
    fn adjacent_periods_do_not_overlap() {
        let a = Period::new(d("2020-01-01"), Some(d("2020-07-01"))).unwrap();
        let b = Period::open(d("2020-07-01"));
        assert!(!a.overlaps(&b));
        assert!(!b.overlaps(&a));
        let c = Period::open(d("2020-06-30"));
        assert!(a.overlaps(&c) && c.overlaps(&a));
    }

    #[test]
    fn deserializing_an_inverted_period_fails() {
        let err = serde_json::from_str::<Period>(
            r#"{"valid_from":"2024-01-02","valid_to":"2024-01-01"}"#,
        );
        assert!(err.is_err());
    }

    proptest! {
        #[test]
        fn overlap_is_symmetric_and_matches_a_shared_day(a in 0i64..400, la in 1i64..100, b in 0i64..400, lb in 1i64..100) {
            let base = d("2020-01-01");
            let pa = Period::new(base + chrono::Days::new(a as u64), Some(base + chrono::Days::new((a + la) as u64))).unwrap();
            let pb = Period::new(base + chrono::Days::new(b as u64), Some(base + chrono::Days::new((b + lb) as u64))).unwrap();
            let shared = (0..600).any(|i| { let day = base + chrono::Days::new(i); pa.contains(day) && pb.contains(day) });
            prop_assert_eq!(pa.overlaps(&pb), shared);
            prop_assert_eq!(pa.overlaps(&pb), pb.overlaps(&pa));
        }
    }
}
