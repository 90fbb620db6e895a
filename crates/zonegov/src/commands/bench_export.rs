//! `zonegov bench export`: the power list export at national scale (target: 280,000
//! rows with peak memory ≤ 200 MB). A synthetic list is generated zone by zone and
//! streamed through the export's own writers (`XlsxListWriter`, `CsvListWriter`) to
//! a temporary file. Each format runs in a fresh child process (this executable
//! again, with a hidden `--child`), so each peak RSS (VmHWM) is that format's
//! alone; a third child that only starts up gives the baseline.

use std::io::Write;
use std::path::Path;
use std::process::Command;
use std::time::Instant;
use zonegov_domain::Version;
use zonegov_domain::power::PowerItem;
use zonegov_io::power_list::{CsvListWriter, XlsxListWriter};

/// Items per zone: the bench search's national list, ≈ 3,950 rows a zone.
const PER_ZONE: usize = 1_580;

/// Rows of a `--small` run (CI).
const SMALL_ROWS: usize = 5_000;

/// What one child measured.
struct Measured {
    rows: usize,
    items: usize,
    bytes: u64,
    seconds: f64,
    peak_kb: u64,
}

pub async fn run(rows: usize, small: bool, child: Option<String>) -> anyhow::Result<()> {
    let rows = if small { SMALL_ROWS } else { rows };
    if rows == 0 {
        anyhow::bail!("--rows 须大于 0 / --rows must be at least 1");
    }
    if let Some(format) = child {
        return run_child(&format, rows);
    }
    let baseline = spawn("baseline", rows)?;
    println!(
        "synthetic power list: {rows} rows (responsibility items), generated zone by zone ({PER_ZONE} items a zone)"
    );
    println!(
        "baseline (a fresh process after start-up): peak RSS {:.1} MB",
        mb(baseline.peak_kb)
    );
    println!(
        "{:<6} {:>9} {:>9} {:>11} {:>9} {:>14} {:>15}",
        "format", "rows", "items", "file MB", "wall s", "peak RSS MB", "over baseline"
    );
    for format in ["xlsx", "csv"] {
        let m = spawn(format, rows)?;
        println!(
            "{:<6} {:>9} {:>9} {:>11.1} {:>9.2} {:>14.1} {:>15.1}",
            format,
            m.rows,
            m.items,
            m.bytes as f64 / 1_048_576.0,
            m.seconds,
            mb(m.peak_kb),
            mb(m.peak_kb.saturating_sub(baseline.peak_kb)),
        );
    }
    println!("target: peak RSS ≤ 200 MB at 280,000 rows");
    Ok(())
}

fn mb(kb: u64) -> f64 {
    kb as f64 / 1024.0
}

/// Runs this executable again for one measurement and reads its result line.
fn spawn(format: &str, rows: usize) -> anyhow::Result<Measured> {
    let exe = std::env::current_exe()?;
    let out = Command::new(exe)
        .args([
            "bench",
            "export",
            "--rows",
            &rows.to_string(),
            "--child",
            format,
        ])
        .output()?;
    let stdout = String::from_utf8_lossy(&out.stdout);
    if !out.status.success() {
        anyhow::bail!(
            "基准子进程失败 / the {format} child failed: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        );
    }
    parse_result(&stdout).ok_or_else(|| {
        anyhow::anyhow!(
            "基准子进程输出无法解析 / unreadable output of the {format} child: {stdout}"
        )
    })
}

/// `RESULT rows=… items=… bytes=… seconds=… peak_kb=…`
fn parse_result(stdout: &str) -> Option<Measured> {
    let line = stdout.lines().find(|l| l.starts_with("RESULT "))?;
    let field = |name: &str| {
        line.split_whitespace()
            .find_map(|kv| kv.strip_prefix(name)?.strip_prefix('='))
    };
    Some(Measured {
        rows: field("rows")?.parse().ok()?,
        items: field("items")?.parse().ok()?,
        bytes: field("bytes")?.parse().ok()?,
        seconds: field("seconds")?.parse().ok()?,
        peak_kb: field("peak_kb")?.parse().ok()?,
    })
}

fn run_child(format: &str, rows: usize) -> anyhow::Result<()> {
    let m = match format {
        "baseline" => Measured {
            rows: 0,
            items: 0,
            bytes: 0,
            seconds: 0.0,
            peak_kb: peak_kb()?,
        },
        "xlsx" | "csv" => {
            let dir = tempfile::tempdir()?;
            let path = dir.path().join(format!("power-list.{format}"));
            let started = Instant::now();
            let (rows, items) = if format == "xlsx" {
                write_xlsx(&path, rows)?
            } else {
                write_csv(&path, rows)?
            };
            let seconds = started.elapsed().as_secs_f64();
            Measured {
                rows,
                items,
                bytes: std::fs::metadata(&path)?.len(),
                seconds,
                peak_kb: peak_kb()?,
            }
        }
        other => anyhow::bail!("unknown --child {other}"),
    };
    println!(
        "RESULT rows={} items={} bytes={} seconds={} peak_kb={}",
        m.rows, m.items, m.bytes, m.seconds, m.peak_kb
    );
    Ok(())
}

fn write_xlsx(path: &Path, rows: usize) -> anyhow::Result<(usize, usize)> {
    let mut w = XlsxListWriter::create(path, "权力清单和责任清单（基准测试）")?;
    let counts = each_item(rows, |v| Ok(w.write(v)?))?;
    w.finish()?;
    Ok(counts)
}

fn write_csv(path: &Path, rows: usize) -> anyhow::Result<(usize, usize)> {
    // As `zonegov export power-list --format csv` writes it.
    let file = std::io::BufWriter::new(std::fs::File::create(path)?);
    let mut w = CsvListWriter::new(file)?;
    let counts = each_item(rows, |v| Ok(w.write(v)?))?;
    w.finish()?.flush()?;
    Ok(counts)
}

/// Hands synthetic items to `each`, one zone in memory at a time, until exactly
/// `rows` rows (an item's responsibilities, at least one) are written; the last
/// item keeps only the responsibilities that fit. Returns rows and items.
fn each_item(
    rows: usize,
    mut each: impl FnMut(&Version<PowerItem>) -> anyhow::Result<()>,
) -> anyhow::Result<(usize, usize)> {
    let (mut written, mut items) = (0usize, 0usize);
    for z in 1.. {
        let zone = zonegov_app::power::synth::zone(z, PER_ZONE).map_err(anyhow::Error::msg)?;
        for mut v in zone {
            v.attrs.responsibilities.truncate(rows - written);
            each(&v)?;
            written += v.attrs.responsibilities.len().max(1);
            items += 1;
            if written >= rows {
                return Ok((written, items));
            }
        }
    }
    Ok((written, items))
}

/// The process's peak resident set (VmHWM), in kB.
fn peak_kb() -> anyhow::Result<u64> {
    let status = std::fs::read_to_string("/proc/self/status")?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .ok_or_else(|| anyhow::anyhow!("no VmHWM in /proc/self/status (Linux only)"))
}

#[cfg(test)]
mod tests {
    #[test]
    fn exactly_the_rows_asked_for() {
        for rows in [1, 7, 5_000] {
            let mut seen = 0;
            let (written, items) = super::each_item(rows, |v| {
                seen += v.attrs.responsibilities.len().max(1);
                Ok(())
            })
            .unwrap_or_default();
            assert_eq!((written, seen), (rows, rows));
            assert!(items > 0 && items <= rows);
        }
    }

    #[test]
    fn result_lines_parse() {
        let m =
            super::parse_result("noise\nRESULT rows=5 items=2 bytes=10 seconds=0.5 peak_kb=300\n")
                .unwrap_or_else(|| panic!("unparsed"));
        assert_eq!((m.rows, m.items, m.bytes, m.peak_kb), (5, 2, 10, 300));
    }
}
