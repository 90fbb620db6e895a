//! Data scopes (数据权限) in the RuoYi sense, plus "own park". A scope resolves, for
//! one user on one day, to the set of institutions and parks the user may see; the
//! store applies that set in its queries.

use crate::code::Code;
use crate::history::ZoneHistory;
use crate::record::ScopeAxis;
use crate::version::EntityKind;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "bodies", rename_all = "snake_case")]
pub enum DataScope {
    /// 全部数据
    All,
    /// 自定义: these bodies (and the parks they manage).
    Custom(BTreeSet<Code>),
    /// 本部门
    OwnBody,
    /// 本部门及以下
    OwnBodyAndBelow,
    /// 本园区
    OwnPark,
    /// 仅本人: records the user wrote.
    OwnRecords,
}

impl DataScope {
    pub fn code(&self) -> &'static str {
        match self {
            DataScope::All => "all",
            DataScope::Custom(_) => "custom",
            DataScope::OwnBody => "own_body",
            DataScope::OwnBodyAndBelow => "own_body_and_below",
            DataScope::OwnPark => "own_park",
            DataScope::OwnRecords => "own_records",
        }
    }

    pub fn label(&self, lang: crate::Lang) -> &'static str {
        match self {
            DataScope::All => lang.pick("全部数据", "All data"),
            DataScope::Custom(_) => lang.pick("自定义数据", "Chosen bodies"),
            DataScope::OwnBody => lang.pick("本部门数据", "Own body"),
            DataScope::OwnBodyAndBelow => lang.pick("本部门及以下数据", "Own body and below"),
            DataScope::OwnPark => lang.pick("本园区数据", "Own park"),
            DataScope::OwnRecords => lang.pick("仅本人数据", "Own records only"),
        }
    }

    pub fn parse(code: &str, custom: BTreeSet<Code>) -> Option<Self> {
        Some(match code {
            "all" => DataScope::All,
            "custom" => DataScope::Custom(custom),
            "own_body" => DataScope::OwnBody,
            "own_body_and_below" => DataScope::OwnBodyAndBelow,
            "own_park" => DataScope::OwnPark,
            "own_records" => DataScope::OwnRecords,
            _ => return None,
        })
    }
}

/// What one user may see: `None` means everything.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Visible {
    pub institutions: Option<BTreeSet<Code>>,
    pub parks: Option<BTreeSet<Code>>,
}

impl Visible {
    pub fn everything() -> Self {
        Self {
            institutions: None,
            parks: None,
        }
    }

    pub fn institution(&self, code: &Code) -> bool {
        self.institutions.as_ref().is_none_or(|s| s.contains(code))
    }

    pub fn park(&self, code: &Code) -> bool {
        self.parks.as_ref().is_none_or(|s| s.contains(code))
    }

    /// The set that filters `kind` (`None`: all of it), per the kind's scope axis.
    pub fn set_for(&self, kind: EntityKind) -> Option<&BTreeSet<Code>> {
        match crate::kinds::spec(kind).and_then(|s| s.scope) {
            Some(ScopeAxis::Institutions) => self.institutions.as_ref(),
            Some(ScopeAxis::Parks) => self.parks.as_ref(),
            None => None,
        }
    }

    /// Whether a record of `kind` is visible.
    pub fn allows(&self, kind: EntityKind, code: &Code) -> bool {
        self.set_for(kind).is_none_or(|s| s.contains(code))
    }

    /// Whether the user sees every record (a zone-wide figure is then no leak).
    pub fn is_everything(&self) -> bool {
        self.institutions.is_none() && self.parks.is_none()
    }

    fn union(self, other: Visible) -> Visible {
        let join = |a: Option<BTreeSet<Code>>, b: Option<BTreeSet<Code>>| match (a, b) {
            (Some(mut a), Some(b)) => {
                a.extend(b);
                Some(a)
            }
            _ => None,
        };
        Visible {
            institutions: join(self.institutions, other.institutions),
            parks: join(self.parks, other.parks),
        }
    }
}

/// Who the scope is resolved for.
pub struct Subject<'a> {
    pub username: &'a str,
    pub institution: &'a Code,
    pub park: Option<&'a Code>,
}

/// Resolves the union of a user's role scopes on `day` (roles combine with OR, as in
/// RuoYi). A user with no role sees nothing.
pub fn resolve(
    scopes: &[DataScope],
    who: &Subject,
    history: &ZoneHistory,
    day: NaiveDate,
) -> Visible {
    scopes
        .iter()
        .map(|s| resolve_one(s, who, history, day))
        .reduce(Visible::union)
        .unwrap_or(Visible {
            institutions: Some(BTreeSet::new()),
            parks: Some(BTreeSet::new()),
        })
}

fn resolve_one(scope: &DataScope, who: &Subject, h: &ZoneHistory, day: NaiveDate) -> Visible {
    let bodies: BTreeSet<Code> = match scope {
        DataScope::All => return Visible::everything(),
        DataScope::Custom(set) => set.clone(),
        DataScope::OwnBody => BTreeSet::from([who.institution.clone()]),
        DataScope::OwnBodyAndBelow => descendants(h, who.institution, day),
        DataScope::OwnPark => {
            let parks: BTreeSet<Code> = who.park.into_iter().cloned().collect();
            return Visible {
                institutions: Some(BTreeSet::new()),
                parks: Some(parks),
            };
        }
        DataScope::OwnRecords => {
            let mine: BTreeSet<&Code> = h
                .changes
                .iter()
                .filter(|c| c.actor == who.username)
                .map(|c| &c.id)
                .collect();
            let institutions = h
                .institutions()
                .all()
                .filter(|v| mine.contains(&v.change))
                .map(|v| v.code.clone())
                .collect();
            let parks = h
                .parks()
                .all()
                .filter(|v| mine.contains(&v.change))
                .map(|v| v.code.clone())
                .collect();
            return Visible {
                institutions: Some(institutions),
                parks: Some(parks),
            };
        }
    };
    let parks = h
        .parks()
        .snapshot(day)
        .filter(|p| {
            p.attrs
                .managing_body
                .as_ref()
                .is_some_and(|b| bodies.contains(b))
        })
        .map(|p| p.code.clone())
        .collect();
    Visible {
        institutions: Some(bodies),
        parks: Some(parks),
    }
}

/// A body and every body below it on `day`.
fn descendants(h: &ZoneHistory, root: &Code, day: NaiveDate) -> BTreeSet<Code> {
    let snapshot: Vec<_> = h.institutions().snapshot(day).collect();
    let mut out = BTreeSet::from([root.clone()]);
    loop {
        let before = out.len();
        for v in &snapshot {
            if v.attrs.parent.as_ref().is_some_and(|p| out.contains(p)) {
                out.insert(v.code.clone());
            }
        }
        if out.len() == before {
            return out;
        }
    }
}
