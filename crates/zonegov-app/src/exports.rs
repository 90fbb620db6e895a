//! Exports: every download is recorded in the audit trail (who, from where, what,
//! with which filter and how many rows) and then encoded for Excel.

use crate::audit::Recorder;
use zonegov_store::Store;

/// An export to record and encode.
pub struct Export<'a> {
    /// The audit action, e.g. `export.parks`.
    pub action: &'a str,
    /// What was exported, e.g. `parks`.
    pub target: &'a str,
    /// The filter and date it was made with, for the trail.
    pub filter: serde_json::Value,
    pub header: &'a [&'a str],
    pub rows: Vec<Vec<String>>,
}

/// Records the export, then returns its CSV bytes.
pub async fn csv(
    store: &dyn Store,
    actor: &str,
    ip: &str,
    e: Export<'_>,
) -> Result<Vec<u8>, csv::Error> {
    let mut detail = e.filter;
    if let Some(o) = detail.as_object_mut() {
        o.insert("rows".into(), e.rows.len().into());
    }
    Recorder::new(store, actor, ip)
        .ok(e.action, e.target, detail)
        .await;
    zonegov_io::csv_out::encode(e.header, e.rows)
}
