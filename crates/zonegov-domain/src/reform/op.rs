//! Reforms as data: a decision (文号, effective date, reason) and its ordered
//! operations. Nothing here deletes history: every operation ends versions and
//! writes new ones from the effective date, so an undo is a compensating reform and
//! a correction a further change.

use crate::change::ChangeSet;
use crate::code::Code;
use crate::institution::{Institution, QuotaType};
use crate::lang::Name;
use crate::lineage::Relation;
use crate::park::{Park, ParkKind};
use crate::provenance::Provenance;
use crate::record::Record;
use crate::version::EntityKind;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// What a structural operation applies to: the two kinds a reform restructures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Target {
    Institution,
    Park,
}

impl Target {
    pub fn kind(self) -> EntityKind {
        match self {
            Target::Institution => Institution::KIND,
            Target::Park => Park::KIND,
        }
    }
}

/// One dependent record, by kind and code (a power item, a boundary item …).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ItemRef {
    pub kind: EntityKind,
    pub code: Code,
}

/// Where a split sends one dependent of the body or park it splits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assign {
    pub item: ItemRef,
    pub to: Code,
}

fn merged_into() -> Relation {
    Relation::MergedInto
}

/// One step of a reform. Operations run in order on the state of the effective
/// day; a later one sees what the earlier ones made (merge into a body created
/// just before).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum Operation {
    /// 新设机构. Its quotas come from quota moves or decisions, never from here:
    /// the ledger refuses a body created with quota.
    CreateBody { code: Code, body: Institution },
    /// 新设园区.
    CreatePark { code: Code, park: Park },
    /// 撤销: the record ends. Whatever depends on it must have been moved by an
    /// earlier operation, or the reform is refused naming it.
    Abolish { target: Target, code: Code },
    /// 更名, keeping the code (so references need not move).
    Rename {
        target: Target,
        code: Code,
        name: Name,
    },
    /// 合并 N → 1: the predecessors end; their quotas, dependents and users pass to
    /// `into`, which exists or was created earlier in the reform.
    Merge {
        target: Target,
        from: Vec<Code>,
        into: Code,
        #[serde(default = "merged_into")]
        relation: Relation,
        #[serde(default)]
        link_provenance: Option<Provenance>,
    },
    /// 拆分 1 → N: `into` (created earlier in the reform) are split off `from`,
    /// which ends when `ends`. Dependents named in `assign` move; the others stay
    /// with `from` and are flagged, or — when `from` ends — refuse the reform.
    Split {
        target: Target,
        from: Code,
        into: Vec<Code>,
        #[serde(default)]
        ends: bool,
        #[serde(default)]
        assign: Vec<Assign>,
        #[serde(default)]
        link_provenance: Option<Provenance>,
    },
    /// 加挂牌子.
    AddPlate { code: Code, plate: Name },
    /// 摘牌: the plate named (in Chinese) is removed.
    RemovePlate { code: Code, plate: String },
    /// 职能划转: the named list items and boundary duties move from one body to another.
    TransferFunctions {
        from: Code,
        to: Code,
        items: Vec<ItemRef>,
    },
    /// 编制划转: quota moves between bodies; the zone's total is unchanged.
    QuotaMove {
        from: Code,
        to: Code,
        quota: QuotaType,
        amount: u32,
    },
    /// 核增 (positive) or 核减 (negative) by a recorded decision: the only way the
    /// zone's total quota changes.
    QuotaDecision {
        code: Code,
        quota: QuotaType,
        delta: i64,
        doc_no: String,
    },
    /// A park's kind (专业/功能/属地).
    Retype { code: Code, park_kind: ParkKind },
    /// A park's outline (GeoJSON, checked by the reader), or none.
    Redraw {
        code: Code,
        #[serde(default)]
        boundary: Option<serde_json::Value>,
    },
    /// The managing body of a park.
    Manage { code: Code, body: Option<Code> },
    /// Ends a dependent record of another kind on the day (the grid of a park merged
    /// into one that has its own), so nothing claims the successor twice.
    EndRecord { item: ItemRef },
    /// The phone and address published for a body or park (none: withdrawn).
    Recontact {
        target: Target,
        code: Code,
        #[serde(default)]
        contact: Option<crate::contact::Contact>,
    },
    /// What the new version of a record rests on (its source, basis and facts).
    Restate {
        target: Target,
        code: Code,
        provenance: Provenance,
    },
}

impl Operation {
    /// The operation's name as files and permissions write it (`merge`, `quota_move`).
    pub fn name(&self) -> &'static str {
        match self {
            Operation::CreateBody { .. } => "create_body",
            Operation::CreatePark { .. } => "create_park",
            Operation::Abolish { .. } => "abolish",
            Operation::Rename { .. } => "rename",
            Operation::Merge { .. } => "merge",
            Operation::Split { .. } => "split",
            Operation::AddPlate { .. } => "add_plate",
            Operation::RemovePlate { .. } => "remove_plate",
            Operation::TransferFunctions { .. } => "transfer_functions",
            Operation::QuotaMove { .. } => "quota_move",
            Operation::QuotaDecision { .. } => "quota_decision",
            Operation::Retype { .. } => "retype",
            Operation::Redraw { .. } => "redraw",
            Operation::Manage { .. } => "manage",
            Operation::EndRecord { .. } => "end_record",
            Operation::Recontact { .. } => "recontact",
            Operation::Restate { .. } => "restate",
        }
    }

    /// Which family of permission guards it (see `auth::permission`).
    pub fn family(&self) -> Family {
        match self {
            Operation::QuotaMove { .. } | Operation::QuotaDecision { .. } => Family::Quota,
            Operation::EndRecord { .. } => Family::Park,
            Operation::CreatePark { .. }
            | Operation::Retype { .. }
            | Operation::Redraw { .. }
            | Operation::Manage { .. } => Family::Park,
            Operation::Abolish { target, .. }
            | Operation::Rename { target, .. }
            | Operation::Merge { target, .. }
            | Operation::Split { target, .. }
            | Operation::Recontact { target, .. }
            | Operation::Restate { target, .. } => match target {
                Target::Institution => Family::Org,
                Target::Park => Family::Park,
            },
            Operation::CreateBody { .. }
            | Operation::AddPlate { .. }
            | Operation::RemovePlate { .. }
            | Operation::TransferFunctions { .. } => Family::Org,
        }
    }
}

impl Family {
    /// The permission that guards the family.
    pub fn perm(self) -> crate::auth::Perm {
        use crate::auth::permission::{REFORM_ORG_APPLY, REFORM_PARK_APPLY, REFORM_QUOTA_APPLY};
        match self {
            Family::Org => REFORM_ORG_APPLY,
            Family::Park => REFORM_PARK_APPLY,
            Family::Quota => REFORM_QUOTA_APPLY,
        }
    }
}

/// Operation families, each guarded by its own permission.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Family {
    /// Institutions: create, abolish, rename, merge, split, plates, functions.
    Org,
    /// Parks: create, merge, split, re-type, rename, redraw, managing body.
    Park,
    /// Quotas: moves and decisions.
    Quota,
}

/// A reform: one decision and its operations, written as one change set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reform {
    /// The change set's id.
    pub id: Code,
    pub effective: NaiveDate,
    /// 文号.
    pub doc_no: String,
    pub reason: Name,
    /// What the decision itself rests on.
    #[serde(default)]
    pub provenance: Provenance,
    /// What the lineage links rest on, unless an operation states its own.
    #[serde(default)]
    pub lineage_provenance: Provenance,
    pub operations: Vec<Operation>,
}

impl Reform {
    /// The change set the reform is written under.
    pub fn change_set(&self, actor: &str) -> ChangeSet {
        ChangeSet {
            id: self.id.clone(),
            effective: self.effective,
            doc_no: self.doc_no.clone(),
            reason: self.reason.clone(),
            actor: actor.to_owned(),
            recorded_at: None,
            provenance: self.provenance.clone(),
        }
    }

    /// Whether any operation ends, splits or moves records others depend on (so
    /// the dependents of every kind must be read to plan it).
    pub fn moves_dependents(&self) -> bool {
        self.operations.iter().any(|o| {
            matches!(
                o,
                Operation::Abolish { .. }
                    | Operation::Merge { .. }
                    | Operation::Split { .. }
                    | Operation::TransferFunctions { .. }
                    | Operation::EndRecord { .. }
            )
        })
    }

    /// The permission families its operations need.
    pub fn families(&self) -> std::collections::BTreeSet<Family> {
        self.operations.iter().map(Operation::family).collect()
    }
}
