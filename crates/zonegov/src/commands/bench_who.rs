//! `zonegov bench who`: 谁来管 resolution in this process, on the demo zone loaded
//! into a fresh database, through the same use case the page and the API run.
//! Target: p99 ≤ 1 ms for a question by item code.

use std::time::Duration;
use zonegov_app::who::run_bench;
use zonegov_domain::NaiveDate;

const TARGET_P99: Duration = Duration::from_millis(1);

pub async fn run(rounds: usize, pg: Option<String>) -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let data = dir.path().join("demo");
    std::fs::create_dir_all(&data)?;
    crate::demo::write_to(&data)?;
    let mut targets = vec![(
        "SQLite",
        format!("sqlite://{}", dir.path().join("who.db").display()),
    )];
    if let Some(url) = pg {
        targets.push(("PostgreSQL", url));
    }
    // Either side of the 2024 park integration.
    let days: Vec<NaiveDate> = ["2024-06-30", "2024-12-31"]
        .iter()
        .map(|d| d.parse())
        .collect::<Result<_, _>>()?;
    for (label, url) in targets {
        let store = zonegov_store::connect(&url).await?;
        let result = async {
            zonegov_app::dataset::load_dir(store.as_ref(), &data, "bench").await?;
            let history = zonegov_store::history(store.as_ref())
                .await?
                .ok_or_else(|| anyhow::anyhow!("the demo did not load"))?;
            println!(
                "{label}: demo zone, days {} and {}, {rounds} rounds",
                days[0], days[1]
            );
            for b in run_bench(store.records(), &history, &days, rounds).await? {
                let target = if b.group.starts_with("free text") {
                    "(includes a full-text search; no target)"
                } else if b.p99 <= TARGET_P99 {
                    "target p99 ≤ 1 ms: met"
                } else {
                    "target p99 ≤ 1 ms: NOT met"
                };
                println!("  {}  {target}", b.line());
            }
            anyhow::Ok(())
        }
        .await;
        store.close().await;
        result?;
    }
    Ok(())
}
