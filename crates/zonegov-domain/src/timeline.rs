//! The as-of engine: all versions of one kind of entity, indexed by code and sorted
//! by start, so that "the version valid on day D" is a hash lookup and a binary search.

use crate::code::Code;
use crate::period::Period;
use crate::version::Version;
use chrono::NaiveDate;
use std::collections::HashMap;

#[derive(Debug, Clone)]
pub struct Timeline<T> {
    by_code: HashMap<Code, Vec<Version<T>>>,
    /// Codes in order, so that snapshots list entities deterministically.
    order: Vec<Code>,
}

/// Two versions of one entity claim the same day.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{code}: period {new} overlaps the existing version {existing}")]
pub struct Overlap {
    pub code: Code,
    pub new: Period,
    pub existing: Period,
}

impl<T> Default for Timeline<T> {
    fn default() -> Self {
        Self {
            by_code: HashMap::new(),
            order: Vec::new(),
        }
    }
}

impl<T> Timeline<T> {
    /// Builds a timeline, refusing overlapping versions of the same code.
    pub fn build(versions: impl IntoIterator<Item = Version<T>>) -> Result<Self, Overlap> {
        let mut t = Self::default();
        for v in versions {
            t.insert(v)?;
        }
        Ok(t)
    }

    pub fn insert(&mut self, v: Version<T>) -> Result<(), Overlap> {
        let list = match self.by_code.get_mut(&v.code) {
            Some(list) => list,
            None => {
                self.order.push(v.code.clone());
                self.by_code.entry(v.code.clone()).or_default()
            }
        };
        let at = list.partition_point(|x| x.period.from() < v.period.from());
        // Versions are sorted and pairwise disjoint, so only the neighbours can clash.
        for neighbour in [at.checked_sub(1), Some(at)].into_iter().flatten() {
            if let Some(existing) = list.get(neighbour)
                && existing.period.overlaps(&v.period)
            {
                return Err(Overlap {
                    code: v.code.clone(),
                    new: v.period,
                    existing: existing.period,
                });
            }
        }
        list.insert(at, v);
        Ok(())
    }

    /// The version of `code` valid on `day`.
    pub fn as_of(&self, code: &Code, day: NaiveDate) -> Option<&Version<T>> {
        let list = self.by_code.get(code)?;
        let after = list.partition_point(|v| v.period.from() <= day);
        let candidate = list.get(after.checked_sub(1)?)?;
        candidate.period.contains(day).then_some(candidate)
    }

    /// Whether `code` exists on every day of `period` (across as many versions as it
    /// takes, with no gap).
    pub fn covers(&self, code: &Code, period: &Period) -> bool {
        let mut day = period.from();
        loop {
            let Some(v) = self.as_of(code, day) else {
                return false;
            };
            match (v.period.to(), period.to()) {
                (None, _) => return true,
                (Some(end), Some(want)) if end >= want => return true,
                (Some(end), _) => day = end,
            }
        }
    }

    /// Every entity's version valid on `day`, in code order.
    pub fn snapshot(&self, day: NaiveDate) -> impl Iterator<Item = &Version<T>> {
        let mut codes: Vec<&Code> = self.order.iter().collect();
        codes.sort();
        codes.into_iter().filter_map(move |c| self.as_of(c, day))
    }

    /// All versions of `code`, oldest first.
    pub fn versions(&self, code: &Code) -> &[Version<T>] {
        self.by_code.get(code).map(Vec::as_slice).unwrap_or(&[])
    }

    pub fn contains(&self, code: &Code) -> bool {
        self.by_code.contains_key(code)
    }

    pub fn codes(&self) -> impl Iterator<Item = &Code> {
        self.order.iter()
    }

    pub fn all(&self) -> impl Iterator<Item = &Version<T>> {
        self.order.iter().flat_map(|c| self.versions(c))
    }

    pub fn len(&self) -> usize {
        self.by_code.values().map(Vec::len).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.by_code.is_empty()
    }

    /// Every day on which some version starts or ends, sorted: the days on which a
    /// count over this timeline can change.
    pub fn boundaries(&self) -> Vec<NaiveDate> {
        let mut days: Vec<NaiveDate> = self
            .all()
            .flat_map(|v| std::iter::once(v.period.from()).chain(v.period.to()))
            .collect();
        days.sort();
        days.dedup();
        days
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(code: &str, from: &str, to: Option<&str>, val: u32) -> Version<u32> {
        Version {
            code: Code::parse(code).unwrap(),
            period: Period::new(from.parse().unwrap(), to.map(|t| t.parse().unwrap())).unwrap(),
            change: Code::parse("C").unwrap(),
            attrs: val,
        }
    }

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn as_of_picks_the_version_covering_the_day() {
        let t = Timeline::build([
            v("A", "2020-07-01", None, 2),
            v("A", "2015-01-01", Some("2020-07-01"), 1),
            v("B", "2015-01-01", Some("2016-01-01"), 9),
        ])
        .unwrap();
        let a = Code::parse("A").unwrap();
        assert_eq!(t.as_of(&a, day("2014-12-31")).map(|v| v.attrs), None);
        assert_eq!(t.as_of(&a, day("2020-06-30")).map(|v| v.attrs), Some(1));
        assert_eq!(t.as_of(&a, day("2020-07-01")).map(|v| v.attrs), Some(2));
        let snap: Vec<u32> = t.snapshot(day("2015-06-01")).map(|v| v.attrs).collect();
        assert_eq!(snap, [1, 9]);
        let snap: Vec<u32> = t.snapshot(day("2016-01-01")).map(|v| v.attrs).collect();
        assert_eq!(snap, [1]);
    }

    #[test]
    fn covers_spans_adjacent_versions_but_not_gaps() {
        let t = Timeline::build([
            v("A", "2015-01-01", Some("2016-01-01"), 1),
            v("A", "2016-01-01", Some("2017-01-01"), 2),
            v("A", "2018-01-01", None, 3),
        ])
        .unwrap();
        let a = Code::parse("A").unwrap();
        let p = |f: &str, t: Option<&str>| Period::new(day(f), t.map(day)).unwrap();
        assert!(t.covers(&a, &p("2015-06-01", Some("2017-01-01"))));
        assert!(!t.covers(&a, &p("2015-06-01", Some("2017-01-02"))));
        assert!(!t.covers(&a, &p("2015-06-01", None)));
        assert!(t.covers(&a, &p("2018-06-01", None)));
    }

    #[test]
    fn gaps_answer_nothing() {
        let t = Timeline::build([
            v("A", "2015-01-01", Some("2016-01-01"), 1),
            v("A", "2017-01-01", None, 2),
        ])
        .unwrap();
        assert!(
            t.as_of(&Code::parse("A").unwrap(), day("2016-06-01"))
                .is_none()
        );
    }

    #[test]
    fn overlap_is_refused_on_either_side() {
        let mut t = Timeline::build([v("A", "2015-01-01", Some("2016-01-01"), 1)]).unwrap();
        assert!(
            t.insert(v("A", "2015-06-01", Some("2015-07-01"), 2))
                .is_err()
        );
        assert!(
            t.insert(v("A", "2014-06-01", Some("2015-01-02"), 2))
                .is_err()
        );
        assert!(
            t.insert(v("A", "2014-06-01", Some("2015-01-01"), 2))
                .is_ok()
        );
        assert!(t.insert(v("A", "2016-01-01", None, 3)).is_ok());
        assert!(t.insert(v("A", "2030-01-01", None, 4)).is_err());
    }
}
