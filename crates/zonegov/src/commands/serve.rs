use super::SharedStore;
use anyhow::{Context, anyhow};
use zonegov_app::accounts::{
    UserSpec, create_user, demo_accounts, reconcile_users, seed_roles, top_body,
};
use zonegov_domain::Code;
use zonegov_store::Store;
use zonegov_web::auth::Security;

pub async fn run(
    store: SharedStore,
    bind: &str,
    demo: bool,
    security: Security,
) -> anyhow::Result<()> {
    // The demo's 2024 list adjustments are replayed through the procedure once the
    // demo accounts that take their steps exist.
    let mut replay = None;
    if demo {
        if !store.records().has_zone().await? {
            let dir = tempfile_dir()?;
            crate::demo::write_to(dir.path())?;
            let s = super::load::load_dir(store.as_ref(), dir.path(), "serve --demo").await?;
            tracing::info!(
                versions = s.versions,
                "loaded the demo zone (演示数据: records marked illustrative are not facts)"
            );
            replay = Some(dir);
        } else {
            tracing::info!("the database already holds a zone; --demo loads nothing");
        }
    }
    seed_roles(store.as_ref()).await?;
    first_admin_from_env(store.as_ref(), &security).await?;
    if demo {
        let accounts = demo_accounts(store.as_ref()).await?;
        if !accounts.is_empty() {
            println!("==== DEMO ONLY / 仅供演示: accounts with random passwords, shown once ====");
            for (name, pw) in &accounts {
                println!("  {name}  {pw}");
            }
            println!("=========================================================================");
        }
    }
    if let Some(dir) = replay {
        let file = dir.path().join("power_adjustments.toml");
        let done = zonegov_app::power::adjust::replay_demo(store.as_ref(), &file).await?;
        tracing::info!(
            adjustments = done.len(),
            "replayed the demo's list adjustments"
        );
    }
    if store.accounts().user_count().await? == 0 {
        println!(
            "no account exists yet: run `zonegov admin create --username NAME`, or set ZONEGOV_ADMIN_USER and ZONEGOV_ADMIN_PASSWORD"
        );
    }
    if let Some(history) = zonegov_store::history(store.as_ref()).await? {
        reconcile_users(store.as_ref(), &history, super::today()).await?;
    }
    spawn_retention(
        store.clone(),
        security.audit_retention_days,
        security.login.idle_timeout,
    );
    let listener = tokio::net::TcpListener::bind(bind)
        .await
        .with_context(|| format!("cannot listen on {bind}"))?;
    let addr = listener.local_addr()?;
    println!("zonegov listening on http://{addr}/");
    zonegov_web::serve(listener, store, security).await?;
    Ok(())
}

/// The first administrator may come from the environment at first start; the
/// password must pass the policy, and there is no default.
async fn first_admin_from_env(store: &dyn Store, security: &Security) -> anyhow::Result<()> {
    let (Ok(user), Ok(pw)) = (
        std::env::var("ZONEGOV_ADMIN_USER"),
        std::env::var("ZONEGOV_ADMIN_PASSWORD"),
    ) else {
        return Ok(());
    };
    if store.accounts().user_count().await? > 0 {
        return Ok(());
    }
    let institution = match std::env::var("ZONEGOV_ADMIN_INSTITUTION") {
        Ok(c) => Code::parse(&c)?,
        Err(_) => {
            let history = super::require_history(store).await?;
            top_body(&history)
                .ok_or_else(|| anyhow!("set ZONEGOV_ADMIN_INSTITUTION: the zone has no top body"))?
        }
    };
    let spec = UserSpec {
        username: &user,
        display_name: "系统管理员",
        password: &pw,
        institution,
        park: None,
        roles: vec![Code::parse("admin")?],
        must_change_password: false,
    };
    create_user(
        store,
        &security.password,
        spec,
        "env:ZONEGOV_ADMIN_USER",
        "local",
    )
    .await
    .context("creating the administrator from ZONEGOV_ADMIN_USER / ZONEGOV_ADMIN_PASSWORD")?;
    tracing::info!(user, "created the first administrator from the environment");
    Ok(())
}

/// Purges audit entries past retention (keeping a checkpoint) and abandoned
/// sessions, now and then daily.
fn spawn_retention(store: SharedStore, days: u32, idle: chrono::Duration) {
    tokio::spawn(async move {
        loop {
            if let Err(e) = store
                .accounts()
                .purge_sessions(chrono::Utc::now() - idle)
                .await
            {
                tracing::error!(error = %e, "session purge failed");
            }
            let cutoff = chrono::Utc::now() - chrono::Duration::days(i64::from(days));
            match store.audit().purge_audit(cutoff).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(n, days, "purged audit entries past retention"),
                Err(e) => tracing::error!(error = %e, "audit retention purge failed"),
            }
            tokio::time::sleep(std::time::Duration::from_secs(24 * 3600)).await;
        }
    });
}

fn tempfile_dir() -> anyhow::Result<TempDir> {
    let path = std::env::temp_dir().join(format!("zonegov-demo-{}", std::process::id()));
    std::fs::create_dir_all(&path)?;
    Ok(TempDir(path))
}

/// A directory removed when dropped.
struct TempDir(std::path::PathBuf);

impl TempDir {
    fn path(&self) -> &std::path::Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
