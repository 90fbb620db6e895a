//! The reforms' work queue: every record an applied reform flagged for someone to
//! decide, read back from the audit entry the apply writes for each flag (the trail
//! already holds each flag with its reform and reason, so nothing is stored twice),
//! and whether it was handled since: a version of the record starting on or after
//! the reform's day, written by another change set.

use serde::Serialize;
use zonegov_domain::{Code, EntityKind, NaiveDate};
use zonegov_store::{AuditFilter, Store, StoreError, VersionQuery};

/// The audit action of one flag, written by [`crate::reform::apply`].
pub const FLAG_ACTION: &str = "reform.flag";
/// Flags read at most (newest first): years of monthly reforms.
const MAX_FLAGS: i64 = 5000;

/// One flagged record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QueueItem {
    pub reform: String,
    pub doc_no: String,
    pub effective: NaiveDate,
    pub kind: EntityKind,
    pub code: Code,
    pub name: String,
    pub reason: String,
    /// The change set that wrote a newer version of the record, if any.
    pub handled_by: Option<Code>,
}

/// Every flag of every applied reform, newest first.
pub async fn queue(store: &dyn Store) -> Result<Vec<QueueItem>, StoreError> {
    let entries = store
        .audit()
        .audit_entries(&AuditFilter {
            action_prefix: Some(FLAG_ACTION.into()),
            limit: MAX_FLAGS,
            ..AuditFilter::default()
        })
        .await?;
    let mut out = Vec::new();
    for e in entries
        .iter()
        .filter(|e| e.draft.action == FLAG_ACTION && e.draft.outcome == "ok")
    {
        let d = &e.draft.detail;
        let (Some(kind), Ok(code), Ok(effective)) = (
            EntityKind::parse(&text(d, "kind")),
            Code::parse(&text(d, "code")),
            text(d, "effective").parse::<NaiveDate>(),
        ) else {
            continue;
        };
        let reform = text(d, "reform");
        let handled_by = newer(store, kind, &code, effective, &reform).await?;
        out.push(QueueItem {
            doc_no: text(d, "doc_no"),
            name: text(d, "name"),
            reason: text(d, "reason"),
            reform,
            effective,
            kind,
            code,
            handled_by,
        });
    }
    Ok(out)
}

fn text(v: &serde_json::Value, field: &str) -> String {
    v.get(field)
        .and_then(|x| x.as_str())
        .unwrap_or_default()
        .to_owned()
}

/// The change set of a version of `code` starting on or after `day` that `reform`
/// did not write.
async fn newer(
    store: &dyn Store,
    kind: EntityKind,
    code: &Code,
    day: NaiveDate,
    reform: &str,
) -> Result<Option<Code>, StoreError> {
    let versions = store
        .records()
        .versions(&VersionQuery {
            code: Some(code),
            ..VersionQuery::all_of(kind)
        })
        .await?;
    Ok(versions
        .into_iter()
        .filter(|v| v.period.from() >= day && v.change.as_str() != reform)
        .map(|v| v.change)
        .next_back())
}
