//! Loading a dataset into a store: read and check it, check it against what the
//! store holds, write it in one transaction, audit the load, then move users whose
//! bodies it abolished. Callable from the CLI (`zonegov load`), from `serve --demo`
//! and from a web upload (which writes the uploaded files to a directory first).

use crate::audit::Recorder;
use std::path::Path;
use zonegov_io::{Dataset, DatasetErrors};
use zonegov_store::{LoadSummary, Store, StoreError};

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The dataset itself is wrong; every problem is named by file, line and field.
    #[error("{0}")]
    Invalid(#[from] DatasetErrors),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Reads the dataset in `dir` and imports it (see [`import`]).
pub async fn load_dir(
    store: &dyn Store,
    dir: &Path,
    actor: &str,
) -> Result<LoadSummary, ImportError> {
    let dataset = zonegov_io::read_dataset(dir)?;
    import(store, &dataset, actor, chrono::Local::now().date_naive()).await
}

/// Checks `dataset` against the stored history, writes it in one transaction (all
/// of it or nothing), records the load in the audit trail, and reconciles users
/// whose body it abolished as of `today`. A rejected dataset writes nothing at all,
/// not even an audit entry, so the database is byte-identical afterwards.
pub async fn import(
    store: &dyn Store,
    dataset: &Dataset,
    actor: &str,
    today: zonegov_domain::NaiveDate,
) -> Result<LoadSummary, ImportError> {
    let records = store.records();
    zonegov_io::check_against(records.history_parts().await?, dataset)?;
    crate::staffing::check_cited_items(store, dataset)
        .await
        .map_err(|e| match e {
            crate::staffing::CitationError::Invalid(e) => ImportError::Invalid(e),
            crate::staffing::CitationError::Store(e) => ImportError::Store(e),
        })?;
    // The change sets are recorded as the importer's: that is whose records they
    // are (`DataScope::OwnRecords`) and who answers for them.
    let mut parts = dataset.parts.clone();
    for c in &mut parts.changes {
        c.actor = actor.to_owned();
    }
    let summary = records.load(&parts).await?;
    Recorder::new(store, actor, "local")
        .ok(
            "dataset.load",
            &dataset.dir.display().to_string(),
            serde_json::json!({
                "title": dataset.manifest.title,
                "categories": summary.categories, "changes": summary.changes,
                "versions": summary.versions, "lineage": summary.lineage,
            }),
        )
        .await;
    if let Some(history) = zonegov_store::history(store).await? {
        crate::accounts::reconcile_users(store, &history, today).await?;
    }
    Ok(summary)
}
