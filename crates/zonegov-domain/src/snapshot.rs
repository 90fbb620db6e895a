//! The zone as it stood on one day, and the figures counted from it.

use crate::code::Code;
use crate::history::ZoneHistory;
use crate::institution::Institution;
use crate::park::{Park, ParkKind};
use crate::provenance::Provenance;
use crate::version::Version;
use chrono::NaiveDate;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct Snapshot<'h> {
    pub day: NaiveDate,
    pub parks: Vec<&'h Version<Park>>,
    pub institutions: Vec<&'h Version<Institution>>,
}

/// How many entities fall in one group (a park kind, an institution category).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GroupCount {
    pub code: String,
    pub label_zh: String,
    pub label_en: String,
    pub count: usize,
    /// Whether the count rests on illustrative data: some counted record's existence
    /// or grouping field (kind, category) is not stated by the source.
    pub illustrative: bool,
}

/// Whether any of `records` has one of `fields` made up for the demo.
fn any_illustrative<'a>(
    mut records: impl Iterator<Item = &'a Provenance>,
    fields: &[&str],
) -> bool {
    records.any(|p| fields.iter().any(|f| p.is_illustrative(f)))
}

impl ZoneHistory {
    pub fn snapshot(&self, day: NaiveDate) -> Snapshot<'_> {
        Snapshot {
            day,
            parks: self.parks().snapshot(day).collect(),
            institutions: self.institutions().snapshot(day).collect(),
        }
    }

    pub fn is_internal(&self, category: &Code) -> bool {
        self.category(category).is_some_and(|c| c.internal)
    }
}

impl Snapshot<'_> {
    /// Parks per kind, every kind listed even when empty.
    pub fn parks_by_kind(&self) -> Vec<GroupCount> {
        ParkKind::ALL
            .iter()
            .map(|&k| {
                let parks = || self.parks.iter().filter(move |p| p.attrs.kind == k);
                GroupCount {
                    code: k.code().to_owned(),
                    label_zh: k.label(crate::Lang::Zh).to_owned(),
                    label_en: k.label(crate::Lang::En).to_owned(),
                    count: parks().count(),
                    illustrative: any_illustrative(
                        parks().map(|p| &p.attrs.provenance),
                        &["existence", "kind"],
                    ),
                }
            })
            .collect()
    }

    /// Institutions per category, in the categories' display order.
    pub fn institutions_by_category(&self, history: &ZoneHistory) -> Vec<GroupCount> {
        let mut cats: Vec<_> = history.categories.iter().collect();
        cats.sort_by_key(|c| (c.sort, c.code.clone()));
        cats.into_iter()
            .map(|c| {
                let members = || {
                    self.institutions
                        .iter()
                        .filter(|i| i.attrs.category == c.code)
                };
                GroupCount {
                    code: c.code.to_string(),
                    label_zh: c.name.zh.clone(),
                    label_en: c.name.get(crate::Lang::En).to_owned(),
                    count: members().count(),
                    illustrative: any_illustrative(
                        members().map(|i| &i.attrs.provenance),
                        &["existence", "category"],
                    ),
                }
            })
            .collect()
    }

    /// Whether the park count rests on illustrative data (a counted park's
    /// existence is not stated).
    pub fn parks_illustrative(&self) -> bool {
        any_illustrative(
            self.parks.iter().map(|p| &p.attrs.provenance),
            &["existence"],
        )
    }

    /// Whether the institution count rests on illustrative data.
    pub fn institutions_illustrative(&self) -> bool {
        any_illustrative(
            self.institutions.iter().map(|i| &i.attrs.provenance),
            &["existence"],
        )
    }

    /// Whether the internal-institution count rests on illustrative data: a counted
    /// body's existence, or that it counts as internal, is not stated.
    pub fn internal_illustrative(&self, history: &ZoneHistory) -> bool {
        any_illustrative(
            self.institutions
                .iter()
                .filter(|i| history.is_internal(&i.attrs.category))
                .map(|i| &i.attrs.provenance),
            &["existence", "internal"],
        )
    }

    /// The zone's internal institutions (内设机构): bodies whose category counts as internal.
    pub fn internal_count(&self, history: &ZoneHistory) -> usize {
        self.institutions
            .iter()
            .filter(|i| history.is_internal(&i.attrs.category))
            .count()
    }
}
