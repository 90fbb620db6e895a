use super::synth::{self, CHARACTERISTIC, PARKS, STREETS};
use std::collections::{BTreeSet, HashSet};
use zonegov_domain::enterprise::{HazardFlag, IndustryCode};
use zonegov_domain::safety::{CoverageAudit, ExceptionKind, Place, RuleKey, SafetySubject};
use zonegov_domain::{Code, NaiveDate};

fn c(s: &str) -> Code {
    Code::parse(s).unwrap()
}

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 6, 30).unwrap()
}

fn generated(n: usize) -> Vec<SafetySubject> {
    synth::enterprises(n, 7)
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

type Expected = BTreeSet<(String, ExceptionKind, Vec<RuleKey>, Vec<Code>)>;

/// What the planted mapping must yield for one enterprise, worked out from `PLANTED`'s
/// description alone, not through the rules.
fn oracle(e: &SafetySubject, out: &mut Expected) {
    let cc = e.credit_code.to_string();
    let park_mapped = e
        .park
        .as_ref()
        .is_some_and(|p| p.as_str() != "P09" && PARKS.iter().any(|(q, _, _)| *q == p.as_str()));
    let street = e.street.clone().unwrap();
    if !park_mapped {
        if street.as_str() == "ST05" {
            out.insert((
                cc.clone(),
                ExceptionKind::GridOverlap,
                vec![RuleKey::Place(Place::Street(street))],
                vec![c("G1-ST05"), c("G1-ST05B")],
            ));
        } else if !STREETS.contains(&street.as_str()) {
            let mut keys: Vec<_> = e
                .park
                .iter()
                .map(|p| RuleKey::Place(Place::Park(p.clone())))
                .collect();
            keys.push(RuleKey::Place(Place::Street(street)));
            out.insert((cc.clone(), ExceptionKind::NoGrid, keys, vec![]));
        }
    }
    if e.industry.section().as_str() == "A" {
        let keys = e.industry.chain().map(RuleKey::Industry).collect();
        out.insert((cc.clone(), ExceptionKind::NoSectorBody, keys, vec![]));
    } else if e.industry.as_str() == "3612" {
        let keys = vec![RuleKey::Industry(e.industry)];
        out.insert((
            cc.clone(),
            ExceptionKind::SectorOverlap,
            keys,
            vec![c("N13"), c("N06")],
        ));
    }
    for &f in &e.hazards {
        match f {
            HazardFlag::MetalSmelting => {
                out.insert((
                    cc.clone(),
                    ExceptionKind::NoSpecialistBody,
                    vec![RuleKey::Hazard(f)],
                    vec![],
                ));
            }
            HazardFlag::DustExplosion => {
                out.insert((
                    cc.clone(),
                    ExceptionKind::SpecialistOverlap,
                    vec![RuleKey::Hazard(f)],
                    vec![c("N11"), c("MD06")],
                ));
            }
            _ => {}
        }
    }
}

#[test]
fn the_full_mapping_covers_every_generated_enterprise() {
    let enterprises = generated(20_000);
    let rules = synth::full_rules().unwrap();
    let report = CoverageAudit::new(&rules, day(), 10).run(&enterprises);
    assert_eq!(report.total, 20_000);
    assert_eq!(
        report.exception_count(),
        0,
        "{}",
        report.text(zonegov_domain::Lang::Zh)
    );
    assert!(report.is_full());
    assert!(report.mapping_overlaps.is_empty());
    let (_, planted) = synth::planted().unwrap();
    assert!(
        CoverageAudit::new(&rules, day(), 10)
            .run(&planted)
            .is_full()
    );
}

#[test]
fn the_audit_finds_exactly_the_planted_gaps_and_overlaps() {
    let (rules, planted) = synth::planted().unwrap();
    let mut enterprises = generated(20_000);
    enterprises.extend(planted);
    let report = CoverageAudit::new(&rules, day(), usize::MAX).run(&enterprises);
    let mut expected = Expected::new();
    for e in &enterprises {
        oracle(e, &mut expected);
    }
    let found: Expected = report
        .examples()
        .map(|x| {
            (
                x.credit_code.to_string(),
                x.kind,
                x.keys.clone(),
                x.claimants.clone(),
            )
        })
        .collect();
    assert_eq!(found.len(), expected.len());
    assert_eq!(found, expected);
    assert_eq!(
        report.exception_count(),
        u64::try_from(expected.len()).unwrap()
    );
    // Every planted kind occurs, the comprehensive party stays covered.
    for kind in ExceptionKind::ALL {
        let count = report.exceptions[kind.index()].count;
        assert_eq!(
            count > 0,
            kind != ExceptionKind::NoComprehensiveBody,
            "{kind:?}"
        );
    }
    assert_eq!(report.mapping_overlaps.len(), 3);
}

#[test]
fn generated_enterprises_look_like_the_zone() {
    let enterprises = generated(20_000);
    let codes: HashSet<_> = enterprises.iter().map(|e| e.credit_code.clone()).collect();
    assert_eq!(codes.len(), enterprises.len());
    let characteristic: HashSet<IndustryCode> = CHARACTERISTIC
        .iter()
        .flat_map(|(_, classes)| classes.iter().map(|k| IndustryCode::parse(k).unwrap()))
        .collect();
    let share = enterprises
        .iter()
        .filter(|e| characteristic.contains(&e.industry))
        .count();
    assert!(share * 100 / enterprises.len() >= 65, "{share}");
    let parks: HashSet<_> = enterprises.iter().filter_map(|e| e.park.clone()).collect();
    assert_eq!(parks.len(), PARKS.len());
    let flags: HashSet<_> = enterprises
        .iter()
        .flat_map(|e| e.hazards.iter().copied())
        .collect();
    assert_eq!(flags.len(), HazardFlag::ALL.len());
    assert!(enterprises.iter().any(|e| e.hazards.is_empty()));
    // The same seed gives the same stream; another seed another.
    assert_eq!(generated(50), enterprises[..50].to_vec());
    let other: Vec<_> = synth::enterprises(50, 8)
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_ne!(other, enterprises[..50].to_vec());
}

#[test]
fn the_benchmark_reports_its_figures() {
    let text = super::bench::bench_coverage(3_000, 1, day()).unwrap();
    assert!(text.contains("enterprises/s"), "{text}");
    assert!(text.contains("peak RSS"), "{text}");
    assert!(text.contains("属地监管：覆盖 3000（100.00%）"), "{text}");
}
