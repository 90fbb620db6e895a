//! The quota ledger (编制台账) of one reform: every quota that changed hands, and
//! the recorded decisions that are the only way the zone's total may change.

use crate::code::Code;
use crate::institution::QuotaType;
use serde::Serialize;
use std::collections::BTreeMap;

/// One line of the ledger.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "entry", rename_all = "snake_case")]
pub enum Entry {
    /// Quota moved from one body to another (a merge moves all of it).
    Move {
        from: Code,
        to: Code,
        quota: QuotaType,
        amount: u32,
    },
    /// 核增/核减 by a recorded decision.
    Decision {
        code: Code,
        quota: QuotaType,
        delta: i64,
        doc_no: String,
    },
}

/// Totals per quota type before and after, and what happened in between.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Ledger {
    pub before: BTreeMap<QuotaType, i64>,
    pub after: BTreeMap<QuotaType, i64>,
    pub entries: Vec<Entry>,
}

impl Ledger {
    /// The net of the recorded decisions, per type.
    pub fn decided(&self) -> BTreeMap<QuotaType, i64> {
        let mut out = BTreeMap::new();
        for e in &self.entries {
            if let Entry::Decision { quota, delta, .. } = e {
                *out.entry(*quota).or_insert(0) += delta;
            }
        }
        out
    }

    /// The types whose total after differs from the total before plus the
    /// decisions: `(type, before, decided, after)`. Empty when the ledger balances.
    pub fn imbalances(&self) -> Vec<(QuotaType, i64, i64, i64)> {
        let decided = self.decided();
        QuotaType::ALL
            .into_iter()
            .filter_map(|q| {
                let before = self.before.get(&q).copied().unwrap_or(0);
                let after = self.after.get(&q).copied().unwrap_or(0);
                let d = decided.get(&q).copied().unwrap_or(0);
                (before + d != after).then_some((q, before, d, after))
            })
            .collect()
    }

    pub fn balances(&self) -> bool {
        self.imbalances().is_empty()
    }
}

/// The zone's total of each quota type over `bodies`.
pub fn totals<'a>(
    bodies: impl IntoIterator<Item = &'a crate::Institution>,
) -> BTreeMap<QuotaType, i64> {
    let mut out = BTreeMap::new();
    for b in bodies {
        for (q, n) in &b.quotas {
            *out.entry(*q).or_insert(0) += i64::from(*n);
        }
    }
    out
}
