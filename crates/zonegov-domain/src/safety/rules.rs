//! The mapping tables the zone maintains (安全生产责任边界清单): place → grid, industry
//! code → sector body, hazard flag → specialist body, and the one comprehensive body. Plain
//! data, filled by later code from files or the database; the rules in force on the
//! audited date are what is given here.

use super::{Grid, Party, Place};
use crate::code::Code;
use crate::enterprise::industry::RuleIndex;
use crate::enterprise::{HazardFlag, IndustryCode};
use crate::lang::Lang;
use serde::Serialize;
use std::collections::HashMap;
use std::fmt;

/// What a derivation was keyed by: the row of the mapping a page links to.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum RuleKey {
    Place(Place),
    Industry(#[serde(serialize_with = "industry_str")] IndustryCode),
    Hazard(HazardFlag),
    /// The single configured comprehensive body.
    Comprehensive,
}

fn industry_str<S: serde::Serializer>(c: &IndustryCode, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&c.with_section())
}

impl RuleKey {
    pub fn label(&self, lang: Lang) -> String {
        match self {
            Self::Place(p) => p.label(lang),
            Self::Industry(c) => format!(
                "{}{} {}",
                lang.pick("行业 ", "industry "),
                c.with_section(),
                c.name_zh()
            ),
            Self::Hazard(f) => format!("{}{}", lang.pick("领域 ", "hazard "), f.label(lang)),
            Self::Comprehensive => lang
                .pick("综合监管配置", "comprehensive body setting")
                .into(),
        }
    }
}

impl fmt::Display for RuleKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label(Lang::Zh))
    }
}

/// One row of a mapping: who is responsible and on what basis (文件、条款).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Assignee {
    pub body: Code,
    pub basis: String,
}

/// The enterprise as the safety rules see it. The enterprise record converts to this.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SafetySubject {
    pub credit_code: crate::enterprise::CreditCode,
    pub industry: IndustryCode,
    pub street: Option<Code>,
    pub park: Option<Code>,
    /// Sorted, without repeats (as `HazardFlag::parse_list` gives them).
    pub hazards: Vec<HazardFlag>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RulesError {
    UnknownGrid { place: Place, grid: Code },
    DuplicateGrid(Code),
}

impl RulesError {
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (Self::UnknownGrid { place, grid }, Lang::Zh) => {
                format!("{}映射到的网格 {grid} 不存在", place.label(lang))
            }
            (Self::UnknownGrid { place, grid }, Lang::En) => {
                format!(
                    "{} is mapped to grid {grid}, which does not exist",
                    place.label(lang)
                )
            }
            (Self::DuplicateGrid(g), Lang::Zh) => format!("网格编号 {g} 重复"),
            (Self::DuplicateGrid(g), Lang::En) => format!("grid number {g} is given twice"),
        }
    }
}

impl fmt::Display for RulesError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} / {}", self.message(Lang::Zh), self.message(Lang::En))
    }
}

impl std::error::Error for RulesError {}

/// Every mapping, rows kept in the order given. A key with two rows is kept as two rows:
/// the overlap is reported, never resolved by picking one.
#[derive(Debug, Default)]
pub struct SafetyRules {
    pub(super) grids: HashMap<Code, Grid>,
    pub(super) places: HashMap<Place, Vec<(Code, String)>>,
    sector: RuleIndex<Assignee>,
    specialist: HashMap<HazardFlag, Vec<Assignee>>,
    comprehensive: Option<Assignee>,
}

impl SafetyRules {
    pub fn add_grid(&mut self, grid: Grid) -> Result<(), RulesError> {
        if self.grids.contains_key(&grid.number) {
            return Err(RulesError::DuplicateGrid(grid.number));
        }
        self.grids.insert(grid.number.clone(), grid);
        Ok(())
    }

    /// Maps a park or street to a grid that must already be added.
    pub fn map_place(
        &mut self,
        place: Place,
        grid: Code,
        basis: impl Into<String>,
    ) -> Result<(), RulesError> {
        if !self.grids.contains_key(&grid) {
            return Err(RulesError::UnknownGrid { place, grid });
        }
        self.places
            .entry(place)
            .or_default()
            .push((grid, basis.into()));
        Ok(())
    }

    /// A sector rule at any GB/T 4754 level; the most specific key covering a code wins.
    pub fn add_sector(&mut self, key: IndustryCode, body: Code, basis: impl Into<String>) {
        self.sector.insert(
            key,
            Assignee {
                body,
                basis: basis.into(),
            },
        );
    }

    pub fn add_specialist(&mut self, flag: HazardFlag, body: Code, basis: impl Into<String>) {
        self.specialist.entry(flag).or_default().push(Assignee {
            body,
            basis: basis.into(),
        });
    }

    pub fn set_comprehensive(&mut self, body: Code, basis: impl Into<String>) {
        self.comprehensive = Some(Assignee {
            body,
            basis: basis.into(),
        });
    }

    pub fn grid(&self, number: &Code) -> Option<&Grid> {
        self.grids.get(number)
    }

    /// The grids a place is mapped to (several is an overlap), with each row's basis.
    pub fn grids_of(&self, place: &Place) -> impl Iterator<Item = (&Grid, &str)> {
        self.places
            .get(place)
            .into_iter()
            .flatten()
            // `map_place` only accepts grids that exist.
            .filter_map(|(g, basis)| self.grids.get(g).map(|grid| (grid, basis.as_str())))
    }

    pub(super) fn place_rows(&self, place: &Place) -> usize {
        self.places.get(place).map_or(0, Vec::len)
    }

    pub fn sector(&self) -> &RuleIndex<Assignee> {
        &self.sector
    }

    pub fn specialists(&self, flag: HazardFlag) -> &[Assignee] {
        self.specialist.get(&flag).map_or(&[], Vec::as_slice)
    }

    pub fn comprehensive(&self) -> Option<&Assignee> {
        self.comprehensive.as_ref()
    }

    /// Keys the mapping itself gives two or more rows, whether or not an enterprise
    /// falls under them today: what the safety committee (安委会) must settle.
    pub fn overlapping_keys(&self) -> Vec<(Party, RuleKey, Vec<Code>)> {
        let mut out: Vec<(Party, RuleKey, Vec<Code>)> = Vec::new();
        for (place, rows) in &self.places {
            if rows.len() > 1 {
                let grids = rows.iter().map(|(g, _)| g.clone()).collect();
                out.push((Party::Territorial, RuleKey::Place(place.clone()), grids));
            }
        }
        for (key, rules) in self.sector.overlapping_keys() {
            let bodies = rules.iter().map(|a| a.body.clone()).collect();
            out.push((Party::Sector, RuleKey::Industry(key), bodies));
        }
        for (flag, rules) in &self.specialist {
            if rules.len() > 1 {
                let bodies = rules.iter().map(|a| a.body.clone()).collect();
                out.push((Party::Specialist, RuleKey::Hazard(*flag), bodies));
            }
        }
        out.sort();
        out
    }
}
