//! The list counts (`RecordStore::tally`) kept per data revision.
//!
//! Counting a national list (281,000 items) by body and type reads every current
//! row; the dashboard, the report API and the portal's overview ask for the same
//! counts on every view. So a count is kept until the `data` revision (bumped by
//! triggers on every write to the records, in the writing transaction, whoever
//! writes) moves: a view then costs one single-row read. The revision is read
//! *before* counting, so a write landing during the count leaves the kept answer
//! labelled older than it is, never newer, and the next call counts again.

use std::collections::HashMap;
use std::sync::Mutex;
use zonegov_domain::NaiveDate;
use zonegov_domain::record::Tally;

/// What a count depends on besides the revision: kind, day, data scope (JSON).
pub(crate) type TallyKey = (&'static str, NaiveDate, Option<String>);

/// At most this many counts are kept per revision (days × scopes); beyond it the
/// memo starts over.
const MAX_KEPT: usize = 256;

#[derive(Default)]
pub(crate) struct TallyMemo {
    inner: Mutex<Kept>,
}

#[derive(Default)]
struct Kept {
    data: i64,
    counts: HashMap<TallyKey, Vec<Tally>>,
}

impl TallyMemo {
    /// The count kept for `key` at revision `data`.
    pub(crate) fn get(&self, data: i64, key: &TallyKey) -> Option<Vec<Tally>> {
        let kept = self.inner.lock().ok()?;
        (kept.data == data)
            .then(|| kept.counts.get(key).cloned())
            .flatten()
    }

    /// Keeps a count made at revision `data` (read before counting).
    pub(crate) fn put(&self, data: i64, key: TallyKey, rows: &[Tally]) {
        let Ok(mut kept) = self.inner.lock() else {
            return;
        };
        if kept.data != data {
            if data < kept.data {
                // Counted before a newer revision was seen: not worth keeping.
                return;
            }
            kept.data = data;
            kept.counts.clear();
        }
        if kept.counts.len() >= MAX_KEPT {
            kept.counts.clear();
        }
        kept.counts.insert(key, rows.to_vec());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2024, 1, 1).unwrap_or_default()
    }

    #[test]
    fn a_count_is_kept_only_for_its_revision() {
        let memo = TallyMemo::default();
        let key: TallyKey = ("power_item", day(), None);
        let rows = vec![Tally {
            owner: None,
            facet: Some("CF".into()),
            count: 3,
            weight: 7,
            illustrative: 0,
        }];
        memo.put(5, key.clone(), &rows);
        assert_eq!(memo.get(5, &key), Some(rows.clone()));
        assert_eq!(memo.get(6, &key), None, "a newer revision counts again");
        memo.put(4, key.clone(), &[]);
        assert_eq!(
            memo.get(5, &key),
            Some(rows),
            "an older count does not replace"
        );
        assert_eq!(memo.get(5, &("power_item", day(), Some("[]".into()))), None);
    }
}
