use super::SharedStore;
use anyhow::Context;

pub async fn run(store: SharedStore, bind: &str, demo: bool) -> anyhow::Result<()> {
    if demo {
        if store.zone().await?.is_none() {
            let dir = tempfile_dir()?;
            crate::demo::write_to(dir.path())?;
            let s = super::load::load_dir(store.as_ref(), dir.path()).await?;
            tracing::info!(
                versions = s.versions,
                "loaded the demo zone (演示数据: records marked illustrative are not facts)"
            );
        } else {
            tracing::info!("the database already holds a zone; --demo loads nothing");
        }
    }
    let listener = tokio::net::TcpListener::bind(bind)
        .await
        .with_context(|| format!("cannot listen on {bind}"))?;
    let addr = listener.local_addr()?;
    println!("zonegov listening on http://{addr}/");
    zonegov_web::serve(listener, store).await?;
    Ok(())
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
