//! As-of benchmarks. `ZONEGOV_BENCH_SCALE=small` shrinks the data for CI smoke runs;
//! the default is national scale (1,000,000 versions).
//!
//! - `lookup/1M versions`: the version of one entity valid on one day, among
//!   10,000 entities × 100 versions each. Target ≤ 10 µs.
//! - `lookup/baseline hashmap get`: a bare HashMap hit on the same keys, as the
//!   floor to compare with on a noisy machine.
//! - `snapshot/ten years`: every park and institution of a zone with ten years of
//!   monthly history, as of one day.

use chrono::{Days, NaiveDate};
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use std::collections::{BTreeMap, HashMap};
use std::hint::black_box;
use zonegov_domain::institution::QuotaType;
use zonegov_domain::*;

fn small() -> bool {
    std::env::var("ZONEGOV_BENCH_SCALE").is_ok_and(|v| v == "small")
}

fn start() -> NaiveDate {
    NaiveDate::from_ymd_opt(2015, 1, 1).unwrap_or_default()
}

/// `entities` codes, each with `per` consecutive versions of `days` days.
fn timeline(entities: usize, per: usize, days: u64) -> (Timeline<u64>, Vec<Code>) {
    let change = Code::parse("C").unwrap_or_else(|_| unreachable!());
    let mut codes = Vec::with_capacity(entities);
    let mut t = Timeline::default();
    for e in 0..entities {
        let code = Code::parse(&format!("E{e:07}")).unwrap_or_else(|_| unreachable!());
        for v in 0..per {
            let from = start() + Days::new(v as u64 * days);
            let period =
                Period::new(from, Some(from + Days::new(days))).unwrap_or_else(|_| unreachable!());
            let _ = t.insert(Version {
                code: code.clone(),
                period,
                change: change.clone(),
                attrs: (e * per + v) as u64,
            });
        }
        codes.push(code);
    }
    (t, codes)
}

fn bench_lookup(c: &mut Criterion) {
    let (entities, per) = if small() { (1_000, 100) } else { (10_000, 100) };
    let (t, codes) = timeline(entities, per, 36);
    let flat: HashMap<Code, u64> = codes.iter().map(|c| (c.clone(), 0)).collect();
    let mut g = c.benchmark_group("lookup");
    let label = format!("{} versions", t.len());
    let mut i = 0usize;
    g.bench_function(BenchmarkId::new("as_of", &label), |b| {
        b.iter(|| {
            i = i.wrapping_add(7919);
            let code = &codes[i % codes.len()];
            let day = start() + Days::new((i % (per * 36)) as u64);
            black_box(t.as_of(black_box(code), day))
        })
    });
    let mut j = 0usize;
    g.bench_function(BenchmarkId::new("baseline hashmap get", &label), |b| {
        b.iter(|| {
            j = j.wrapping_add(7919);
            black_box(flat.get(black_box(&codes[j % codes.len()])))
        })
    });
    g.finish();
}

/// A zone with `bodies` institutions and `parks` parks, each re-versioned monthly
/// for ten years (120 versions each).
fn ten_year_zone(bodies: usize, parks: usize) -> ZoneHistory {
    let c = |s: &str| Code::parse(s).unwrap_or_else(|_| unreachable!());
    let provenance = Provenance {
        source: Source::Illustrative,
        basis: "bench".into(),
        facts: Vec::new(),
    };
    let category = Category {
        code: c("ADMIN"),
        name: Name::new("管委会工作部门", "dept"),
        internal: true,
        sort: 1,
        provenance: provenance.clone(),
    };
    let change = ChangeSet {
        id: c("C"),
        effective: start(),
        doc_no: "bench".into(),
        reason: Name::new("bench", "bench"),
        actor: "bench".into(),
        recorded_at: None,
        provenance: provenance.clone(),
    };
    let months = 120u32;
    let period = |m: u32| {
        let from = start()
            .checked_add_months(chrono::Months::new(m))
            .unwrap_or_default();
        let to = start()
            .checked_add_months(chrono::Months::new(m + 1))
            .unwrap_or_default();
        Period::new(from, Some(to)).unwrap_or_else(|_| unreachable!())
    };
    let mut institutions = Vec::new();
    for b in 0..bodies {
        for m in 0..months {
            institutions.push(Version {
                code: c(&format!("I{b:05}")),
                period: period(m),
                change: c("C"),
                attrs: Institution {
                    name: Name::new(format!("机构{b}-{m}"), ""),
                    plates: Vec::new(),
                    category: c("ADMIN"),
                    parent: None,
                    quotas: BTreeMap::from([(QuotaType::Administrative, m)]),
                    contact: None,
                    provenance: provenance.clone(),
                },
            });
        }
    }
    let mut park_versions = Vec::new();
    for p in 0..parks {
        for m in 0..months {
            park_versions.push(Version {
                code: c(&format!("P{p:05}")),
                period: period(m),
                change: c("C"),
                attrs: Park {
                    name: Name::new(format!("园区{p}-{m}"), ""),
                    kind: ParkKind::ALL[p % 3],
                    industries: vec!["工程机械及智能装备".into()],
                    streets: Vec::new(),
                    managing_body: None,
                    boundary: None,
                    contact: None,
                    provenance: provenance.clone(),
                },
            });
        }
    }
    let zone = Zone {
        division: DivisionCode::parse("370800").unwrap_or_else(|_| unreachable!()),
        name: Name::new("基准", "bench"),
        level: ZoneLevel::National,
        provenance,
    };
    let mut records = RecordSet::default();
    records.set(park_versions);
    records.set(institutions);
    ZoneHistory::build(HistoryParts {
        zone,
        categories: vec![category],
        changes: vec![change],
        records,
        lineage: Vec::new(),
    })
    .unwrap_or_else(|_| unreachable!())
}

fn bench_snapshot(c: &mut Criterion) {
    let (bodies, parks) = if small() { (50, 12) } else { (500, 50) };
    let h = ten_year_zone(bodies, parks);
    let day = NaiveDate::from_ymd_opt(2022, 6, 15).unwrap_or_default();
    let mut g = c.benchmark_group("snapshot");
    let label = format!(
        "ten years, {} versions",
        h.parks().len() + h.institutions().len()
    );
    g.bench_function(BenchmarkId::new("snapshot", &label), |b| {
        b.iter(|| black_box(h.snapshot(black_box(day)).institutions.len()))
    });
    g.bench_function(BenchmarkId::new("report", &label), |b| {
        b.iter(|| black_box(h.report(black_box(day), None).internal_institutions))
    });
    g.finish();
}

criterion_group!(benches, bench_lookup, bench_snapshot);
criterion_main!(benches);
