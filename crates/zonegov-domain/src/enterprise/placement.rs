//! Placing an enterprise with coordinates: the park and street whose outlines, valid on
//! the day, contain its point. A park or street given that disagrees is reported (with
//! both values), never silently replaced: the register may be right and the outline
//! rough, which is for a person to decide.

use super::Enterprise;
use crate::code::Code;
use crate::geo::{LonLat, Shape};
use crate::lang::Lang;
use crate::{CounterpartKind, ZoneHistory};
use chrono::NaiveDate;

/// The outlines valid on one day.
#[derive(Debug, Clone, Default)]
pub struct ZoneMap {
    parks: Vec<(Code, Shape)>,
    streets: Vec<(Code, Shape)>,
}

/// Where the point falls: every park and street containing it (more than one is an
/// overlap of outlines, reported as such).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Placement {
    pub parks: Vec<Code>,
    pub streets: Vec<Code>,
}

/// A given value the outlines disagree with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Disagreement {
    /// `park` or `street`.
    pub field: &'static str,
    pub given: Option<Code>,
    /// What the outlines say (empty: the point is in none).
    pub found: Vec<Code>,
}

impl Disagreement {
    pub fn message(&self, lang: Lang) -> String {
        let given = self.given.as_ref().map_or("—", Code::as_str);
        let found = if self.found.is_empty() {
            lang.pick("不在任何", "none").to_owned()
        } else {
            self.found
                .iter()
                .map(Code::as_str)
                .collect::<Vec<_>>()
                .join(lang.pick("、", ", "))
        };
        let what = match (self.field, lang) {
            ("park", Lang::Zh) => "园区",
            ("park", Lang::En) => "park",
            (_, Lang::Zh) => "街道",
            (_, Lang::En) => "street",
        };
        match lang {
            Lang::Zh => format!("坐标落在{what}边界 {found} 内，与所填{what} {given} 不符"),
            Lang::En => format!(
                "the coordinates fall in {what} outline {found}, not in the given {what} {given}"
            ),
        }
    }
}

impl ZoneMap {
    /// The parks and streets with an outline on `day`. An outline that is not a
    /// polygon cannot be here: it was checked on load.
    pub fn on(h: &ZoneHistory, day: NaiveDate) -> Self {
        let parks = h
            .parks()
            .snapshot(day)
            .filter_map(|v| {
                let shape = Shape::from_geojson(v.attrs.boundary.as_ref()?).ok()?;
                Some((v.code.clone(), shape))
            })
            .collect();
        let streets = h
            .counterparts()
            .snapshot(day)
            .filter(|v| v.attrs.kind == CounterpartKind::Street)
            .filter_map(|v| {
                let shape = Shape::from_geojson(v.attrs.boundary.as_ref()?).ok()?;
                Some((v.code.clone(), shape))
            })
            .collect();
        Self { parks, streets }
    }

    pub fn place(&self, p: LonLat) -> Placement {
        let within = |shapes: &[(Code, Shape)]| {
            shapes
                .iter()
                .filter(|(_, s)| s.contains(p))
                .map(|(c, _)| c.clone())
                .collect()
        };
        Placement {
            parks: within(&self.parks),
            streets: within(&self.streets),
        }
    }

    fn has_park(&self, c: &Code) -> bool {
        self.parks.iter().any(|(p, _)| p == c)
    }

    /// What the outlines say against the enterprise's park and street. Nothing is
    /// checked without coordinates; a park without an outline on the day is not
    /// judged (nor is a street when no street has one).
    pub fn check(&self, e: &Enterprise) -> Vec<Disagreement> {
        let Some(point) = e.location else {
            return Vec::new();
        };
        let at = self.place(point);
        let mut out = Vec::new();
        let park_judged = match &e.park {
            Some(p) => self.has_park(p),
            None => !self.parks.is_empty(),
        };
        let park_ok = match &e.park {
            Some(p) => at.parks == [p.clone()],
            None => at.parks.is_empty(),
        };
        if park_judged && !park_ok {
            out.push(Disagreement {
                field: "park",
                given: e.park.clone(),
                found: at.parks,
            });
        }
        if !self.streets.is_empty() && at.streets != [e.street.clone()] {
            out.push(Disagreement {
                field: "street",
                given: Some(e.street.clone()),
                found: at.streets,
            });
        }
        out
    }
}
