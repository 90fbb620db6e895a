//! The revolving staffing quota pool (编制周转池) as a ledger: the pool's size is a
//! step function set by decisions; a loan holds one quota from the day it is made
//! until the day it is returned (a loan not yet returned holds it on every later
//! day, whatever its term: the person is still on the quota). The balance on a day
//! is the size minus the loans held. Nothing is ever allowed to make it negative:
//! a loan, a return or a decision that would overdraw the pool on any day is refused
//! and leaves the ledger as it was.

use crate::code::Code;
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Loan {
    pub from: NaiveDate,
    /// The day it was returned (no longer held from that day).
    pub returned: Option<NaiveDate>,
    pub term_end: NaiveDate,
}

impl Loan {
    pub fn held_on(&self, day: NaiveDate) -> bool {
        self.from <= day && self.returned.is_none_or(|r| day < r)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QuotaError {
    #[error(
        "周转编制池在 {day} 将透支(池 {size} 名,已借出 {lent} 名) / the pool would be overdrawn on {day} (size {size}, lent {lent})"
    )]
    Overdraft {
        day: NaiveDate,
        size: u32,
        lent: u32,
    },
    #[error("借用 {0} 已存在 / loan {0} already exists")]
    Duplicate(Code),
    #[error("无借用 {0} / no loan {0}")]
    Unknown(Code),
    #[error("借用 {0} 已归还 / loan {0} was already returned")]
    AlreadyReturned(Code),
    #[error("借用 {code} 的日期 {day} 不在借用期内 / day {day} is not within loan {code}")]
    BadDay { code: Code, day: NaiveDate },
    #[error(
        "借用期限 {term_end} 不晚于借出日 {from} / the term end {term_end} is not after the loan day {from}"
    )]
    BadTerm {
        from: NaiveDate,
        term_end: NaiveDate,
    },
}

/// A term ending soon (or already ended while the quota is still held).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reminder {
    pub loan: Code,
    pub term_end: NaiveDate,
    /// Negative when the term has already ended.
    pub days_left: i64,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Ledger {
    /// Decisions: from this day on the pool has this size (until the next one).
    decisions: BTreeMap<NaiveDate, u32>,
    loans: BTreeMap<Code, Loan>,
}

impl Ledger {
    pub fn size_on(&self, day: NaiveDate) -> u32 {
        self.decisions
            .range(..=day)
            .next_back()
            .map_or(0, |(_, s)| *s)
    }

    pub fn lent_on(&self, day: NaiveDate) -> u32 {
        let n = self.loans.values().filter(|l| l.held_on(day)).count();
        u32::try_from(n).unwrap_or(u32::MAX)
    }

    pub fn balance_on(&self, day: NaiveDate) -> i64 {
        i64::from(self.size_on(day)) - i64::from(self.lent_on(day))
    }

    pub fn loans(&self) -> impl Iterator<Item = (&Code, &Loan)> {
        self.loans.iter()
    }

    /// Every day the balance can change on: a decision, a loan made or returned.
    fn breakpoints(&self) -> Vec<NaiveDate> {
        let mut days: Vec<NaiveDate> = self.decisions.keys().copied().collect();
        for l in self.loans.values() {
            days.push(l.from);
            days.extend(l.returned);
        }
        days.sort();
        days.dedup();
        days
    }

    /// The first day on or after `from` the pool is overdrawn, if any.
    fn first_overdraft(&self, from: NaiveDate) -> Option<QuotaError> {
        self.breakpoints()
            .into_iter()
            .filter(|d| *d >= from)
            .chain(std::iter::once(from))
            .find(|d| self.balance_on(*d) < 0)
            .map(|day| QuotaError::Overdraft {
                day,
                size: self.size_on(day),
                lent: self.lent_on(day),
            })
    }

    /// Days on which the pool is overdrawn (empty for a ledger built by the
    /// refusing operations; a ledger read from data may not be).
    pub fn overdrawn_days(&self) -> Vec<NaiveDate> {
        self.breakpoints()
            .into_iter()
            .filter(|d| self.balance_on(*d) < 0)
            .collect()
    }

    /// Applies `change` to a copy and keeps it only if no day from `from` on is
    /// overdrawn.
    fn guarded(
        &mut self,
        from: NaiveDate,
        change: impl FnOnce(&mut Ledger) -> Result<(), QuotaError>,
    ) -> Result<(), QuotaError> {
        let mut next = self.clone();
        change(&mut next)?;
        if let Some(e) = next.first_overdraft(from) {
            return Err(e);
        }
        *self = next;
        Ok(())
    }

    /// From `day` on, the pool has `size` quotas (a decision).
    pub fn decide(&mut self, day: NaiveDate, size: u32) -> Result<(), QuotaError> {
        self.guarded(day, |l| {
            l.decisions.insert(day, size);
            Ok(())
        })
    }

    /// Lends one quota from `from` for a term ending `term_end`.
    pub fn lend(
        &mut self,
        code: Code,
        from: NaiveDate,
        term_end: NaiveDate,
    ) -> Result<(), QuotaError> {
        if term_end <= from {
            return Err(QuotaError::BadTerm { from, term_end });
        }
        if self.loans.contains_key(&code) {
            return Err(QuotaError::Duplicate(code));
        }
        self.guarded(from, |l| {
            l.loans.insert(
                code,
                Loan {
                    from,
                    returned: None,
                    term_end,
                },
            );
            Ok(())
        })
    }

    /// The quota comes back to the pool on `day`.
    pub fn give_back(&mut self, code: &Code, day: NaiveDate) -> Result<(), QuotaError> {
        let loan = self
            .loans
            .get(code)
            .ok_or_else(|| QuotaError::Unknown(code.clone()))?;
        if loan.returned.is_some() {
            return Err(QuotaError::AlreadyReturned(code.clone()));
        }
        if day <= loan.from {
            return Err(QuotaError::BadDay {
                code: code.clone(),
                day,
            });
        }
        // A return only frees quota, so it cannot overdraw; guarded all the same.
        self.guarded(day, |l| {
            if let Some(loan) = l.loans.get_mut(code) {
                loan.returned = Some(day);
            }
            Ok(())
        })
    }

    /// Loans held on `day` whose term ends within `within_days` (or has ended).
    pub fn reminders(&self, day: NaiveDate, within_days: u32) -> Vec<Reminder> {
        let mut out: Vec<Reminder> = self
            .loans
            .iter()
            .filter(|(_, l)| l.held_on(day))
            .map(|(code, l)| Reminder {
                loan: code.clone(),
                term_end: l.term_end,
                days_left: (l.term_end - day).num_days(),
            })
            .filter(|r| r.days_left <= i64::from(within_days))
            .collect();
        out.sort_by(|a, b| a.term_end.cmp(&b.term_end).then(a.loan.cmp(&b.loan)));
        out
    }
}
