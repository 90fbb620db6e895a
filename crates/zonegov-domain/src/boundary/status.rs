//! Where a named party stands on a day: the one check the lint and the resolution
//! (谁来管) share, so a list that lints clean cannot resolve to a body that is gone.

use super::party::PartyLevel;
use crate::code::Code;
use crate::counterpart::CounterpartKind;
use crate::history::ZoneHistory;
use chrono::NaiveDate;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PartyStatus {
    /// The body exists on the day, at the level the list gives.
    Active,
    /// No body of that level has the code, on any day.
    Unknown,
    /// The code is a counterpart of another kind (a street given as a county).
    WrongLevel(CounterpartKind),
    /// The body is set up only after the day.
    NotYet,
    /// The body ended before the day; `successors` are its heirs from lineage (none
    /// when lineage names none).
    Abolished { successors: Vec<Code> },
}

impl PartyStatus {
    pub fn is_active(&self) -> bool {
        matches!(self, PartyStatus::Active)
    }
}

pub fn party_status(
    h: &ZoneHistory,
    level: PartyLevel,
    code: &Code,
    day: NaiveDate,
) -> PartyStatus {
    let kind = level.kind();
    let Some(t) = h.kind(kind).filter(|t| t.contains(code)) else {
        return PartyStatus::Unknown;
    };
    if t.exists_on(code, day) {
        let Some(expected) = level.counterpart_kind() else {
            return PartyStatus::Active;
        };
        return match h.counterparts().as_of(code, day) {
            Some(v) if v.attrs.kind != expected => PartyStatus::WrongLevel(v.attrs.kind),
            _ => PartyStatus::Active,
        };
    }
    // Its first day is a version start, so one of the timeline's boundaries.
    let began_later = t
        .boundaries()
        .into_iter()
        .find(|b| t.exists_on(code, *b))
        .is_some_and(|first| first > day);
    if began_later {
        return PartyStatus::NotYet;
    }
    PartyStatus::Abolished {
        successors: h
            .heirs(kind, code, day)
            .into_iter()
            .filter(|c| c != code)
            .collect(),
    }
}
