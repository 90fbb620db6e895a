//! The reforms' work queue: every record an applied reform flagged for someone to
//! decide, read back from the apply's audit entries (the one place that already
//! holds each flag with its reform and reason, so nothing is stored twice), and
//! whether it was handled since: a version of the record written after the reform
//! by another change set.

use serde::Serialize;
use zonegov_domain::{Code, EntityKind, NaiveDate};
use zonegov_store::{AuditFilter, Store, StoreError, VersionQuery};

/// Apply entries read at most (newest first): years of monthly reforms.
const MAX_REFORMS: i64 = 1000;

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

/// Every flag of every applied reform, newest reform first.
pub async fn queue(store: &dyn Store) -> Result<Vec<QueueItem>, StoreError> {
    let entries = store
        .audit()
        .audit_entries(&AuditFilter {
            action_prefix: Some("reform.apply".into()),
            limit: MAX_REFORMS,
            ..AuditFilter::default()
        })
        .await?;
    let mut out = Vec::new();
    for e in entries
        .iter()
        .filter(|e| e.draft.action == "reform.apply" && e.draft.outcome == "ok")
    {
        let d = &e.draft.detail;
        let reform = e
            .draft
            .target
            .strip_prefix("reform:")
            .unwrap_or(&e.draft.target)
            .to_owned();
        let Some(effective) = d
            .get("effective")
            .and_then(|v| v.as_str())
            .and_then(|s| s.parse::<NaiveDate>().ok())
        else {
            continue;
        };
        let doc_no = text(d, "doc_no");
        let flags = d.get("flagged").and_then(|f| f.as_array());
        for f in flags.into_iter().flatten() {
            let (Some(kind), Ok(code)) = (
                EntityKind::parse(&text(f, "kind")),
                Code::parse(&text(f, "code")),
            ) else {
                // Entries written before flags carried their reason hold only text.
                continue;
            };
            let handled_by = newer(store, kind, &code, effective, &reform).await?;
            out.push(QueueItem {
                reform: reform.clone(),
                doc_no: doc_no.clone(),
                effective,
                kind,
                code,
                name: text(f, "name"),
                reason: text(f, "reason"),
                handled_by,
            });
        }
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
