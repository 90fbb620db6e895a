//! The zone's headline figures on a day, compared with an earlier day. The CLI, the
//! dashboard and the API all render this one computation, so they cannot disagree.

use crate::code::Code;
use crate::history::ZoneHistory;
use crate::lang::{Lang, Name};
use crate::power::ListCounts;
use crate::provenance::Source;
use crate::snapshot::GroupCount;
use crate::zone::Zone;
use chrono::{Months, NaiveDate};
use serde::Serialize;

/// How far back the comparison looks when no date is given: the article measures
/// the zone's progress over five years.
pub const DEFAULT_LOOKBACK_YEARS: u32 = 5;

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ZoneReport {
    pub zone: Zone,
    pub as_of: NaiveDate,
    pub since: NaiveDate,
    pub parks_total: usize,
    pub parks_by_kind: Vec<GroupCount>,
    pub institutions_total: usize,
    pub internal_institutions: usize,
    pub institutions_by_category: Vec<GroupCount>,
    /// Headline counts on `since` and on `as_of`.
    pub figures: Vec<Figure>,
    /// Change sets that took effect after `since`, up to and including `as_of`.
    pub milestones: Vec<Milestone>,
    /// Counts on every day any of them changed, across the whole history.
    pub series: Vec<SeriesPoint>,
    /// Records valid on `as_of` that are marked illustrative rather than fact.
    pub illustrative_records: usize,
    /// The power and responsibility list on `as_of`, when counted (it is not part
    /// of the in-memory history: see [`ZoneReport::with_power_list`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub power_list: Option<ListCounts>,
    /// Investment and talent on `as_of`, when the zone records any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attraction: Option<crate::attraction::AttractionFigures>,
}

impl ZoneReport {
    /// Adds the list's counts on `since` (`before`) and `as_of` (`after`), as
    /// figures and in full.
    pub fn with_power_list(mut self, before: ListCounts, after: ListCounts) -> Self {
        self.figures.push(Figure::new(
            "power_items",
            Name::new("权力事项", "Power items"),
            (count(before.power_items), before.illustrative > 0),
            (count(after.power_items), after.illustrative > 0),
        ));
        self.figures.push(Figure::new(
            "responsibility_items",
            Name::new("责任事项", "Responsibility items"),
            (count(before.responsibility_items), before.illustrative > 0),
            (count(after.responsibility_items), after.illustrative > 0),
        ));
        self.illustrative_records += usize::try_from(after.illustrative).unwrap_or(usize::MAX);
        self.power_list = Some(after);
        self
    }

    /// The figure with this key (`parks`, `institutions`, `internal_institutions`,
    /// `parks.<kind>`).
    pub fn figure(&self, key: &str) -> Option<&Figure> {
        self.figures.iter().find(|f| f.key == key)
    }

    /// Whether the `as_of` value of the figure `key` rests on illustrative data.
    pub fn illustrative_now(&self, key: &str) -> bool {
        self.figure(key).is_some_and(|f| f.after_illustrative)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Figure {
    pub key: String,
    pub label: Name,
    pub before: usize,
    pub after: usize,
    /// Change relative to `before`, in whole percent, rounded half away from zero;
    /// absent when `before` is zero.
    pub change_pct: Option<i64>,
    /// Whether the figure rests on illustrative data on either day: some counted
    /// record's relevant field (existence, kind, internal) is not stated by the source.
    /// Shown as 示意 / "illustrative" wherever the figure is.
    pub illustrative: bool,
    pub before_illustrative: bool,
    pub after_illustrative: bool,
}

impl Figure {
    fn new(key: &str, label: Name, before: (usize, bool), after: (usize, bool)) -> Self {
        let ((before, before_illustrative), (after, after_illustrative)) = (before, after);
        let change_pct = (before > 0).then(|| {
            let pct = (after as f64 - before as f64) * 100.0 / before as f64;
            pct.round() as i64
        });
        Self {
            key: key.to_owned(),
            label,
            before,
            after,
            change_pct,
            illustrative: before_illustrative || after_illustrative,
            before_illustrative,
            after_illustrative,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Milestone {
    pub id: Code,
    pub effective: NaiveDate,
    pub doc_no: String,
    pub reason: Name,
    pub source: Source,
    /// Versions of parks and institutions this change set wrote.
    pub versions_written: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SeriesPoint {
    pub date: NaiveDate,
    pub parks: usize,
    pub institutions: usize,
    pub internal_institutions: usize,
}

fn count(n: u64) -> usize {
    usize::try_from(n).unwrap_or(usize::MAX)
}

/// `as_of` minus the default look-back, clamped to the calendar's start.
pub fn default_since(as_of: NaiveDate) -> NaiveDate {
    as_of
        .checked_sub_months(Months::new(12 * DEFAULT_LOOKBACK_YEARS))
        .unwrap_or(NaiveDate::MIN)
}

impl ZoneHistory {
    pub fn report(&self, as_of: NaiveDate, since: Option<NaiveDate>) -> ZoneReport {
        let since = since.unwrap_or_else(|| default_since(as_of));
        let now = self.snapshot(as_of);
        let then = self.snapshot(since);
        let internal_now = now.internal_count(self);
        let internal_then = then.internal_count(self);
        let mut figures = vec![
            Figure::new(
                "internal_institutions",
                Name::new("内设机构", "Internal institutions"),
                (internal_then, then.internal_illustrative(self)),
                (internal_now, now.internal_illustrative(self)),
            ),
            Figure::new(
                "institutions",
                Name::new("机构总数", "All institutions"),
                (then.institutions.len(), then.institutions_illustrative()),
                (now.institutions.len(), now.institutions_illustrative()),
            ),
            Figure::new(
                "parks",
                Name::new("园区", "Parks"),
                (then.parks.len(), then.parks_illustrative()),
                (now.parks.len(), now.parks_illustrative()),
            ),
        ];
        for (b, a) in then.parks_by_kind().into_iter().zip(now.parks_by_kind()) {
            figures.push(Figure::new(
                &format!("parks.{}", a.code),
                Name::new(a.label_zh, a.label_en),
                (b.count, b.illustrative),
                (a.count, a.illustrative),
            ));
        }
        let mut milestones: Vec<Milestone> = self
            .changes
            .iter()
            .filter(|c| c.effective > since && c.effective <= as_of)
            .map(|c| Milestone {
                id: c.id.clone(),
                effective: c.effective,
                doc_no: c.doc_no.clone(),
                reason: c.reason.clone(),
                source: c.provenance.source,
                versions_written: self.records.iter().map(|t| t.written_by(&c.id)).sum(),
            })
            .collect();
        milestones.sort_by(|a, b| a.effective.cmp(&b.effective).then(a.id.cmp(&b.id)));
        let illustrative_records = self.records.iter().map(|t| t.illustrative_on(as_of)).sum();
        ZoneReport {
            zone: self.zone.clone(),
            as_of,
            since,
            parks_total: now.parks.len(),
            parks_by_kind: now.parks_by_kind(),
            institutions_total: now.institutions.len(),
            internal_institutions: internal_now,
            institutions_by_category: now.institutions_by_category(self),
            figures,
            milestones,
            series: self.series(),
            illustrative_records,
            power_list: None,
            attraction: self.attraction(as_of),
        }
    }

    /// Counts on every boundary day of the history: a step function for charts.
    pub fn series(&self) -> Vec<SeriesPoint> {
        let mut days = self.parks().boundaries();
        days.extend(self.institutions().boundaries());
        days.sort();
        days.dedup();
        days.into_iter()
            .map(|date| {
                let s = self.snapshot(date);
                SeriesPoint {
                    date,
                    parks: s.parks.len(),
                    institutions: s.institutions.len(),
                    internal_institutions: s.internal_count(self),
                }
            })
            .collect()
    }

    /// The latest day on or before `as_of` on which the park layout (how many parks
    /// of each kind) changed; the dashboard compares the two sides of it.
    pub fn latest_park_layout_change(&self, as_of: NaiveDate) -> Option<NaiveDate> {
        self.parks()
            .boundaries()
            .into_iter()
            .rev()
            .filter(|d| *d <= as_of)
            .find(|d| {
                let Some(prev) = d.pred_opt() else {
                    return false;
                };
                let before = self.snapshot(prev);
                let counts =
                    |g: Vec<GroupCount>| g.into_iter().map(|g| g.count).collect::<Vec<_>>();
                !before.parks.is_empty()
                    && counts(before.parks_by_kind()) != counts(self.snapshot(*d).parks_by_kind())
            })
    }
}

impl Figure {
    /// The sentence, followed by " [示意]" / " [illustrative]" when the figure rests
    /// on illustrative data.
    pub fn marked_sentence(&self, lang: Lang) -> String {
        let mut s = self.sentence(lang);
        if self.illustrative {
            s.push_str(lang.pick(" [示意]", " [illustrative]"));
        }
        s
    }

    /// "内设机构 37 → 12,压减 68%" / "Internal institutions 37 → 12, down 68%".
    pub fn sentence(&self, lang: Lang) -> String {
        let base = format!("{} {} → {}", self.label.get(lang), self.before, self.after);
        match (self.change_pct, lang) {
            (Some(p), Lang::Zh) if p < 0 => format!("{base},压减 {}%", -p),
            (Some(p), Lang::Zh) if p > 0 => format!("{base},增加 {p}%"),
            (Some(_), Lang::Zh) => format!("{base},持平"),
            (Some(p), Lang::En) if p < 0 => format!("{base}, down {}%", -p),
            (Some(p), Lang::En) if p > 0 => format!("{base}, up {p}%"),
            (Some(_), Lang::En) => format!("{base}, unchanged"),
            (None, _) => base,
        }
    }
}
