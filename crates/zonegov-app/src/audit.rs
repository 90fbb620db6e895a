//! The audit recorder: who acts and from where, and what happened. Every use case
//! and every front end writes the trail through this one type.

use zonegov_domain::auth::AuditDraft;
use zonegov_store::Store;

/// Who acts and from where: all an audit entry needs besides what happened. A
/// failure to record is logged loudly but does not turn a read into an error page.
pub struct Recorder<'a> {
    store: &'a dyn Store,
    actor: &'a str,
    ip: &'a str,
}

impl<'a> Recorder<'a> {
    pub fn new(store: &'a dyn Store, actor: &'a str, ip: &'a str) -> Self {
        Self { store, actor, ip }
    }

    pub async fn ok(&self, action: &str, target: &str, detail: serde_json::Value) {
        self.record(action, target, "ok", detail).await
    }

    pub async fn failed(&self, action: &str, target: &str, detail: serde_json::Value) {
        self.record(action, target, "failed", detail).await
    }

    pub async fn denied(&self, action: &str, target: &str, detail: serde_json::Value) {
        self.record(action, target, "denied", detail).await
    }

    async fn record(&self, action: &str, target: &str, outcome: &str, detail: serde_json::Value) {
        let draft = AuditDraft {
            actor: self.actor.to_owned(),
            ip: self.ip.to_owned(),
            action: action.to_owned(),
            target: target.to_owned(),
            outcome: outcome.to_owned(),
            detail,
        };
        // The store bounds every field (`AuditDraft::bounded`) before hashing.
        if let Err(e) = self.store.audit().append_audit(&draft).await {
            tracing::error!(error = %e, action, "AUDIT WRITE FAILED");
        }
    }
}
