//! Where a place lies on a day: its streets, parks and counties, each with how it
//! was found. This is what 属地 parties resolve to. A place can lie in several bodies
//! of one level (a park across two streets, a street hosting four parks); all are
//! kept, so a 属地 lead that cannot be told apart is reported, not guessed.

use super::question::Place;
use crate::code::Code;
use crate::counterpart::CounterpartKind;
use crate::enterprise::placement::ZoneMap;
use crate::geo::LonLat;
use crate::history::ZoneHistory;
use crate::lang::Name;
use crate::park::Park;
use crate::record::Record;
use chrono::NaiveDate;
use serde::Serialize;

/// A body the place lies in, and why we say so.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Located {
    pub code: Code,
    pub name: Name,
    pub how: Name,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Locality {
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, example = "park:P01"))]
    pub place: Option<Place>,
    pub streets: Vec<Located>,
    pub parks: Vec<Located>,
    pub counties: Vec<Located>,
    /// What happened on the way (a park merged away, followed to its successor).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Name>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("没有这个地点：{0} / no such place: {0}")]
pub struct UnknownPlace(pub String);

impl Locality {
    /// No place was given: 属地 parties stay open.
    pub fn nowhere() -> Self {
        Locality::default()
    }

    pub fn of_park(h: &ZoneHistory, code: &Code, day: NaiveDate) -> Result<Self, UnknownPlace> {
        let mut loc = Locality {
            place: Some(Place::Park(code.clone())),
            ..Locality::default()
        };
        if !h.parks().contains(code) {
            return Err(UnknownPlace(format!("park:{code}")));
        }
        let parks = if h.parks().as_of(code, day).is_some() {
            vec![(code.clone(), Name::new("所问园区", "the park asked about"))]
        } else {
            let heirs = h.heirs(Park::KIND, code, day);
            let list = heirs
                .iter()
                .map(Code::as_str)
                .collect::<Vec<_>>()
                .join("、");
            loc.notes.push(if heirs.is_empty() {
                Name::new(
                    format!("园区 {code} 在 {day} 不存在，沿革中没有承继园区"),
                    format!("park {code} does not exist on {day} and lineage names no successor"),
                )
            } else {
                Name::new(
                    format!("园区 {code} 在 {day} 已不存在，按沿革承继园区 {list} 作答"),
                    format!("park {code} no longer exists on {day}; answered for its successor {list} from lineage"),
                )
            });
            heirs
                .into_iter()
                .map(|c| {
                    let how = Name::new(
                        format!("园区 {code} 的沿革承继园区"),
                        format!("successor of park {code} by lineage"),
                    );
                    (c, how)
                })
                .collect()
        };
        for (p, how) in parks {
            loc.add_park(h, &p, day, how);
        }
        Ok(loc)
    }

    pub fn of_street(h: &ZoneHistory, code: &Code, day: NaiveDate) -> Result<Self, UnknownPlace> {
        let is_street = h
            .counterparts()
            .versions(code)
            .iter()
            .any(|v| v.attrs.kind == CounterpartKind::Street);
        if !is_street {
            return Err(UnknownPlace(format!("street:{code}")));
        }
        let mut loc = Locality {
            place: Some(Place::Street(code.clone())),
            ..Locality::default()
        };
        if h.counterparts().as_of(code, day).is_none() {
            loc.notes.push(Name::new(
                format!("街道 {code} 在 {day} 不存在"),
                format!("street {code} does not exist on {day}"),
            ));
            return Ok(loc);
        }
        loc.add_street(
            h,
            code,
            day,
            Name::new("所问街道", "the street asked about"),
        );
        for p in h.parks().snapshot(day) {
            if p.attrs.streets.contains(code) {
                let how = Name::new(
                    format!("园区 {} 位于街道 {code}（园区记录）", p.code),
                    format!("park {} lies in street {code} (park record)", p.code),
                );
                loc.push_park(h, &p.code, day, how);
            }
        }
        Ok(loc)
    }

    /// A point, placed by the park and street outlines valid on the day. A point in
    /// two outlines of one level lies in both (and a 属地 lead there is a conflict).
    pub fn of_point(h: &ZoneHistory, p: LonLat, day: NaiveDate) -> Self {
        let mut loc = Locality {
            place: Some(Place::Point(p)),
            ..Locality::default()
        };
        let found = ZoneMap::on(h, day).place(p);
        for s in &found.streets {
            let how = Name::new(
                format!("坐标落在街道 {s} 的边界内"),
                format!("the point lies within the outline of street {s}"),
            );
            loc.add_street(h, s, day, how);
        }
        for park in &found.parks {
            let how = Name::new(
                format!("坐标落在园区 {park} 的边界内"),
                format!("the point lies within the outline of park {park}"),
            );
            loc.push_park(h, park, day, how);
        }
        loc
    }

    /// A place whose park and street are recorded on it (an enterprise): `how` says
    /// where they come from.
    pub fn of_record(
        h: &ZoneHistory,
        place: Place,
        park: Option<&Code>,
        street: Option<&Code>,
        day: NaiveDate,
        how: &Name,
    ) -> Self {
        let mut loc = Locality {
            place: Some(place),
            ..Locality::default()
        };
        if let Some(s) = street.filter(|s| h.counterparts().as_of(s, day).is_some()) {
            loc.add_street(h, s, day, how.clone());
        }
        if let Some(p) = park.filter(|p| h.parks().as_of(p, day).is_some()) {
            loc.push_park(h, p, day, how.clone());
        }
        loc
    }

    /// A park and, from its record, its streets and their counties.
    fn add_park(&mut self, h: &ZoneHistory, code: &Code, day: NaiveDate, how: Name) {
        self.push_park(h, code, day, how);
        let Some(v) = h.parks().as_of(code, day) else {
            return;
        };
        for s in &v.attrs.streets {
            let how = Name::new(
                format!("园区 {code} 所在街道（园区记录）"),
                format!("street of park {code} (park record)"),
            );
            self.add_street(h, s, day, how);
        }
    }

    fn push_park(&mut self, h: &ZoneHistory, code: &Code, day: NaiveDate, how: Name) {
        if self.parks.iter().any(|l| &l.code == code) {
            return;
        }
        let name = h
            .parks()
            .as_of(code, day)
            .map(|v| v.attrs.name.clone())
            .unwrap_or_default();
        self.parks.push(Located {
            code: code.clone(),
            name,
            how,
        });
    }

    /// A street and, from its record, its county.
    fn add_street(&mut self, h: &ZoneHistory, code: &Code, day: NaiveDate, how: Name) {
        if self.streets.iter().any(|l| &l.code == code) {
            return;
        }
        let Some(v) = h.counterparts().as_of(code, day) else {
            return;
        };
        self.streets.push(Located {
            code: code.clone(),
            name: v.attrs.name.clone(),
            how,
        });
        let Some(county) = &v.attrs.parent else {
            return;
        };
        if self.counties.iter().any(|l| &l.code == county) {
            return;
        }
        if let Some(c) = h.counterparts().as_of(county, day) {
            self.counties.push(Located {
                code: county.clone(),
                name: c.attrs.name.clone(),
                how: Name::new(
                    format!("街道 {code} 所属县市区（街道记录）"),
                    format!("county of street {code} (street record)"),
                ),
            });
        }
    }
}
