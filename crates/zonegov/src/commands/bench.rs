//! `zonegov bench search`: loads a synthetic national power list into fresh
//! databases with the bulk path and times a fixed query set (targets: p50 ≤ 5 ms,
//! p99 ≤ 20 ms per query).

use crate::cli::BenchCommand;
use std::time::{Duration, Instant};
use zonegov_domain::{PowerItem, Record};
use zonegov_store::{SearchQuery, Store};

/// Items per zone in a national list (the brief's 1,580; ≈ 281,000 for 178 zones).
pub(super) const PER_ZONE: usize = 1_580;

/// Two-character words first (the case trigram search misses), then longer
/// phrases, one character, a whole item name (the exact-name boost), a long part
/// of a name (a phrase of nine bigrams, the costliest kind) and two words.
const QUERIES: &[&str] = &[
    "消防",
    "用地",
    "排污",
    "许可",
    "处罚",
    "燃气",
    "检查",
    "危险化学品",
    "特种设备",
    "燃",
    "对违反消防安全管理规定的处罚",
    "违反消防安全管理规定",
    "消防 检查",
];

pub async fn run(command: BenchCommand) -> anyhow::Result<()> {
    match command {
        BenchCommand::Search {
            small,
            zones,
            pg,
            sqlite,
            rounds,
        } => search_bench(small, zones, pg, sqlite, rounds).await,
        list @ BenchCommand::List { .. } => super::bench_list::run(list).await,
        BenchCommand::Export { rows, small, child } => {
            super::bench_export::run(rows, small, child).await
        }
        BenchCommand::Import { rows, small, pg } => super::bench_import::run(rows, small, pg).await,
        BenchCommand::Who { rounds, pg } => super::bench_who::run(rounds, pg).await,
        BenchCommand::Pipeline { projects, rounds } => {
            super::bench_pipeline::run(projects, rounds).await
        }
        BenchCommand::Coverage {
            enterprises,
            rounds,
        } => {
            let today = chrono::Local::now().date_naive();
            let text = zonegov_app::safety::bench::bench_coverage(enterprises, rounds, today)
                .map_err(anyhow::Error::msg)?;
            print!("{text}");
            Ok(())
        }
    }
}

async fn search_bench(
    small: bool,
    zones: Option<usize>,
    pg: Option<String>,
    sqlite: Option<std::path::PathBuf>,
    rounds: usize,
) -> anyhow::Result<()> {
    let zones = zones.unwrap_or(if small { 3 } else { 178 });
    let dir = tempfile::tempdir()?;
    let path = sqlite.unwrap_or_else(|| dir.path().join("bench.db"));
    let mut targets = vec![("SQLite".to_owned(), format!("sqlite://{}", path.display()))];
    if let Some(url) = pg {
        targets.push(("PostgreSQL".to_owned(), url));
    }
    println!("synthetic list: {zones} zones × {PER_ZONE} items");
    for (label, url) in targets {
        let store = zonegov_store::connect(&url).await?;
        let result = bench_one(store.as_ref(), &label, zones, rounds).await;
        store.close().await;
        result?;
    }
    Ok(())
}

async fn bench_one(
    store: &dyn Store,
    label: &str,
    zones: usize,
    rounds: usize,
) -> anyhow::Result<()> {
    national(store, label, zones).await?;
    search(store, label, chrono::Local::now().date_naive(), rounds).await
}

/// Fills an empty database with the synthetic list of `zones` zones, or accepts
/// one this command filled before with as many (a national list takes minutes to
/// load); refuses any other list.
pub(super) async fn national(store: &dyn Store, label: &str, zones: usize) -> anyhow::Result<()> {
    let today = chrono::Local::now().date_naive();
    let held: u64 = store
        .records()
        .tally(PowerItem::KIND, today, None)
        .await?
        .iter()
        .map(|t| t.count)
        .sum();
    let expected = u64::try_from(zones * PER_ZONE)?;
    if held == expected {
        // A national list takes minutes to load: a database this command filled
        // before (same zones, same generator) is searched as it is.
        println!("{label}: reusing the {held} items already loaded");
    } else if held != 0 {
        anyhow::bail!(
            "{label}: the database holds {held} power items, not the {expected} of {zones} zones; give a fresh one"
        );
    } else {
        load(store, label, zones).await?;
    }
    Ok(())
}

async fn load(store: &dyn Store, label: &str, zones: usize) -> anyhow::Result<()> {
    let change = zonegov_app::power::synth::change_set().map_err(anyhow::Error::msg)?;
    let started = Instant::now();
    let (mut items, mut resp) = (0usize, 0usize);
    // One zone per transaction: a national list is never held in memory at once.
    for z in 1..=zones {
        let zone = zonegov_app::power::synth::zone(z, PER_ZONE).map_err(anyhow::Error::msg)?;
        resp += zone
            .iter()
            .map(|v| v.attrs.responsibilities.len())
            .sum::<usize>();
        let changes = if z == 1 {
            vec![change.clone()]
        } else {
            Vec::new()
        };
        items += store.records().load_bulk_versions(&changes, &zone).await?;
    }
    println!(
        "{label}: loaded {items} items ({resp} responsibility items) in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

async fn search(
    store: &dyn Store,
    label: &str,
    today: chrono::NaiveDate,
    rounds: usize,
) -> anyhow::Result<()> {
    let mut all = Vec::new();
    println!(
        "{label}: {:<32} {:>6} {:>9} {:>9}",
        "query", "hits", "p50 ms", "p99 ms"
    );
    for text in QUERIES {
        let q = SearchQuery {
            kind: PowerItem::KIND,
            text,
            as_of: Some(today),
            scope: None,
            limit: 20,
            offset: 0,
        };
        let hits = store.records().search(&q).await?.len();
        let mut times = Vec::with_capacity(rounds);
        for _ in 0..rounds {
            let t = Instant::now();
            store.records().search(&q).await?;
            times.push(t.elapsed());
        }
        times.sort();
        println!(
            "{label}: {:<32} {:>6} {:>9.2} {:>9.2}",
            text,
            hits,
            ms(percentile(&times, 50)),
            ms(percentile(&times, 99))
        );
        all.extend(times);
    }
    all.sort();
    println!(
        "{label}: all queries: p50 {:.2} ms, p99 {:.2} ms (targets 5 and 20)",
        ms(percentile(&all, 50)),
        ms(percentile(&all, 99))
    );
    Ok(())
}

pub(super) fn percentile(sorted: &[Duration], p: usize) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let i = (sorted.len() * p).div_ceil(100).saturating_sub(1);
    sorted[i.min(sorted.len() - 1)]
}

pub(super) fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1_000.0
}
