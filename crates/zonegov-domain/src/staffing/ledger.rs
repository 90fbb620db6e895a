//! The quota ledger (编制台账) on one day: per quota type, the quota summed over
//! bodies, the people in post, the vacancies, and the quota of bodies with no 三定
//! recorded that day, so that `quota = occupied + vacant + unrecorded` holds for
//! every type by construction of the sums, and any imbalance a reform could bring
//! shows as a moved total. A reform's property test compares ledgers before and
//! after.

use super::record::Staffing;
use crate::code::Code;
use crate::history::ZoneHistory;
use crate::institution::QuotaType;
use crate::lang::{Lang, Name};
use chrono::NaiveDate;
use serde::Serialize;

/// One body's figures for one quota type; `occupied`/`vacant` are `None` when the
/// body has no 三定 that day (its people are not recorded, not zero).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LedgerCell {
    pub quota_type: QuotaType,
    pub quota: u32,
    pub occupied: Option<u32>,
    pub vacant: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BodyLine {
    pub code: Code,
    pub name: Name,
    /// Whether the body has a 三定 on the day.
    pub recorded: bool,
    pub cells: Vec<LedgerCell>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TypeLine {
    pub quota_type: QuotaType,
    pub quota: u64,
    pub occupied: u64,
    pub vacant: u64,
    /// Quota of bodies without a 三定 that day.
    pub unrecorded: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Ledger {
    pub day: NaiveDate,
    pub types: Vec<TypeLine>,
    /// Bodies with a quota or a 三定 that day, by code.
    pub bodies: Vec<BodyLine>,
}

impl Ledger {
    pub fn of_type(&self, t: QuotaType) -> Option<&TypeLine> {
        self.types.iter().find(|l| l.quota_type == t)
    }
}

/// The ledger of `history` on `day` (pass a scope's `visible_to` history for a
/// scoped reader).
pub fn ledger(history: &ZoneHistory, day: NaiveDate) -> Ledger {
    let staffing = history.timeline::<Staffing>();
    let mut bodies = Vec::new();
    for b in history.institutions().snapshot(day) {
        let s = staffing.as_of(&b.code, day).map(|v| v.attrs.occupied());
        let has_quota = b.attrs.quotas.values().any(|n| *n > 0);
        if !has_quota && s.is_none() {
            continue;
        }
        let cells = QuotaType::ALL
            .iter()
            .map(|t| {
                let quota = b.attrs.quotas.get(t).copied().unwrap_or(0);
                let occupied = s.as_ref().map(|o| o.get(t).copied().unwrap_or(0));
                LedgerCell {
                    quota_type: *t,
                    quota,
                    occupied,
                    vacant: occupied.map(|o| quota.saturating_sub(o)),
                }
            })
            .collect();
        bodies.push(BodyLine {
            code: b.code.clone(),
            name: Name::new(
                b.attrs.display_name(Lang::Zh),
                b.attrs.display_name(Lang::En),
            ),
            recorded: s.is_some(),
            cells,
        });
    }
    bodies.sort_by(|a, b| a.code.cmp(&b.code));
    let types = QuotaType::ALL
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let mut line = TypeLine {
                quota_type: *t,
                quota: 0,
                occupied: 0,
                vacant: 0,
                unrecorded: 0,
            };
            for c in bodies.iter().filter_map(|b| b.cells.get(i)) {
                line.quota += u64::from(c.quota);
                match (c.occupied, c.vacant) {
                    (Some(o), Some(v)) => {
                        line.occupied += u64::from(o);
                        line.vacant += u64::from(v);
                    }
                    _ => line.unrecorded += u64::from(c.quota),
                }
            }
            line
        })
        .collect();
    Ledger { day, types, bodies }
}
