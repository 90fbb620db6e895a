//! The zone as it stood on one day, and the figures counted from it.

use crate::code::Code;
use crate::history::ZoneHistory;
use crate::institution::Institution;
use crate::park::{Park, ParkKind};
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
            .map(|&k| GroupCount {
                code: k.code().to_owned(),
                label_zh: k.label(crate::Lang::Zh).to_owned(),
                label_en: k.label(crate::Lang::En).to_owned(),
                count: self.parks.iter().filter(|p| p.attrs.kind == k).count(),
            })
            .collect()
    }

    /// Institutions per category, in the categories' display order.
    pub fn institutions_by_category(&self, history: &ZoneHistory) -> Vec<GroupCount> {
        let mut cats: Vec<_> = history.categories.iter().collect();
        cats.sort_by_key(|c| (c.sort, c.code.clone()));
        cats.into_iter()
            .map(|c| GroupCount {
                code: c.code.to_string(),
                label_zh: c.name.zh.clone(),
                label_en: c.name.get(crate::Lang::En).to_owned(),
                count: self
                    .institutions
                    .iter()
                    .filter(|i| i.attrs.category == c.code)
                    .count(),
            })
            .collect()
    }

    /// The zone's internal institutions (内设机构): bodies whose category counts as internal.
    pub fn internal_count(&self, history: &ZoneHistory) -> usize {
        self.institutions
            .iter()
            .filter(|i| history.is_internal(&i.attrs.category))
            .count()
    }
}
