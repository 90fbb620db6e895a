//! `zonegov bench import`: writes a synthetic published list of N rows (one row per
//! responsibility item, ≈ 2.4 a power item) as canonical CSV, then imports it with
//! the same use case as `zonegov import power-list` into a fresh SQLite file and,
//! with --pg, an empty PostgreSQL database, each holding the demo zone without its
//! list. Prints rows, items, the wall time of the import, rows/s and the peak RSS
//! (target: 100,000 rows in at most 10 s). Measured 2026-11-28 07:06-07:11 on the
//! 2-core machine at load 2.2-3.3: PostgreSQL median 8.27 s (binary tsvector, one
//! statement for a chunk's versions and change items, no stale foreign-key plan;
//! the old binary in the same runs 45.3 s, 11.54 s when it escaped the stale plan),
//! SQLite 5.74 s.

use anyhow::Context;
use std::io::Write;
use std::path::Path;
use std::time::Instant;
use zonegov_app::power_import::{ImportMode, ImportOptions, dry_run, import};
use zonegov_domain::{Code, NaiveDate, Period};
use zonegov_io::power_list::{CsvListWriter, ReadOptions};
use zonegov_store::Store;

/// The synthetic list's start (its items carry it as 生效日期).
fn effective() -> anyhow::Result<NaiveDate> {
    NaiveDate::from_ymd_opt(2025, 1, 1).context("2025-01-01 is a day")
}

pub async fn run(rows: usize, small: bool, pg: Option<String>) -> anyhow::Result<()> {
    let rows = if small { 2_000 } else { rows };
    if rows == 0 {
        anyhow::bail!("--rows must be at least 1");
    }
    let dir = tempfile::tempdir()?;
    let demo = dir.path().join("demo");
    demo_without_list(&demo)?;
    let mut targets = vec![(
        "SQLite",
        format!("sqlite://{}", dir.path().join("bench.db").display()),
    )];
    if let Some(url) = pg {
        targets.push(("PostgreSQL", url));
    }
    let file = dir.path().join("list.csv");
    let mut written = None;
    for (label, url) in targets {
        let store = zonegov_store::connect(&url).await?;
        let result = async {
            if store.records().has_zone().await? {
                anyhow::bail!("{label}: the database already holds a zone; give an empty one");
            }
            zonegov_app::dataset::load_dir(store.as_ref(), &demo, "bench").await?;
            let list = match written {
                Some(w) => w,
                None => {
                    let bodies = bodies(store.as_ref()).await?;
                    let w = write_list(&file, rows, &bodies)?;
                    written = Some(w);
                    w
                }
            };
            bench_one(store.as_ref(), label, &file, list).await
        }
        .await;
        store.close().await;
        result?;
    }
    Ok(())
}

/// The embedded demo dataset without its power list, so the import adds every item,
/// and without the 三定, whose functions cite items of that list.
fn demo_without_list(dir: &Path) -> anyhow::Result<()> {
    std::fs::create_dir_all(dir)?;
    crate::demo::write_to(dir)?;
    let path = dir.join("manifest.toml");
    let manifest = std::fs::read_to_string(&path)?;
    let kept: Vec<&str> = manifest
        .lines()
        .filter(|l| {
            let l = l.trim_start();
            !l.starts_with("power-items") && !l.starts_with("staffing")
        })
        .collect();
    std::fs::write(&path, kept.join("\n"))?;
    Ok(())
}

/// Institutions that exist on the list's start: the bodies items are spread over.
async fn bodies(store: &dyn Store) -> anyhow::Result<Vec<Code>> {
    let history = zonegov_store::history(store)
        .await?
        .context("the demo zone was just loaded")?;
    let day = effective()?;
    let out: Vec<Code> = history
        .institutions()
        .snapshot(day)
        .map(|v| v.code.clone())
        .collect();
    if out.is_empty() {
        anyhow::bail!("the demo zone has no institution on {day}");
    }
    Ok(out)
}

/// What was written: rows and items.
#[derive(Debug, Clone, Copy)]
struct Written {
    rows: usize,
    items: usize,
}

/// Streams `rows` rows of the synthetic list (zone by zone of
/// `zonegov_app::power::synth`, renumbered to the default coding rule and spread
/// over `bodies`) through the exporter's CSV writer; the last item is cut so the
/// file has exactly `rows` rows.
fn write_list(path: &Path, rows: usize, bodies: &[Code]) -> anyhow::Result<Written> {
    let sink = std::io::BufWriter::new(std::fs::File::create(path)?);
    let mut out = CsvListWriter::new(sink)?;
    let period = Period::new(effective()?, None).map_err(anyhow::Error::msg)?;
    let (mut done, mut items) = (0usize, 0usize);
    let mut zone = 1;
    while done < rows {
        for mut v in zonegov_app::power::synth::zone(zone, 1_580).map_err(anyhow::Error::msg)? {
            if done >= rows {
                break;
            }
            items += 1;
            v.code = Code::parse(&format!(
                "{}{:05}{:03}",
                v.attrs.item_type,
                items,
                items % 7
            ))
            .map_err(|e| anyhow::anyhow!("{e}"))?;
            v.period = period;
            v.attrs.body = bodies[items % bodies.len()].clone();
            let left = rows - done;
            v.attrs.responsibilities.truncate(left);
            done += v.attrs.responsibilities.len().max(1);
            out.write(&v)?;
        }
        zone += 1;
    }
    out.finish()?.flush()?;
    Ok(Written { rows: done, items })
}

async fn bench_one(
    store: &dyn Store,
    label: &str,
    file: &Path,
    list: Written,
) -> anyhow::Result<()> {
    let bytes = std::fs::read(file)?;
    let name = "bench-list.csv";
    let opt = ImportOptions {
        read: ReadOptions::default(),
        mode: ImportMode::Whole,
        doc_no: "基准〔2025〕1号".to_owned(),
        effective: effective()?,
        actor: "bench".to_owned(),
        ip: "local".to_owned(),
    };
    reset_peak();
    let t = Instant::now();
    let dry = dry_run(store, &bytes, name, &opt).await?;
    let dry_secs = t.elapsed().as_secs_f64();
    if !dry.is_ok() {
        for p in dry.problems.iter().take(5) {
            println!("{label}: {p}");
        }
        anyhow::bail!(
            "{label}: the synthetic list has {} problems",
            dry.problems.len()
        );
    }
    println!(
        "{label}: dry run (read and check, writes nothing): {dry_secs:.2} s, peak RSS {}",
        peak_rss()
    );
    reset_peak();
    let t = Instant::now();
    let report = import(store, &bytes, name, &opt).await?;
    let secs = t.elapsed().as_secs_f64();
    if !report.is_ok() {
        anyhow::bail!(
            "{label}: the import found {} problems",
            report.problems.len()
        );
    }
    let rows = list.rows;
    if report.added != list.items {
        anyhow::bail!(
            "{label}: {} items added of the {} written",
            report.added,
            list.items
        );
    }
    println!(
        "{label}: import of {rows} rows ({} items, {} responsibility items): {secs:.2} s, {:.0} rows/s, peak RSS {} (target ≤ 10 s)",
        report.added,
        report.responsibilities,
        rows as f64 / secs.max(f64::EPSILON),
        peak_rss()
    );
    Ok(())
}

/// Resets the kernel's peak-RSS mark (VmHWM), so each import's peak is its own.
fn reset_peak() {
    // Best effort: without it the figure is the process's peak so far, never less.
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

/// VmHWM of /proc/self/status (Linux), as printed there.
fn peak_rss() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmHWM:").map(|v| v.trim().to_owned()))
        })
        .unwrap_or_else(|| "unknown (no /proc/self/status)".to_owned())
}
