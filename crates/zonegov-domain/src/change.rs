//! Change records: the only way anything is written. History is never rewritten;
//! a correction is a further change set.

use crate::code::Code;
use crate::lang::Name;
use crate::provenance::Provenance;
use crate::version::EntityKind;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// One decision (a reform document, a correction, a data load) and its metadata.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChangeSet {
    pub id: Code,
    /// The date the decision takes effect.
    pub effective: NaiveDate,
    /// 文号: the document number of the decision.
    pub doc_no: String,
    pub reason: Name,
    /// Who recorded it (a user name, or `load:<dir>` for a dataset load).
    pub actor: String,
    /// When it was recorded (transaction time), set by the store.
    pub recorded_at: Option<DateTime<Utc>>,
    pub provenance: Provenance,
}

/// What one change set did to one entity: its versions before and after, as JSON.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChangeItem {
    pub change: Code,
    pub kind: EntityKind,
    pub code: Code,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Object>))]
    pub before: Option<serde_json::Value>,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Object>))]
    pub after: Option<serde_json::Value>,
}
