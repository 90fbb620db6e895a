//! Answers kept per data revision: the list counts (`RecordStore::tally`) here,
//! and any other figure read from the records (the web dashboard's safety
//! coverage) through the same [`RevisionMemo`].
//!
//! Counting a national list (281,000 items) by body and type reads every current
//! row; the dashboard, the report API and the portal's overview ask for the same
//! counts on every view. So a count is kept until the `data` revision (bumped by
//! triggers on every write to the records, in the writing transaction, whoever
//! writes) moves: a view then costs one single-row read. The revision is read
//! *before* counting, so a write landing during the count leaves the kept answer
//! labelled older than it is, never newer, and the next call counts again.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::Mutex;
use zonegov_domain::NaiveDate;
use zonegov_domain::record::Tally;

/// What a count depends on besides the revision: kind, day, data scope (JSON).
pub(crate) type TallyKey = (&'static str, NaiveDate, Option<String>);

/// At most this many answers are kept per revision (days × scopes); beyond it the
/// memo starts over.
const MAX_KEPT: usize = 256;

/// The list counts kept per data revision.
pub(crate) type TallyMemo = RevisionMemo<TallyKey, Vec<Tally>>;

/// Answers keyed by `K`, valid for one `data` revision: the first `put` at a newer
/// revision drops everything kept, and an answer computed at an older revision
/// than the one kept is not stored (it was read before a write landed).
pub struct RevisionMemo<K, V> {
    inner: Mutex<Kept<K, V>>,
}

struct Kept<K, V> {
    data: i64,
    answers: HashMap<K, V>,
}

impl<K, V> Default for RevisionMemo<K, V> {
    fn default() -> Self {
        Self {
            inner: Mutex::new(Kept {
                data: 0,
                answers: HashMap::new(),
            }),
        }
    }
}

impl<K: Eq + Hash, V: Clone> RevisionMemo<K, V> {
    /// The answer kept for `key` at revision `data`.
    pub fn get(&self, data: i64, key: &K) -> Option<V> {
        let kept = self.inner.lock().ok()?;
        (kept.data == data)
            .then(|| kept.answers.get(key).cloned())
            .flatten()
    }

    /// Keeps an answer computed at revision `data` (read before computing).
    pub fn put(&self, data: i64, key: K, answer: V) {
        let Ok(mut kept) = self.inner.lock() else {
            return;
        };
        if kept.data != data {
            if data < kept.data {
                // Computed before a newer revision was seen: not worth keeping.
                return;
            }
            kept.data = data;
            kept.answers.clear();
        }
        if kept.answers.len() >= MAX_KEPT {
            kept.answers.clear();
        }
        kept.answers.insert(key, answer);
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
        memo.put(5, key.clone(), rows.clone());
        assert_eq!(memo.get(5, &key), Some(rows.clone()));
        assert_eq!(memo.get(6, &key), None, "a newer revision counts again");
        memo.put(4, key.clone(), vec![]);
        assert_eq!(
            memo.get(5, &key),
            Some(rows),
            "an older count does not replace"
        );
        assert_eq!(memo.get(5, &("power_item", day(), Some("[]".into()))), None);
    }
}
