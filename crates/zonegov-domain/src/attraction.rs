//! The report's figures on attracting investment and talent (招商引资与招才引智,
//! seed §3–4), counted from the records valid on the report's day: landed 十强
//! projects of at least 1亿 since 2022, the projects the source names, talent by
//! tier, and the talents brought in through the revolving staffing quota.

use crate::history::ZoneHistory;
use crate::project::{Amount, Project};
use crate::quota::{QuotaLoan, QuotaPool};
use crate::talent::{Talent, TierCount, by_tier};
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::BTreeSet;

/// The seed counts projects "2022年以来" (since 2022).
pub fn major_since() -> NaiveDate {
    NaiveDate::from_ymd_opt(2022, 1, 1).unwrap_or(NaiveDate::MIN)
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NamedProject {
    pub code: String,
    pub name: String,
    #[cfg_attr(feature = "openapi", schema(value_type = u64))]
    pub amount: Amount,
    /// "106亿元".
    pub amount_text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AttractionFigures {
    pub major_since: NaiveDate,
    /// 十强 projects ≥ 1亿 that landed from `major_since` to the report's day.
    pub major_projects: usize,
    /// Some counted project is not stated to exist by the source.
    pub major_illustrative: bool,
    /// Projects whose name and amount the source states.
    pub named_projects: Vec<NamedProject>,
    pub talent_by_tier: Vec<TierCount>,
    /// Distinct talents lent a quota on or before the day.
    pub quota_talents: usize,
    pub quota_talents_illustrative: bool,
    pub quota_pool_size: u32,
    pub quota_lent: u32,
}

impl ZoneHistory {
    /// `None` when the zone has no project, talent or quota record at all.
    pub fn attraction(&self, day: NaiveDate) -> Option<AttractionFigures> {
        let projects = self.timeline::<Project>();
        let talents = self.timeline::<Talent>();
        let loans = self.timeline::<QuotaLoan>();
        let pools = self.timeline::<QuotaPool>();
        if projects.is_empty() && talents.is_empty() && loans.is_empty() {
            return None;
        }
        let since = major_since();
        let counted: Vec<&Project> = projects
            .snapshot(day)
            .map(|v| &v.attrs)
            .filter(|p| p.counts_as_major(since, day))
            .collect();
        let mut named_projects: Vec<NamedProject> = projects
            .snapshot(day)
            .filter(|v| {
                let p = &v.attrs.provenance;
                p.states("name_zh") && p.states("amount") && !v.attrs.is_confidential()
            })
            .map(|v| NamedProject {
                code: v.code.to_string(),
                name: v.attrs.name.zh.clone(),
                amount: v.attrs.amount,
                amount_text: v.attrs.amount.to_string(),
            })
            .collect();
        named_projects.sort_by(|a, b| a.amount.cmp(&b.amount).then(a.code.cmp(&b.code)));
        let lent: Vec<&QuotaLoan> = loans
            .codes()
            .filter_map(|c| loans.versions(c).first())
            .filter(|v| v.period.from() <= day)
            .map(|v| &v.attrs)
            .collect();
        let quota_talents: BTreeSet<&crate::code::Code> = lent.iter().map(|l| &l.talent).collect();
        Some(AttractionFigures {
            major_since: since,
            major_projects: counted.len(),
            major_illustrative: counted.iter().any(|p| illustrative(&p.provenance)),
            named_projects,
            talent_by_tier: by_tier(talents.snapshot(day).map(|v| (&v.code, &v.attrs))),
            quota_talents: quota_talents.len(),
            quota_talents_illustrative: lent.iter().any(|l| illustrative(&l.provenance)),
            quota_pool_size: pools.snapshot(day).map(|v| v.attrs.size).sum(),
            quota_lent: u32::try_from(loans.snapshot(day).count()).unwrap_or(u32::MAX),
        })
    }
}

/// A counted record is illustrative when it is made up and does not stand for one of
/// the entities the source counts (its `facts` lack `existence`).
fn illustrative(p: &crate::Provenance) -> bool {
    p.source == crate::Source::Illustrative && !p.states("existence")
}
