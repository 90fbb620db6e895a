use crate::cli::AuditCommand;
use zonegov_domain::auth::audit::verify;
use zonegov_store::Store;

pub async fn run(store: &dyn Store, command: AuditCommand) -> anyhow::Result<()> {
    let AuditCommand::Verify = command;
    let entries = store.audit().audit_chain().await?;
    let anchors = store.audit().audit_anchors().await?;
    match verify(&entries, &anchors) {
        Ok(n) => {
            println!(
                "audit chain intact: {n} entries (from #{} to #{})",
                anchors.checkpoint.0 + 1,
                anchors.head.0
            );
            Ok(())
        }
        Err(e) => anyhow::bail!("audit chain BROKEN at {e}"),
    }
}
