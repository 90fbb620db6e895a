//! A body's 三定 as a reader sees it on one day: names masked unless the reader may
//! see personal data, posts held against posts allowed, and vacancies (quota from
//! the institution record that day, less the people in post).

use super::parts::{Function, LeadRank};
use super::record::Staffing;
use crate::code::Code;
use crate::history::ZoneHistory;
use crate::institution::QuotaType;
use crate::lang::{Lang, Name};
use crate::period::Period;
use crate::provenance::Provenance;
use chrono::NaiveDate;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PostLine {
    pub rank: LeadRank,
    pub allowed: u32,
    pub held: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OccupantView {
    /// The name, masked (`王**`) unless the view was made unmasked.
    pub person: String,
    pub post: Option<LeadRank>,
    pub unit: Option<String>,
    pub quota: QuotaType,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VacancyLine {
    pub quota_type: QuotaType,
    pub quota: u32,
    pub occupied: u32,
    pub vacant: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffingView {
    pub code: Code,
    /// The body's name with its plates, in both languages.
    pub body: Name,
    pub title: Name,
    pub period: Period,
    pub change: Code,
    pub functions: Vec<Function>,
    pub units: Vec<String>,
    pub posts: Vec<PostLine>,
    pub occupancy: Vec<OccupantView>,
    pub vacancies: Vec<VacancyLine>,
    /// Whether the names above are masked.
    pub masked: bool,
    pub provenance: Provenance,
}

/// The 三定 of body `code` on `day`, or `None` when it has none then.
pub fn view(
    history: &ZoneHistory,
    code: &Code,
    day: NaiveDate,
    unmasked: bool,
) -> Option<StaffingView> {
    let v = history.timeline::<Staffing>().as_of(code, day)?;
    let s = &v.attrs;
    let body = history.institutions().as_of(code, day).map_or_else(
        || Name::new(code.as_str(), code.as_str()),
        |b| {
            Name::new(
                b.attrs.display_name(Lang::Zh),
                b.attrs.display_name(Lang::En),
            )
        },
    );
    let quotas = history
        .institutions()
        .as_of(code, day)
        .map(|b| b.attrs.quotas.clone())
        .unwrap_or_default();
    let occupied = s.occupied();
    let held = s.posts_held();
    Some(StaffingView {
        code: v.code.clone(),
        body,
        title: s.name.clone(),
        period: v.period,
        change: v.change.clone(),
        functions: s.functions.clone(),
        units: s.units.clone(),
        posts: LeadRank::ALL
            .iter()
            .filter(|r| s.posts.contains_key(r) || held.contains_key(r))
            .map(|r| PostLine {
                rank: *r,
                allowed: s.posts.get(r).copied().unwrap_or(0),
                held: held.get(r).copied().unwrap_or(0),
            })
            .collect(),
        occupancy: s
            .occupancy
            .iter()
            .map(|o| OccupantView {
                person: if unmasked {
                    o.person.reveal().to_owned()
                } else {
                    o.person.masked().as_str().to_owned()
                },
                post: o.post,
                unit: o.unit.clone(),
                quota: o.quota,
            })
            .collect(),
        vacancies: QuotaType::ALL
            .iter()
            .filter(|t| quotas.contains_key(t) || occupied.contains_key(t))
            .map(|t| {
                let quota = quotas.get(t).copied().unwrap_or(0);
                let occupied = occupied.get(t).copied().unwrap_or(0);
                VacancyLine {
                    quota_type: *t,
                    quota,
                    occupied,
                    vacant: quota.saturating_sub(occupied),
                }
            })
            .collect(),
        masked: !unmasked,
        provenance: s.provenance.clone(),
    })
}
