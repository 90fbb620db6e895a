use super::*;
use crate::NaiveDate;
use crate::code::Code;
use crate::enterprise::credit_code::{check_char, organisation_check_char};
use crate::enterprise::{CreditCode, HazardFlag, IndustryCode};
use crate::lang::{Lang, Name};
use std::collections::BTreeSet;

fn c(s: &str) -> Code {
    Code::parse(s).unwrap()
}

fn ind(s: &str) -> IndustryCode {
    IndustryCode::parse(s).unwrap()
}

/// A valid code for serial `n`, its check characters computed here.
fn credit(n: u32) -> CreditCode {
    let body = format!("{n:08}");
    let org = organisation_check_char(&body).unwrap();
    let prefix = format!("91370871{body}{org}");
    CreditCode::parse(&format!("{prefix}{}", check_char(&prefix).unwrap())).unwrap()
}

fn grid(number: &str, level: GridLevel, person: &str) -> Grid {
    Grid {
        number: c(number),
        level,
        name: Name::new(format!("网格{number}"), format!("Grid {number}")),
        parent: None,
        person_in_charge: Some(person.to_owned()),
    }
}

fn rules() -> SafetyRules {
    let mut r = SafetyRules::default();
    r.add_grid(grid("G1", GridLevel::Zone, "王建国")).unwrap();
    r.add_grid(grid("G1-ST01", GridLevel::Area, "欧阳明华"))
        .unwrap();
    r.add_grid(grid("G1-P01", GridLevel::Block, "李雷"))
        .unwrap();
    r.map_place(Place::Street(c("ST01")), c("G1-ST01"), "网格划分方案")
        .unwrap();
    r.map_place(Place::Park(c("P01")), c("G1-P01"), "网格划分方案")
        .unwrap();
    r.add_sector(ind("C"), c("N13"), "制造业由经济运行局管理");
    r.add_sector(ind("27"), c("N09"), "医药制造业由企业服务局管理");
    r.add_sector(ind("2720"), c("MD06"), "化学药品制剂由市场监管管理");
    r.add_sector(ind("I"), c("N06"), "信息技术服务业由科技创新局管理");
    r.add_specialist(HazardFlag::SpecialEquipment, c("MD06"), "特种设备安全法");
    r.add_specialist(
        HazardFlag::HazardousChemicals,
        c("N11"),
        "危险化学品安全管理条例",
    );
    r.set_comprehensive(c("N11"), "安全生产法第十条");
    r
}

fn subject(
    n: u32,
    industry: &str,
    street: &str,
    park: Option<&str>,
    hazards: &[HazardFlag],
) -> SafetySubject {
    SafetySubject {
        credit_code: credit(n),
        industry: ind(industry),
        street: Some(c(street)),
        park: park.map(c),
        hazards: hazards.to_vec(),
    }
}

fn assigned<'r>(d: &Derivation<'r>) -> (&'r str, RuleKey, String) {
    match &d.outcome {
        Outcome::Assigned {
            responsible,
            key,
            basis,
        } => (
            match responsible {
                Responsible::Grid(g) => g.number.as_str(),
                Responsible::Body(b) => b.as_str(),
            },
            key.clone(),
            (*basis).to_owned(),
        ),
        other => panic!("not assigned: {other:?}"),
    }
}

#[test]
fn each_party_is_derived_with_its_rule() {
    let r = rules();
    let e = subject(
        1,
        "2720",
        "ST01",
        Some("P01"),
        &[HazardFlag::HazardousChemicals, HazardFlag::SpecialEquipment],
    );
    let d = r.derive(&e);
    assert_eq!(
        assigned(&d.territorial),
        (
            "G1-P01",
            RuleKey::Place(Place::Park(c("P01"))),
            "网格划分方案".into()
        )
    );
    assert_eq!(
        assigned(&d.sector),
        (
            "MD06",
            RuleKey::Industry(ind("2720")),
            "化学药品制剂由市场监管管理".into()
        )
    );
    let specialist: Vec<_> = d.specialist.iter().map(assigned).collect();
    assert_eq!(
        specialist,
        vec![
            (
                "N11",
                RuleKey::Hazard(HazardFlag::HazardousChemicals),
                "危险化学品安全管理条例".into()
            ),
            (
                "MD06",
                RuleKey::Hazard(HazardFlag::SpecialEquipment),
                "特种设备安全法".into()
            ),
        ]
    );
    assert_eq!(
        assigned(&d.comprehensive),
        ("N11", RuleKey::Comprehensive, "安全生产法第十条".into())
    );
    assert_eq!(d.all().count(), 5);
    assert!(d.all().all(Derivation::is_assigned));
    let line = d.sector.describe(Lang::Zh);
    assert!(
        line.contains("行业管理：MD06") && line.contains("C2720"),
        "{line}"
    );
    assert!(
        d.sector
            .describe(Lang::En)
            .starts_with("Sector management: MD06")
    );
    // The grid's person is shown masked.
    let Outcome::Assigned {
        responsible: Responsible::Grid(g),
        ..
    } = d.territorial.outcome
    else {
        panic!()
    };
    assert_eq!(g.person_masked().unwrap().as_str(), "李*");
}

#[test]
fn an_unmapped_park_falls_back_to_its_street_and_no_flag_needs_no_specialist() {
    let r = rules();
    let e = subject(2, "6513", "ST01", Some("P07"), &[]);
    let d = r.derive(&e);
    assert_eq!(
        assigned(&d.territorial).1,
        RuleKey::Place(Place::Street(c("ST01")))
    );
    assert_eq!(
        assigned(&d.sector),
        (
            "N06",
            RuleKey::Industry(ind("I")),
            "信息技术服务业由科技创新局管理".into()
        )
    );
    assert!(d.specialist.is_empty());
}

#[test]
fn the_most_specific_sector_rule_wins() {
    let r = rules();
    let body = |code: &str| assigned(&r.sector_of(&subject(3, code, "ST01", None, &[]))).0;
    assert_eq!(body("2720"), "MD06"); // class rule
    assert_eq!(body("2710"), "N09"); // division 27
    assert_eq!(body("3911"), "N13"); // section C
}

#[test]
fn gaps_name_the_keys_tried_and_overlaps_the_claimants() {
    let mut r = rules();
    r.add_sector(ind("27"), c("N13"), "另一文件也把医药制造业交给经济运行局");
    let e = subject(4, "0111", "ST09", None, &[HazardFlag::MetalSmelting]);
    let d = r.derive(&e);
    assert_eq!(
        d.territorial.outcome,
        Outcome::Gap {
            tried: vec![RuleKey::Place(Place::Street(c("ST09")))]
        }
    );
    let tried: Vec<_> = ["0111", "011", "01", "A"]
        .map(|k| RuleKey::Industry(ind(k)))
        .into();
    assert_eq!(d.sector.outcome, Outcome::Gap { tried });
    assert_eq!(
        d.specialist[0].outcome,
        Outcome::Gap {
            tried: vec![RuleKey::Hazard(HazardFlag::MetalSmelting)]
        }
    );
    let d = r.sector_of(&subject(5, "2710", "ST01", None, &[]));
    let Outcome::Overlap { key, claimants } = d.outcome else {
        panic!("{d:?}")
    };
    assert_eq!(key, RuleKey::Industry(ind("27")));
    let who: Vec<_> = claimants.iter().map(|(w, _)| w.code().as_str()).collect();
    assert_eq!(who, ["N09", "N13"]);
    // 2720's own rule is more specific, so the overlap on 27 does not reach it.
    assert!(
        r.sector_of(&subject(6, "2720", "ST01", None, &[]))
            .is_assigned()
    );
}

#[test]
fn a_place_mapped_to_an_unknown_grid_is_refused() {
    let mut r = rules();
    let err = r
        .map_place(Place::Street(c("ST02")), c("G9"), "x")
        .unwrap_err();
    assert!(err.message(Lang::Zh).contains("G9"));
    assert!(err.message(Lang::En).contains("does not exist"));
}

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 6, 30).unwrap()
}

type Seen = BTreeSet<(String, ExceptionKind, Vec<RuleKey>, Vec<Code>)>;

fn seen(report: &CoverageReport) -> Seen {
    report
        .examples()
        .map(|x| {
            (
                x.credit_code.to_string(),
                x.kind,
                x.keys.clone(),
                x.claimants.clone(),
            )
        })
        .collect()
}

#[test]
fn the_audit_finds_exactly_the_planted_exceptions() {
    let mut r = rules();
    r.add_grid(grid("G1-ST02", GridLevel::Area, "张伟"))
        .unwrap();
    r.add_grid(grid("G1-ST02B", GridLevel::Area, "赵强"))
        .unwrap();
    r.map_place(Place::Street(c("ST02")), c("G1-ST02"), "方案甲")
        .unwrap();
    r.map_place(Place::Street(c("ST02")), c("G1-ST02B"), "方案乙")
        .unwrap();
    r.add_sector(ind("3612"), c("N13"), "甲");
    r.add_sector(ind("3612"), c("N06"), "乙");
    r.add_specialist(HazardFlag::DustExplosion, c("N11"), "甲");
    r.add_specialist(HazardFlag::DustExplosion, c("MD06"), "乙");
    let enterprises = vec![
        subject(
            10,
            "2720",
            "ST01",
            Some("P01"),
            &[HazardFlag::SpecialEquipment],
        ), // clean
        subject(11, "0111", "ST01", None, &[]), // no sector body
        subject(12, "3612", "ST01", None, &[]), // sector overlap
        subject(13, "3911", "ST02", None, &[]), // grid overlap
        subject(14, "3911", "ST09", Some("P09"), &[]), // no grid
        subject(
            15,
            "3911",
            "ST01",
            None,
            &[HazardFlag::MetalSmelting, HazardFlag::DustExplosion],
        ),
    ];
    let report = CoverageAudit::new(&r, day(), 100).run(&enterprises);
    let place = |p: Place| RuleKey::Place(p);
    let expected: Seen = [
        (
            credit(11),
            ExceptionKind::NoSectorBody,
            ["0111", "011", "01", "A"]
                .map(|k| RuleKey::Industry(ind(k)))
                .into(),
            vec![],
        ),
        (
            credit(12),
            ExceptionKind::SectorOverlap,
            vec![RuleKey::Industry(ind("3612"))],
            vec![c("N13"), c("N06")],
        ),
        (
            credit(13),
            ExceptionKind::GridOverlap,
            vec![place(Place::Street(c("ST02")))],
            vec![c("G1-ST02"), c("G1-ST02B")],
        ),
        (
            credit(14),
            ExceptionKind::NoGrid,
            vec![
                place(Place::Park(c("P09"))),
                place(Place::Street(c("ST09"))),
            ],
            vec![],
        ),
        (
            credit(15),
            ExceptionKind::NoSpecialistBody,
            vec![RuleKey::Hazard(HazardFlag::MetalSmelting)],
            vec![],
        ),
        (
            credit(15),
            ExceptionKind::SpecialistOverlap,
            vec![RuleKey::Hazard(HazardFlag::DustExplosion)],
            vec![c("N11"), c("MD06")],
        ),
    ]
    .into_iter()
    .map(|(cc, k, keys, who)| (cc.to_string(), k, keys, who))
    .collect();
    assert_eq!(seen(&report), expected);
    assert_eq!(report.exception_count(), 6);
    assert_eq!(report.total, 6);
    let p = |party: Party| report.parties[party.index()].clone();
    assert_eq!(
        (
            p(Party::Territorial).covered,
            p(Party::Territorial).with_gap,
            p(Party::Territorial).with_overlap
        ),
        (4, 1, 1)
    );
    assert_eq!(
        (
            p(Party::Sector).covered,
            p(Party::Sector).with_gap,
            p(Party::Sector).with_overlap
        ),
        (4, 1, 1)
    );
    assert_eq!(
        (
            p(Party::Specialist).covered,
            p(Party::Specialist).with_gap,
            p(Party::Specialist).with_overlap
        ),
        (5, 1, 1)
    );
    assert_eq!(p(Party::Comprehensive).covered, 6);
    assert_eq!(report.no_hazard_flags, 4);
    assert!(!report.is_full());
    // Mapping-level overlaps are listed even without an enterprise under them.
    let keys: Vec<_> = report
        .mapping_overlaps
        .iter()
        .map(|m| m.key.clone())
        .collect();
    assert_eq!(
        keys,
        vec![
            place(Place::Street(c("ST02"))),
            RuleKey::Industry(ind("3612")),
            RuleKey::Hazard(HazardFlag::DustExplosion)
        ]
    );
    let text = report.text(Lang::Zh);
    assert!(text.contains("行业管理空白: 1"), "{text}");
    assert!(report.text(Lang::En).contains("No sector body: 1"));
}

#[test]
fn examples_are_bounded_but_every_exception_is_counted() {
    let r = rules();
    let enterprises: Vec<_> = (0..50)
        .map(|n| subject(100 + n, "0111", "ST09", None, &[]))
        .collect();
    let report = CoverageAudit::new(&r, day(), 3).run(&enterprises);
    for kind in [ExceptionKind::NoGrid, ExceptionKind::NoSectorBody] {
        let k = &report.exceptions[kind.index()];
        assert_eq!((k.kind, k.count, k.examples.len()), (kind, 50, 3));
    }
    assert_eq!(
        report.parties[Party::Sector.index()].percent(report.total),
        0.0
    );
}

#[test]
fn full_mapping_reports_nothing_and_a_missing_comprehensive_body_is_a_gap_for_all() {
    let r = rules();
    let enterprises = [
        subject(
            20,
            "2720",
            "ST01",
            Some("P01"),
            &[HazardFlag::HazardousChemicals],
        ),
        subject(21, "3911", "ST01", None, &[]),
    ];
    let report = CoverageAudit::new(&r, day(), 10).run(&enterprises);
    assert!(report.is_full());
    assert_eq!(report.exception_count(), 0);
    assert!(
        report
            .parties
            .iter()
            .all(|p| p.percent(report.total) == 100.0)
    );

    let mut bare = SafetyRules::default();
    bare.add_sector(ind("C"), c("N13"), "x");
    let report = CoverageAudit::new(&bare, day(), 10).run(&enterprises);
    assert_eq!(
        report.exceptions[ExceptionKind::NoComprehensiveBody.index()].count,
        2
    );
    assert_eq!(
        report.exceptions[ExceptionKind::NoSpecialistBody.index()].count,
        1
    );
}
