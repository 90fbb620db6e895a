//! The registry of record kinds: the one place a new kind is added. Everything
//! generic (history checks, the store, dataset tables, pages) walks this list.

use crate::auth::RecordPerms;
use crate::boundary::BoundaryItem;
use crate::counterpart::Counterpart;
use crate::enterprise::Enterprise;
use crate::institution::Institution;
use crate::park::Park;
use crate::power::PowerItem;
use crate::project::{ChainNode, Project};
use crate::quota::{QuotaLoan, QuotaPool};
use crate::record::{AnyVersions, Record, ScopeAxis};
use crate::safety::{SafetyGrid, SafetyRule};
use crate::staffing::Staffing;
use crate::talent::{Platform, Talent};
use crate::version::{EntityKind, Version};

/// What generic code needs to know of a kind without its type.
#[derive(Debug, Clone, Copy)]
pub struct KindSpec {
    pub kind: EntityKind,
    pub plural: &'static str,
    pub label_zh: &'static str,
    pub label_en: &'static str,
    pub scope: Option<ScopeAxis>,
    pub perms: RecordPerms,
    /// Held in the in-memory history ([`Record::RESIDENT`]).
    pub resident: bool,
    /// An empty list of this kind's versions.
    pub empty: fn() -> Box<dyn AnyVersions>,
}

fn empty<R: Record>() -> Box<dyn AnyVersions> {
    Box::new(Vec::<Version<R>>::new())
}

impl KindSpec {
    pub const fn of<R: Record>() -> Self {
        KindSpec {
            kind: R::KIND,
            plural: R::PLURAL,
            label_zh: R::LABEL_ZH,
            label_en: R::LABEL_EN,
            scope: R::SCOPE,
            perms: R::PERMS,
            resident: R::RESIDENT,
            empty: empty::<R>,
        }
    }

    pub fn label(&self, lang: crate::Lang) -> &'static str {
        lang.pick(self.label_zh, self.label_en)
    }
}

/// Every kind, in the order they are checked, loaded and listed.
pub static KINDS: &[KindSpec] = &[
    KindSpec::of::<Park>(),
    KindSpec::of::<Institution>(),
    KindSpec::of::<Counterpart>(),
    KindSpec::of::<PowerItem>(),
    KindSpec::of::<BoundaryItem>(),
    KindSpec::of::<SafetyGrid>(),
    KindSpec::of::<SafetyRule>(),
    KindSpec::of::<Enterprise>(),
    KindSpec::of::<Staffing>(),
    KindSpec::of::<ChainNode>(),
    KindSpec::of::<Project>(),
    KindSpec::of::<Platform>(),
    KindSpec::of::<Talent>(),
    KindSpec::of::<QuotaPool>(),
    KindSpec::of::<QuotaLoan>(),
];

pub fn spec(kind: EntityKind) -> Option<&'static KindSpec> {
    KINDS.iter().find(|s| s.kind == kind)
}

/// By kind code (`park`) or plural (`parks`).
pub fn spec_of(code: &str) -> Option<&'static KindSpec> {
    KINDS
        .iter()
        .find(|s| s.kind.code() == code || s.plural == code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_and_plurals_are_unique_and_parse_back() {
        for s in KINDS {
            assert_eq!(EntityKind::parse(s.kind.code()), Some(s.kind));
            assert_eq!(EntityKind::parse(s.plural), Some(s.kind));
            assert_eq!(KINDS.iter().filter(|o| o.plural == s.plural).count(), 1);
            assert_eq!((s.empty)().kind(), s.kind);
        }
        assert_eq!(EntityKind::parse("projectz"), None);
    }
}
