use std::path::Path;
use zonegov_domain::auth::AuditDraft;
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
    let dataset = zonegov_io::read_dataset(dir)?;
    zonegov_io::check_against(store.history_parts().await?, &dataset)?;
    let summary = store.load(&dataset.parts).await?;
    store
        .append_audit(&AuditDraft {
            actor: actor.to_owned(),
            ip: "local".into(),
            action: "dataset.load".into(),
            target: dir.display().to_string(),
            outcome: "ok".into(),
            detail: serde_json::json!({
                "title": dataset.manifest.title,
                "categories": summary.categories, "changes": summary.changes,
                "versions": summary.versions, "lineage": summary.lineage,
            }),
        })
        .await?;
    if let Some(history) = zonegov_store::history(store).await? {
        zonegov_web::auth::bootstrap::reconcile_users(store, &history, super::today()).await?;
    }
    Ok(summary)
}
