use std::path::Path;
use zonegov_store::Store;

pub async fn run(store: &dyn Store, dir: &Path) -> anyhow::Result<()> {
    let actor = format!("cli:{}", super::admin::whoami());
    let summary = load_dir(store, dir, &actor).await?;
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

/// Reads, checks against what is stored, then writes in one transaction; then
/// records the load and moves users whose bodies the data abolished.
pub async fn load_dir(
    store: &dyn Store,
    dir: &Path,
    actor: &str,
) -> anyhow::Result<zonegov_store::LoadSummary> {
    Ok(zonegov_app::dataset::load_dir(store, dir, actor).await?)
}
