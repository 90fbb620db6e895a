use std::path::Path;
use zonegov_store::Store;

pub async fn run(store: &dyn Store, dir: &Path) -> anyhow::Result<()> {
    let summary = load_dir(store, dir).await?;
    println!(
        "loaded {}: {} categories, {} change sets, {} versions, {} lineage links",
        dir.display(),
        summary.categories,
        summary.changes,
        summary.versions,
        summary.lineage
    );
    Ok(())
}

/// Reads, checks against what is stored, then writes in one transaction.
pub async fn load_dir(store: &dyn Store, dir: &Path) -> anyhow::Result<zonegov_store::LoadSummary> {
    let dataset = zonegov_io::read_dataset(dir)?;
    zonegov_io::check_against(store.history_parts().await?, &dataset)?;
    Ok(store.load(&dataset.parts).await?)
}
