//! Talent (招才引智): tiers as data, individuals and counts, the platforms hosting
//! them, and the talent figures of the report.

mod record;
mod tier;

pub use record::{Headcount, Platform, PlatformKind, TALENT_LIST, TALENT_PERSONAL, Talent};
pub use tier::{TIERS, Tier};

use crate::code::Code;
use serde::Serialize;

/// One tier's headcount on a day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TierCount {
    pub tier: String,
    pub label_zh: String,
    pub label_en: String,
    pub count: u64,
    /// Some record gives only a floor ("400余名"): shown as "400+".
    pub at_least: bool,
    pub illustrative: bool,
}

/// Headcount by tier of `talents` (those valid on a day), every tier listed.
pub fn by_tier<'a>(talents: impl IntoIterator<Item = (&'a Code, &'a Talent)>) -> Vec<TierCount> {
    let mut out: Vec<TierCount> = Tier::all()
        .map(|t| TierCount {
            tier: t.code().to_owned(),
            label_zh: t.label(crate::Lang::Zh).to_owned(),
            label_en: t.label(crate::Lang::En).to_owned(),
            count: 0,
            at_least: false,
            illustrative: false,
        })
        .collect();
    for (_, t) in talents {
        let Some(row) = out.iter_mut().find(|r| r.tier == t.tier.code()) else {
            continue;
        };
        row.count += u64::from(t.headcount.count());
        row.at_least |= matches!(t.headcount, Headcount::Count { at_least: true, .. });
        row.illustrative |= t.provenance.is_illustrative("count");
    }
    out
}
