//! `zonegov bench coverage`: the coverage audit over a synthetic national-scale set of
//! enterprises (3.5 million), streamed from the generator so memory stays flat. Each round
//! times three passes over the same stream: generation alone (the baseline), the audit on
//! the 100 % mapping, and the audit on the planted mapping (many exceptions: the counting
//! path). Prints the median wall time of each, enterprises/s, and peak RSS per pass.

use super::synth;
use std::time::{Duration, Instant};
use zonegov_domain::NaiveDate;
use zonegov_domain::lang::Lang;
use zonegov_domain::safety::{CoverageAudit, CoverageReport, SafetyRules};

const SEED: u64 = 0x5AFE_2024;
/// Examples kept per exception kind.
const EXAMPLES: usize = 5;

/// Peak resident set size of this process (VmHWM), in KiB; `None` off Linux.
pub fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}

/// CPU time this (single) thread has run, from the scheduler; `None` off Linux. Printed
/// beside wall time because other processes share the two cores.
fn cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: u64 = stat.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(ns))
}

/// Resets the peak so each pass reports its own (Linux ≥ 4.0); false when it could not.
fn reset_peak() -> bool {
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}

struct Pass {
    label: (&'static str, &'static str),
    times: Vec<Duration>,
    cpu: Vec<Duration>,
    peak_kib: Option<u64>,
}

fn generate_only(n: usize) -> Result<usize, String> {
    let mut count = 0;
    for e in synth::enterprises(n, SEED)? {
        std::hint::black_box(e?);
        count += 1;
    }
    Ok(count)
}

fn audit(n: usize, rules: &SafetyRules, as_of: NaiveDate) -> Result<CoverageReport, String> {
    let mut audit = CoverageAudit::new(rules, as_of, EXAMPLES);
    for e in synth::enterprises(n, SEED)? {
        audit.observe(&e?);
    }
    Ok(audit.finish())
}

fn median(times: &[Duration]) -> Duration {
    let mut sorted = times.to_vec();
    sorted.sort();
    sorted.get(sorted.len() / 2).copied().unwrap_or_default()
}

/// Runs `rounds` rounds over `n` enterprises and returns the printable report.
pub fn bench_coverage(n: usize, rounds: usize, as_of: NaiveDate) -> Result<String, String> {
    let full = synth::full_rules()?;
    let (planted, _) = synth::planted()?;
    let mut passes = [
        ("仅生成（基线）", "generate only (baseline)"),
        ("审计：100% 映射", "audit: 100 % mapping"),
        ("审计：预置异常映射", "audit: planted mapping"),
    ]
    .map(|label| Pass {
        label,
        times: Vec::new(),
        cpu: Vec::new(),
        peak_kib: None,
    });
    let mut reports: [Option<CoverageReport>; 2] = [None, None];
    let resettable = reset_peak();
    for _ in 0..rounds.max(1) {
        for (i, pass) in passes.iter_mut().enumerate() {
            reset_peak();
            let cpu_start = cpu_time();
            let start = Instant::now();
            match i {
                0 => {
                    generate_only(n)?;
                }
                _ => {
                    let rules = if i == 1 { &full } else { &planted };
                    reports[i - 1] = Some(audit(n, rules, as_of)?);
                }
            }
            pass.times.push(start.elapsed());
            if let (Some(a), Some(b)) = (cpu_start, cpu_time()) {
                pass.cpu.push(b.saturating_sub(a));
            }
            pass.peak_kib = pass.peak_kib.max(peak_rss_kib());
        }
    }
    let mut out = format!(
        "安全生产覆盖审计基准 / coverage audit benchmark: {n} 家企业 / enterprises, {} 轮 / rounds, {} 核 / cores\n",
        rounds.max(1),
        std::thread::available_parallelism().map_or(1, |p| p.get()),
    );
    if !resettable {
        out.push_str("  （峰值内存无法按阶段重置，为进程峰值 / peak RSS could not be reset per pass: process peak）\n");
    }
    for pass in &passes {
        let m = median(&pass.times);
        let rate = n as f64 / m.as_secs_f64().max(f64::EPSILON);
        let peak = pass
            .peak_kib
            .map_or("?".to_owned(), |k| format!("{:.1} MiB", k as f64 / 1024.0));
        out.push_str(&format!(
            "  {} / {}: 中位 / median {:.3} s（CPU {:.3} s）, {:.0} 家/秒 / enterprises/s, 峰值内存 / peak RSS {peak}\n",
            pass.label.0,
            pass.label.1,
            m.as_secs_f64(),
            median(&pass.cpu).as_secs_f64(),
            rate,
        ));
    }
    for report in reports.iter().flatten() {
        out.push_str(&report.text(Lang::Zh));
        out.push_str(&format!(
            "  不同行业代码 / distinct industry codes: {}\n",
            report.distinct_industry_codes
        ));
    }
    Ok(out)
}
