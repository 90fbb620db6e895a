//! The pool and its loans as records of the generic path. A pool version is a
//! decision (its size from its start); a loan's versions span the days it holds a
//! quota (a return ends the last version), so "held on day D" is the as-of lookup.
//! The rule across both kinds — the pool is never overdrawn — is checked whenever a
//! history is built, by replaying the records through the [`Ledger`].

use super::{Ledger, QuotaError};
use crate::auth::{Perm, RecordPerms};
use crate::code::Code;
use crate::lang::Name;
use crate::provenance::Provenance;
use crate::record::{FieldProblem, Record, Reference, TimelineSet, VersionKey};
use crate::timeline::Timeline;
use crate::version::EntityKind;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Listing the pool and loans (the quota page and the menu name it).
pub const QUOTA_LIST: Perm = Perm::new("talent:quota:list");

const PERMS: RecordPerms = RecordPerms {
    list: QUOTA_LIST,
    view: Perm::new("talent:quota:view"),
    export: Perm::new("talent:quota:export"),
};

/// 高层次人才周转编制池: its size, set by a decision (the version's change set).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QuotaPool {
    pub name: Name,
    pub size: u32,
    pub provenance: Provenance,
}

impl Record for QuotaPool {
    const KIND: EntityKind = EntityKind::new("quota_pool");
    const PLURAL: &'static str = "quota-pools";
    const LABEL_ZH: &'static str = "周转编制池";
    const LABEL_EN: &'static str = "Revolving quota pools";
    const PERMS: RecordPerms = PERMS;

    fn name(&self) -> &Name {
        &self.name
    }

    fn provenance(&self) -> &Provenance {
        &self.provenance
    }

    fn weight(&self) -> u32 {
        self.size
    }
}

/// One quota lent to a body for a named talent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QuotaLoan {
    pub name: Name,
    pub body: Code,
    pub talent: Code,
    pub term_end: NaiveDate,
    pub provenance: Provenance,
}

impl Record for QuotaLoan {
    const KIND: EntityKind = EntityKind::new("quota_loan");
    const PLURAL: &'static str = "quota-loans";
    const LABEL_ZH: &'static str = "周转编制借用";
    const LABEL_EN: &'static str = "Revolving quota loans";
    const PERMS: RecordPerms = PERMS;

    fn name(&self) -> &Name {
        &self.name
    }

    fn provenance(&self) -> &Provenance {
        &self.provenance
    }

    /// A loan follows its borrowing body through a merge or rename: the talent
    /// and the quota go with the body's staff.
    fn repoint(&mut self, kind: EntityKind, from: &Code, to: &Code) -> Option<Vec<&'static str>> {
        let moved = kind == crate::Institution::KIND
            && crate::record::repoint_slot(&mut self.body, from, to);
        Some(if moved { vec!["body"] } else { Vec::new() })
    }

    fn references(&self) -> Vec<Reference<'_>> {
        vec![
            Reference {
                field: "body",
                kind: crate::Institution::KIND,
                code: &self.body,
            },
            Reference {
                field: "talent",
                kind: crate::talent::Talent::KIND,
                code: &self.talent,
            },
        ]
    }

    fn check_across(t: &Timeline<Self>, all: &TimelineSet) -> Vec<(VersionKey, FieldProblem)> {
        match ledger_of(all.get::<QuotaPool>(), t) {
            Ok(_) => Vec::new(),
            Err((key, e)) => vec![(key, ("valid_from", e.to_string()))],
        }
    }
}

/// The ledger the records describe: decisions first, then loans in the order they
/// were made, then returns; the first refused step names its version.
pub fn ledger_of(
    pools: Option<&Timeline<QuotaPool>>,
    loans: &Timeline<QuotaLoan>,
) -> Result<Ledger, (VersionKey, QuotaError)> {
    let mut ledger = Ledger::default();
    let mut sizes: std::collections::BTreeMap<NaiveDate, u32> = Default::default();
    if let Some(pools) = pools {
        for day in pools.boundaries() {
            sizes.insert(day, pools.snapshot(day).map(|v| v.attrs.size).sum());
        }
    }
    // With no loan yet a decision cannot overdraw, so none is refused here; an
    // overdraft a decision causes is found when the loans are replayed against it.
    for (day, size) in sizes {
        let _ = ledger.decide(day, size);
    }
    let mut spans: Vec<(VersionKey, NaiveDate, Option<NaiveDate>, NaiveDate)> = loans
        .codes()
        .filter_map(|code| {
            let versions = loans.versions(code);
            let first = versions.first()?;
            let last = versions.last()?;
            Some((
                (code.clone(), first.period.from()),
                first.period.from(),
                last.period.to(),
                last.attrs.term_end,
            ))
        })
        .collect();
    spans.sort_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(&b.0)));
    for (key, from, to, term_end) in spans {
        ledger
            .lend(key.0.clone(), from, term_end)
            .map_err(|e| (key.clone(), e))?;
        if let Some(to) = to {
            ledger.give_back(&key.0, to).map_err(|e| (key.clone(), e))?;
        }
    }
    Ok(ledger)
}
