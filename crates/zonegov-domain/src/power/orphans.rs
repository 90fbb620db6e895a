//! Items left behind by an institutional reform: on a given day, items on the list
//! whose implementing body no longer exists. Each follows its body's single heir
//! (through lineage) or is flagged for adjustment; none is silently orphaned. The
//! app turns each proposal into a system draft with trigger 机构改革, which still
//! goes through review and publication.

use super::item::PowerItem;
use crate::code::Code;
use crate::history::ZoneHistory;
use crate::institution::Institution;
use crate::record::Record;
use crate::version::Version;
use chrono::NaiveDate;
use serde::Serialize;

/// What to do with an orphaned item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "proposal", rename_all = "snake_case")]
pub enum Proposal {
    /// The body has exactly one heir on the day: the item moves to it.
    FollowsHeir { heir: Code },
    /// No heir, or several: a person must decide (the candidates are listed).
    NeedsAdjustment { heirs: Vec<Code> },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Orphan {
    pub code: Code,
    pub body: Code,
    pub proposal: Proposal,
}

/// Items of `items` (the list on `day`) whose body does not exist on `day`.
pub fn find_orphans(
    items: &[Version<PowerItem>],
    history: &ZoneHistory,
    day: NaiveDate,
) -> Vec<Orphan> {
    let institutions = history.institutions();
    items
        .iter()
        .filter(|v| v.period.contains(day))
        .filter(|v| institutions.as_of(&v.attrs.body, day).is_none())
        .map(|v| {
            let heirs = history.heirs(Institution::KIND, &v.attrs.body, day);
            let proposal = match heirs.as_slice() {
                [one] => Proposal::FollowsHeir { heir: one.clone() },
                _ => Proposal::NeedsAdjustment { heirs },
            };
            Orphan {
                code: v.code.clone(),
                body: v.attrs.body.clone(),
                proposal,
            }
        })
        .collect()
}
